import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { AppsV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type SimHandle } from "../../sim/index";
import { clustersConnected, startConsole, type ConsoleHandle } from "@/test/harness/console";
import type { HttpSession } from "@/test/harness/http";
import { recordK8sTraffic, type K8sRecorder } from "@/test/harness/k8s-recorder";
import { CONSOLE_SERVICE_ACCOUNT, leastPrivilegeKubeconfig, withoutVerb } from "@/test/harness/least-privilege";

/**
 * Least privilege, proven: the built console talks to the sim with a token holding exactly the
 * ClusterRole `kubectl kustomize deploy/k8s/overlays/hetzner-prod` renders. Every view and every
 * Kubernetes action works with zero 403s at the sim; take `patch` on deployments away and the
 * rollback fails with the API's "forbidden" sentence — the message the UI shows.
 */
let sim: SimHandle;
let dir: string;
const key = () => `lp-${randomBytes(10).toString("hex")}`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grio-lp-"));
  sim = await startSim({ outDir: dir });
}, 120_000);

afterAll(async () => {
  await sim?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function consoleEnv(kubeconfig: string) {
  const clusters = Object.fromEntries(sim.estate.clusters.map((c) => [c.name, { tier: c.tier, production: c.production }]));
  return { KUBECONFIG: kubeconfig, GRIO_CLUSTERS: JSON.stringify(clusters) };
}

/** The estate as an admin sees it (the sim's own kubeconfig), to pick targets. */
function adminClients() {
  const kc = new KubeConfig();
  kc.loadFromFile(sim.estate.kubeconfig);
  kc.setCurrentContext("hetzner-prod");
  return { core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) };
}

describe("the rendered ClusterRole is all the console needs", () => {
  let grio: ConsoleHandle;
  let rec: K8sRecorder;
  let oncall: HttpSession;

  beforeAll(async () => {
    rec = await recordK8sTraffic(leastPrivilegeKubeconfig(sim));
    grio = await startConsole({ database: "pglite", env: consoleEnv(rec.kubeconfig) });
    oncall = await grio.signIn("oncall@grio.local");
    await clustersConnected(oncall);
  }, 150_000);
  afterAll(async () => {
    await grio?.stop();
    await rec?.stop();
  });

  it("serves every view and every Kubernetes action with zero 403s at the sim", async () => {
    const { core, apps } = adminClients();
    const nodes = (await core.listNode()).items.map((n) => n.metadata!.name!);
    const pods = (await core.listNamespacedPod({ namespace: "grio" })).items;
    const sts = (await apps.listNamespacedStatefulSet({ namespace: "grio" })).items[0]?.metadata?.name;
    const pod = pods.find((p) => p.metadata?.ownerReferences?.[0]?.kind === "ReplicaSet")!.metadata!.name!;
    const ok = async (r: Promise<{ status: number; error?: { message: string } }>, what: string) => {
      const res = await r;
      expect(res.error?.message, what).toBeUndefined();
      expect(res.status, what).toBe(200);
      return res as { status: number; data: unknown };
    };
    const c = "hetzner-prod";
    await ok(oncall.query("cluster.overview"), "overview");
    await ok(oncall.query("cluster.nodes"), "nodes");
    await ok(oncall.query("cluster.node", { cluster: c, name: nodes[0] }), "node");
    await ok(oncall.query("cluster.workloads"), "workloads");
    await ok(oncall.query("cluster.workload", { cluster: c, kind: "Deployment", namespace: "grio", name: "django-api" }), "workload");
    await ok(oncall.query("cluster.pods"), "pods");
    await ok(oncall.query("cluster.pod", { cluster: c, namespace: "grio", name: pod }), "pod");
    await ok(oncall.query("cluster.volumes"), "volumes");
    await ok(oncall.query("cluster.yaml", { cluster: c, kind: "Deployment", namespace: "grio", name: "django-api" }), "yaml deployment");
    await ok(oncall.query("cluster.yaml", { cluster: c, kind: "Node", name: nodes[0] }), "yaml node");
    await ok(oncall.query("cluster.yaml", { cluster: c, kind: "Pod", namespace: "grio", name: pod }), "yaml pod");
    await ok(oncall.query("cluster.yaml", { cluster: c, kind: "CronJob", namespace: "grio", name: "backup-postgres" }), "yaml cronjob");

    const django = { cluster: c, namespace: "grio", kind: "Deployment" as const, name: "django-api" };
    await ok(oncall.query("actions.rollbackOptions", django), "rollbackOptions");
    const done = (r: { data: unknown }, what: string) => expect((r.data as { status: string; message: string }).status, `${what}: ${JSON.stringify(r.data)}`).toBe("succeeded");
    done(await ok(oncall.mutation("actions.rollback", { ...django, toRevision: 2, idempotencyKey: key(), confirmName: "django-api" }), "rollback"), "rollback");
    await ok(oncall.query("actions.scaleOptions", { ...django, replicas: 3 }), "scaleOptions");
    done(await ok(oncall.mutation("actions.scale", { ...django, replicas: 3, idempotencyKey: key(), confirmName: "django-api" }), "scale"), "scale");
    done(await ok(oncall.mutation("actions.restart", { ...django, idempotencyKey: key(), confirmName: "django-api" }), "restart"), "restart");
    if (sts) {
      const ref = { cluster: c, namespace: "grio", kind: "StatefulSet" as const, name: sts };
      await ok(oncall.query("actions.rollbackOptions", ref), "sts rollbackOptions");
      done(await ok(oncall.mutation("actions.restart", { ...ref, idempotencyKey: key(), confirmName: sts }), "sts restart"), "sts restart");
    }
    done(await ok(oncall.mutation("actions.cordon", { cluster: c, node: nodes[0], cordon: true, idempotencyKey: key(), confirmName: nodes[0] }), "cordon"), "cordon");
    done(await ok(oncall.mutation("actions.cordon", { cluster: c, node: nodes[0], cordon: false, idempotencyKey: key(), confirmName: nodes[0] }), "uncordon"), "uncordon");
    done(await ok(oncall.mutation("actions.deletePod", { cluster: c, namespace: "grio", name: pod, idempotencyKey: key(), confirmName: pod }), "deletePod"), "deletePod");
    const cron = { cluster: c, namespace: "grio", name: "backup-postgres", confirmName: "backup-postgres" };
    const run = await ok(oncall.mutation("actions.runCronJob", { ...cron, idempotencyKey: key() }), "runCronJob");
    done(run, "runCronJob");
    const jobName = (run.data as { data: { jobName: string } }).data.jobName;
    await ok(oncall.query("actions.jobStatus", { cluster: c, namespace: "grio", job: jobName, startedAt: Date.now() - 1000 }), "jobStatus");
    done(await ok(oncall.mutation("actions.suspendCronJob", { ...cron, suspend: true, idempotencyKey: key() }), "suspend"), "suspend");
    done(await ok(oncall.mutation("actions.suspendCronJob", { ...cron, suspend: false, idempotencyKey: key() }), "resume"), "resume");

    const forbidden = rec.matching({ status: 403, dryRun: true });
    expect(forbidden, JSON.stringify(forbidden, null, 1)).toEqual([]);
    // and the writes really went through this token
    expect(rec.count({ method: "PATCH", path: /\/deployments\/django-api$/ })).toBeGreaterThanOrEqual(2);
    expect(rec.count({ method: "POST", path: /\/namespaces\/grio\/jobs$/ })).toBe(1);
    expect(rec.count({ method: "DELETE", path: new RegExp(`/pods/${pod}$`) })).toBe(1);
    expect(rec.count({ method: "PATCH", path: /\/nodes\// })).toBe(2);
  });
});

describe("without `patch` on deployments", () => {
  let grio: ConsoleHandle;
  let rec: K8sRecorder;

  beforeAll(async () => {
    rec = await recordK8sTraffic(leastPrivilegeKubeconfig(sim, { edit: withoutVerb("apps", "deployments", "patch") }));
    grio = await startConsole({ database: "pglite", env: consoleEnv(rec.kubeconfig) });
  }, 150_000);
  afterAll(async () => {
    await grio?.stop();
    await rec?.stop();
  });

  it("a rollback fails with a clear 'forbidden' sentence, audited as failed, and nothing is changed", async () => {
    const oncall = await grio.signIn("oncall@grio.local");
    await clustersConnected(oncall);
    const before = (await adminClients().apps.readNamespacedDeployment({ name: "django-api", namespace: "grio" })).metadata?.generation;
    const ref = { cluster: "hetzner-prod", namespace: "grio", kind: "Deployment" as const, name: "django-api" };
    const res = await oncall.mutation<{ status: string; message: string; auditId: string }>("actions.rollback", {
      ...ref,
      toRevision: 1,
      idempotencyKey: key(),
      confirmName: "django-api",
    });
    expect(res.data?.status).toBe("failed");
    expect(res.data?.message).toBe(
      `Kubernetes API of hetzner-prod refused: deployments.apps "django-api" is forbidden: User "${CONSOLE_SERVICE_ACCOUNT}" cannot patch resource "deployments" in API group "apps" in the namespace "grio"`,
    );
    const denied = rec.matching({ status: 403, dryRun: true });
    expect(denied.map((r) => r.method)).toEqual(["PATCH"]);
    expect(rec.count({ method: "PATCH" })).toBe(0); // only the server-side dry run was tried
    const after = (await adminClients().apps.readNamespacedDeployment({ name: "django-api", namespace: "grio" })).metadata?.generation;
    expect(after).toBe(before);

    const admin = await grio.signIn("admin@grio.local");
    const audit = await admin.query<{ rows: Array<{ id: string; status: string; error: string | null }> }>("audit.list", {});
    const row = audit.data?.rows.find((r) => r.id === res.data?.auditId);
    expect(row).toMatchObject({ status: "failed" });
    expect(row?.error).toContain("is forbidden");
  });
});
