/**
 * The machine's real kubectl (a dispatcher that picks the kubectl matching /version) against the sim's
 * Kubernetes API: reads, watch, rollout history/undo/restart/status, a Job from a CronJob that writes a
 * backup to S3, RBAC refusals, and server-side dry runs.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as Minio from "minio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "@/server/testing/ports";
import { startSim, type SimHandle } from "../../sim/index";

/* eslint-disable @typescript-eslint/no-explicit-any -- kubectl's JSON output, asserted field by field */

const run = promisify(execFile);
let sim: SimHandle;
let dir: string;

async function kubectl(args: string[], opts: { ok?: boolean } = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run("kubectl", ["--cache-dir", path.join(dir, "cache"), ...args], { env: { ...process.env, KUBECONFIG: sim.estate.kubeconfig, HOME: dir }, timeout: 60_000 });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    if (opts.ok !== false) throw new Error(`kubectl ${args.join(" ")} failed: ${err.stderr}`, { cause: e });
    return { stdout: err.stdout ?? "", stderr: err.stderr ?? "", code: err.code ?? 1 };
  }
}

const until = <T,>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000) => pollUntil(probe, timeoutMs, 200);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "grio-kubectl-"));
  sim = await startSim({ seed: 7, podStartMs: 250, jobDurationMs: 300, outDir: dir });
});

afterAll(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("kubectl against the sim", () => {
  it("lists nodes and pods of every namespace as JSON, with K3s nodes and the estate's trouble", async () => {
    await new Promise((r) => setTimeout(r, 3500)); // the ai-inference crash loop's first crash
    const { stdout } = await kubectl(["get", "nodes,pods", "-A", "-o", "json"]);
    const list = JSON.parse(stdout) as { items: Array<{ kind: string; metadata: { name: string; labels?: Record<string, string> }; status: any }> };
    const nodes = list.items.filter((i) => i.kind === "Node");
    const pods = list.items.filter((i) => i.kind === "Pod");
    expect(nodes).toHaveLength(17);
    expect(nodes.every((n) => n.status.nodeInfo.kubeletVersion.endsWith("+k3s1"))).toBe(true);
    const edge = nodes.filter((n) => n.metadata.labels?.["grio.io/tier"] === "edge");
    expect(edge).toHaveLength(12);
    expect(new Set(edge.map((n) => n.metadata.labels?.["grio.io/district"]))).toEqual(new Set(["Kampala", "Gulu", "Mbarara"]));
    const unknown = edge.filter((n) => n.status.conditions.find((c: any) => c.type === "Ready").status === "Unknown");
    expect(unknown).toHaveLength(2);
    const waiting = pods.map((p) => p.status.containerStatuses?.[0]?.state?.waiting?.reason).filter(Boolean);
    expect(waiting).toContain("CrashLoopBackOff");
    expect(waiting).toContain("ImagePullBackOff");
    expect(pods.some((p) => p.status.phase === "Pending" && p.status.conditions?.[0]?.reason === "Unschedulable")).toBe(true);
    const crashing = pods.find((p) => p.status.containerStatuses?.[0]?.state?.waiting?.reason === "CrashLoopBackOff")!;
    expect((await kubectl(["logs", crashing.metadata.name, "--previous"])).stdout).toContain("RuntimeError: CUDA error: out of memory");
    const table = (await kubectl(["get", "pods", "-n", "grio"])).stdout;
    expect(table).toMatch(/ai-inference-\S+\s+0\/1\s+CrashLoopBackOff\s+1?\s*/);
    const disk = nodes.filter((n) => n.status.conditions.some((c: any) => c.type === "DiskPressure" && c.status === "True"));
    expect(disk.map((n) => n.metadata.name)).toEqual(["hetzner-prod-server-3"]);
  });

  it("`get pods -w` sees a replacement pod appear after a delete", async () => {
    const child = spawn("kubectl", ["--cache-dir", path.join(dir, "cache"), "get", "pods", "-n", "grio", "-l", "app=redis", "-w", "-o", "name"], { env: { ...process.env, KUBECONFIG: sim.estate.kubeconfig, HOME: dir } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    try {
      const first = await until(() => out.match(/pod\/(redis-\S+)/)?.[1]);
      await kubectl(["delete", "pod", first, "-n", "grio", "--wait=false"]);
      const other = await until(() => [...out.matchAll(/pod\/(redis-\S+)/g)].map((m) => m[1]).find((n) => n !== first));
      expect(other).toMatch(/^redis-/);
    } finally {
      child.kill();
    }
  });

  it("rollout history, undo (a new revision whose template is the old one's), restart and status", async () => {
    const hist = (await kubectl(["rollout", "history", "deployment/django-api"])).stdout;
    expect(hist).toMatch(/1\s+initial deploy of the Grio API/);
    expect(hist).toMatch(/4\s+CI #437/);
    const rev3 = JSON.parse((await kubectl(["rollout", "history", "deployment/django-api", "--revision=3", "-o", "json"])).stdout);
    expect((await kubectl(["rollout", "undo", "deployment/django-api"])).stdout).toContain("rolled back");
    await kubectl(["rollout", "status", "deployment/django-api", "--timeout=40s"]);
    const after = (await kubectl(["rollout", "history", "deployment/django-api"])).stdout;
    expect(after).toMatch(/5\s+CI #412/);
    expect(after).not.toMatch(/^3\s/m);
    const dep = JSON.parse((await kubectl(["get", "deployment", "django-api", "-o", "json"])).stdout);
    expect(dep.spec.template.spec.containers[0].image).toBe(rev3.spec.template.spec.containers[0].image);
    expect(dep.spec.template.spec.containers[0].image).toContain("grio-api:a91c55e");
    expect(dep.metadata.annotations["deployment.kubernetes.io/revision"]).toBe("5");

    expect((await kubectl(["rollout", "restart", "deployment/django-api"])).stdout).toContain("restarted");
    const status = (await kubectl(["rollout", "status", "deployment/django-api", "--timeout=40s"])).stdout;
    expect(status).toContain('deployment "django-api" successfully rolled out');
    const pods = JSON.parse((await kubectl(["get", "pods", "-l", "app=django-api", "-o", "json"])).stdout);
    expect(pods.items.filter((p: any) => !p.metadata.deletionTimestamp).every((p: any) => p.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"])).toBe(true);
    // statefulsets roll through ControllerRevisions
    await kubectl(["rollout", "restart", "statefulset/qdrant"]);
    expect((await kubectl(["rollout", "status", "statefulset/qdrant", "--timeout=40s"])).stdout).toContain("roll out complete");
    expect((await kubectl(["rollout", "history", "statefulset/qdrant"])).stdout).toMatch(/1\s+<none>\s+2\s+<none>/);
  });

  it("`create job --from=cronjob/backup-postgres` runs a pod to completion and a new dump lands in S3", async () => {
    const s3 = new Minio.Client({ endPoint: "127.0.0.1", port: Number(new URL(sim.estate.s3.endpoint).port), useSSL: false, accessKey: sim.estate.s3.accessKey, secretKey: sim.estate.s3.secretKey, region: sim.estate.s3.region });
    const list = async () => {
      const out: Array<{ name: string; lastModified: Date }> = [];
      for await (const o of s3.listObjectsV2("backups", "postgres/", true)) out.push(o as { name: string; lastModified: Date });
      return out;
    };
    const before = await list();
    const started = Date.now();
    await kubectl(["create", "job", "manual-backup-1", "--from=cronjob/backup-postgres"]);
    const job = await until(async () => {
      const j = JSON.parse((await kubectl(["get", "job", "manual-backup-1", "-o", "json"])).stdout);
      return j.status?.succeeded === 1 ? j : undefined;
    });
    expect(job.metadata.annotations["cronjob.kubernetes.io/instantiate"]).toBe("manual");
    const after = await list();
    expect(after.length).toBe(before.length + 1);
    const fresh = after.filter((o) => o.lastModified.getTime() >= started - 1000);
    expect(fresh).toHaveLength(1);
    const logs = (await kubectl(["logs", "job/manual-backup-1"])).stdout;
    expect(logs).toContain(fresh[0]!.name);
  });

  it("refuses with 403 what a token's ClusterRole does not allow", async () => {
    sim.control.addToken("nobody-token", { user: "nobody" });
    const denied = await kubectl(["--token", "nobody-token", "get", "pods", "-n", "grio"], { ok: false });
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('pods is forbidden: User "nobody" cannot list resource "pods" in API group "" in the namespace "grio"');
    sim.control.addToken("reader-token", {
      user: "system:serviceaccount:grio:reader",
      clusterRoleYaml: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get, list, watch]\n",
    });
    expect((await kubectl(["--token", "reader-token", "get", "pods", "-n", "grio", "-o", "name"])).stdout).toContain("pod/");
    const del = await kubectl(["--token", "reader-token", "delete", "deployment", "redis", "-n", "grio"], { ok: false });
    expect(del.stderr).toContain('deployments.apps "redis" is forbidden: User "system:serviceaccount:grio:reader" cannot delete resource "deployments" in API group "apps"');
  });

  it("`--dry-run=server` changes nothing", async () => {
    const before = JSON.parse((await kubectl(["get", "deployment", "redis", "-o", "json"])).stdout);
    expect((await kubectl(["scale", "deployment/redis", "--replicas=5", "--dry-run=server"])).stdout).toContain("server dry run");
    await kubectl(["create", "job", "dry-job", "--from=cronjob/backup-postgres", "--dry-run=server"]);
    const pod = JSON.parse((await kubectl(["get", "pods", "-l", "app=redis", "-o", "json"])).stdout).items[0].metadata.name;
    await kubectl(["delete", "pod", pod, "--dry-run=server"]);
    const after = JSON.parse((await kubectl(["get", "deployment", "redis", "-o", "json"])).stdout);
    expect(after.spec.replicas).toBe(before.spec.replicas);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.spec).toEqual(before.spec);
    expect((await kubectl(["get", "job", "dry-job"], { ok: false })).stderr).toContain('jobs.batch "dry-job" not found');
    const still = JSON.parse((await kubectl(["get", "pod", pod, "-o", "json"])).stdout);
    expect(still.metadata.deletionTimestamp).toBeUndefined();
  });
});
