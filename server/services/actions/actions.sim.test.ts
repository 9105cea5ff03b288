import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type SimHandle } from "../../../sim/index";
import { createTestDatabase, postgresReachable, type TestDatabase } from "@/test/harness/databases";

/**
 * Actions against the simulated estate, through the service the router calls (audit included):
 * the rollback equals `kubectl rollout undo` on an identical copy, a repeated confirmation patches
 * once, "Backup now" creates kubectl's manual Job and the new dump appears in S3.
 */
const run = promisify(execFile);
const usable = await postgresReachable();
const ctx = { principal: { kind: "user" as const, id: "u1", email: "oncall@grio.local", name: "On-call", role: "operator" as const }, requestId: "sim-test" };
const DJANGO = { namespace: "grio", kind: "Deployment" as const, name: "django-api" };

let simA: SimHandle;
let simB: SimHandle;
let db: TestDatabase;
let dir: string;

function apps(sim: SimHandle, context = "hetzner-prod") {
  const kc = new KubeConfig();
  kc.loadFromFile(sim.estate.kubeconfig);
  kc.setCurrentContext(context);
  return { apps: kc.makeApiClient(AppsV1Api), batch: kc.makeApiClient(BatchV1Api), core: kc.makeApiClient(CoreV1Api) };
}

async function settled(sim: SimHandle, name: string) {
  const { apps: a } = apps(sim);
  for (let i = 0; i < 100; i++) {
    const d = await a.readNamespacedDeployment({ name, namespace: "grio" });
    if ((d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && d.metadata?.annotations?.["deployment.kubernetes.io/revision"] !== "4") return d;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not settle`);
}

const key = () => randomBytes(12).toString("hex");

// process.env is shared with later test files in this worker: put it back afterwards
const savedEnv = { ...process.env };

beforeAll(async () => {
  if (!usable) return;
  dir = await mkdtemp(path.join(os.tmpdir(), "grio-actions-"));
  [simA, simB] = await Promise.all([startSim({ outDir: path.join(dir, "a"), podStartMs: 300, jobDurationMs: 500 }), startSim({ outDir: path.join(dir, "b"), podStartMs: 300, jobDurationMs: 500 })]);
  db = await createTestDatabase("postgres");
  Object.assign(process.env, {
    DATABASE_URL: db.env.DATABASE_URL,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    KUBECONFIG: simA.estate.kubeconfig,
    GRIO_CLUSTERS: JSON.stringify({ "hetzner-prod": { production: true, displayName: "Hetzner production" }, "hetzner-staging": { production: false } }),
    S3_ENDPOINT: simA.estate.s3.endpoint,
    S3_ACCESS_KEY: simA.estate.s3.accessKey,
    S3_SECRET_KEY: simA.estate.s3.secretKey,
    S3_REGION: simA.estate.s3.region,
  });
}, 120_000);

afterAll(async () => {
  const g = globalThis as unknown as { __grioDb?: Promise<{ close(): Promise<void> }> };
  await (await g.__grioDb)?.close().catch(() => undefined);
  g.__grioDb = undefined;
  // the cluster registry lives on globalThis too: leave none pointing at these sims
  const r = globalThis as unknown as { __grioClusterRegistry?: { stop(): void } };
  r.__grioClusterRegistry?.stop();
  r.__grioClusterRegistry = undefined;
  await Promise.all([simA?.stop(), simB?.stop()]);
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});

describe.skipIf(!usable)("actions against the sim", () => {
  it("rolls django-api back to revision 2 exactly as kubectl rollout undo does on an identical copy", async () => {
    const actions = await import("./index");
    const before = await apps(simA).apps.readNamespacedDeployment({ name: "django-api", namespace: "grio" });
    const out = await actions.rollback(ctx, "hetzner-prod", DJANGO, 2, { idempotencyKey: key(), confirmName: "django-api", reason: "parity test" });
    expect(out).toMatchObject({ status: "succeeded", message: "deployment.apps/django-api rolled back to revision 2" });

    await run("kubectl", ["--kubeconfig", simB.estate.kubeconfig, "--context", "hetzner-prod", "-n", "grio", "rollout", "undo", "deployment/django-api", "--to-revision=2"]);

    const [a, b] = await Promise.all([settled(simA, "django-api"), settled(simB, "django-api")]);
    expect(a.spec?.template).toEqual(b.spec?.template);
    expect(a.metadata?.annotations).toEqual(b.metadata?.annotations);
    expect(a.metadata?.annotations?.["kubernetes.io/change-cause"]).toBe("CI #388: curriculum sync endpoints");
    expect(a.spec?.template).not.toEqual(before.spec?.template);
  });

  it("returns the first outcome for a repeated confirmation and sends no second patch", async () => {
    const actions = await import("./index");
    const k = key();
    const first = await actions.rollback(ctx, "hetzner-prod", DJANGO, 3, { idempotencyKey: k, confirmName: "django-api" });
    expect(first.status).toBe("succeeded");
    const d1 = await settled(simA, "django-api");
    const requests = simA.k8sRequestCount("hetzner-prod");
    const again = await actions.rollback(ctx, "hetzner-prod", DJANGO, 3, { idempotencyKey: k, confirmName: "django-api" });
    expect(again).toMatchObject({ status: "succeeded", duplicate: true });
    expect(simA.k8sRequestCount("hetzner-prod")).toBe(requests);
    const d2 = await apps(simA).apps.readNamespacedDeployment({ name: "django-api", namespace: "grio" });
    expect(d2.metadata?.generation).toBe(d1.metadata?.generation);
  });

  it("skips without a patch when the chosen revision is already running, and needs the typed name on production", async () => {
    const actions = await import("./index");
    const d = await apps(simA).apps.readNamespacedDeployment({ name: "django-api", namespace: "grio" });
    const current = Number(d.metadata?.annotations?.["deployment.kubernetes.io/revision"]);
    const skip = await actions.rollback(ctx, "hetzner-prod", DJANGO, current, { idempotencyKey: key(), confirmName: "django-api" });
    expect(skip.message).toBe(`deployment.apps/django-api skipped rollback (current template already matches revision ${current})`);
    const after = await apps(simA).apps.readNamespacedDeployment({ name: "django-api", namespace: "grio" });
    expect(after.metadata?.generation).toBe(d.metadata?.generation);
    await expect(actions.rollback(ctx, "hetzner-prod", DJANGO, 1, { idempotencyKey: key() })).rejects.toThrow(/type "django-api" to confirm/);
  });

  it("Backup now creates kubectl's manual Job from backup-postgres and the new dump appears in S3", async () => {
    const actions = await import("./index");
    const { jobProgress } = await import("./progress");
    const { newestDumpSince } = await import("./backupDump");
    const { actionCluster } = await import("./clusters");
    const startedAt = new Date();
    const out = await actions.runCronJob(ctx, "hetzner-prod", "grio", "backup-postgres", { idempotencyKey: key(), confirmName: "backup-postgres" });
    expect(out.status).toBe("succeeded");
    const jobName = (out as { data: { jobName: string } }).data.jobName;
    const job = await apps(simA).batch.readNamespacedJob({ name: jobName, namespace: "grio" });
    const cj = await apps(simA).batch.readNamespacedCronJob({ name: "backup-postgres", namespace: "grio" });
    expect(job.metadata?.annotations?.["cronjob.kubernetes.io/instantiate"]).toBe("manual");
    expect(job.metadata?.ownerReferences).toEqual([
      { apiVersion: "batch/v1", kind: "CronJob", name: "backup-postgres", uid: cj.metadata?.uid, controller: true },
    ]);
    let phase = "running";
    for (let i = 0; i < 300 && phase === "running"; i++) {
      phase = (await jobProgress(actionCluster("hetzner-prod"), "grio", jobName)).phase;
      if (phase === "running") await new Promise((r) => setTimeout(r, 100));
    }
    expect(phase).toBe("succeeded");
    const dump = await newestDumpSince("backup-postgres", startedAt);
    expect(dump?.key).toMatch(/^postgres\/full-\d{8}-\d{6}\.sql\.gz$/);
    expect(dump?.size).toBeGreaterThan(0);
  });
  it("refuses a StatefulSet rollback without history with kubectl's own message", async () => {
    const actions = await import("./index");
    const out = await actions.rollback(ctx, "hetzner-prod", { namespace: "grio", kind: "StatefulSet", name: "qdrant" }, 0, { idempotencyKey: key(), confirmName: "qdrant" });
    expect(out).toMatchObject({ status: "failed", message: "no last revision to roll back to" });
    const kubectl = await run("kubectl", ["--kubeconfig", simB.estate.kubeconfig, "--context", "hetzner-prod", "-n", "grio", "rollout", "undo", "statefulset/qdrant"]).catch((e: { stderr: string }) => e);
    expect((kubectl as { stderr: string }).stderr).toContain("no last revision to roll back to");
  });

  it("restarts redis with the restartedAt patch and follows the rollout to complete", async () => {
    const actions = await import("./index");
    const { rolloutProgress } = await import("./progress");
    const { actionCluster } = await import("./clusters");
    const startedAt = Date.now();
    const ref = { namespace: "grio", kind: "Deployment" as const, name: "redis" };
    const out = await actions.restart(ctx, "hetzner-prod", ref, { idempotencyKey: key(), confirmName: "redis" });
    expect(out.status).toBe("succeeded");
    const d = await apps(simA).apps.readNamespacedDeployment({ name: "redis", namespace: "grio" });
    expect(d.spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    let last = await rolloutProgress(actionCluster("hetzner-prod"), ref, { startedAt, now: Date.now() });
    for (let i = 0; i < 100 && last.phase === "progressing"; i++) {
      await new Promise((r) => setTimeout(r, 200));
      last = await rolloutProgress(actionCluster("hetzner-prod"), ref, { startedAt, now: Date.now() });
    }
    expect(last.message).toBe('deployment "redis" successfully rolled out');
    expect(last.phase).toBe("complete");
  });

  it("warns before scaling a deployment whose replicas an autoscaler owns", async () => {
    const { scaleOptions } = await import("./scale");
    const { actionCluster } = await import("./clusters");
    const opts = await scaleOptions(actionCluster("hetzner-prod"), DJANGO, 20);
    expect(opts.warning).toMatch(/autoscaler "django-api" owns this deployment's replicas/);
  });
  it("promotes staging's django-api images to production and says when nothing is left to promote", async () => {
    const actions = await import("./index");
    const images = async (context: string) =>
      (await apps(simA, context).apps.readNamespacedDeployment({ name: "django-api", namespace: "grio" })).spec?.template.spec?.containers.map((c) => c.image);
    expect(await images("hetzner-prod")).not.toEqual(await images("hetzner-staging"));
    const out = await actions.promote(ctx, "grio", "django-api", { idempotencyKey: key(), confirmName: "django-api" });
    expect(out.status).toBe("succeeded");
    expect(await images("hetzner-prod")).toEqual(await images("hetzner-staging"));
    const again = await actions.promote(ctx, "grio", "django-api", { idempotencyKey: key(), confirmName: "django-api" });
    expect(again).toMatchObject({ status: "failed", message: "Production already runs staging's images for django-api; nothing to promote." });
  });
  it("suspends and resumes a CronJob, cordons and uncordons a node, and deletes a pod its controller replaces", async () => {
    const actions = await import("./index");
    const k = apps(simA);
    const cj = { idempotencyKey: key(), confirmName: "restore-test" };
    expect((await actions.suspendCronJob(ctx, "hetzner-prod", "grio", "restore-test", true, cj)).message).toBe("cronjob.batch/restore-test suspended");
    expect((await k.batch.readNamespacedCronJob({ name: "restore-test", namespace: "grio" })).spec?.suspend).toBe(true);
    await actions.suspendCronJob(ctx, "hetzner-prod", "grio", "restore-test", false, { idempotencyKey: key(), confirmName: "restore-test" });
    expect((await k.batch.readNamespacedCronJob({ name: "restore-test", namespace: "grio" })).spec?.suspend).toBe(false);

    const node = (await k.core.listNode()).items[0]!.metadata!.name!;
    expect((await actions.cordon(ctx, "hetzner-prod", node, true, { idempotencyKey: key(), confirmName: node })).message).toBe(`node/${node} cordoned`);
    expect((await k.core.readNode({ name: node })).spec?.unschedulable).toBe(true);
    expect((await actions.cordon(ctx, "hetzner-prod", node, false, { idempotencyKey: key(), confirmName: node })).status).toBe("succeeded");
    expect((await k.core.readNode({ name: node })).spec?.unschedulable).toBeFalsy();

    const pods = async () => (await k.core.listNamespacedPod({ namespace: "grio", labelSelector: "app=redis" })).items.map((p) => p.metadata!.name!);
    const [victim] = await pods();
    const out = await actions.deletePod(ctx, "hetzner-prod", "grio", victim!, { idempotencyKey: key(), confirmName: victim! });
    expect(out.message).toMatch(new RegExp(`^pod "${victim}" deleted \\(ReplicaSet redis-\\w+ will replace it\\)$`));
    let now = await pods();
    for (let i = 0; i < 50 && (now.includes(victim!) || now.length === 0); i++) {
      await new Promise((r) => setTimeout(r, 100));
      now = await pods();
    }
    expect(now).not.toContain(victim);
    expect(now.length).toBeGreaterThan(0);
  });
  it("rolls the qdrant StatefulSet back through its ControllerRevisions exactly as kubectl does", async () => {
    const actions = await import("./index");
    const kubectl = (sim: SimHandle, ...args: string[]) =>
      run("kubectl", ["--kubeconfig", sim.estate.kubeconfig, "--context", "hetzner-prod", "-n", "grio", ...args]);
    const revisions = async (sim: SimHandle) => (await apps(sim).apps.listNamespacedControllerRevision({ namespace: "grio", labelSelector: "app=qdrant" })).items.length;
    for (const sim of [simA, simB]) {
      await kubectl(sim, "set", "image", "statefulset/qdrant", "qdrant=qdrant/qdrant:v1.99.0");
      for (let i = 0; i < 50 && (await revisions(sim)) < 2; i++) await new Promise((r) => setTimeout(r, 100));
    }
    const ref = { namespace: "grio", kind: "StatefulSet" as const, name: "qdrant" };
    const out = await actions.rollback(ctx, "hetzner-prod", ref, 0, { idempotencyKey: key(), confirmName: "qdrant" });
    expect(out).toMatchObject({ status: "succeeded", message: "statefulset.apps/qdrant rolled back to revision 1" });
    await kubectl(simB, "rollout", "undo", "statefulset/qdrant");
    const read = (sim: SimHandle) => apps(sim).apps.readNamespacedStatefulSet({ name: "qdrant", namespace: "grio" });
    const [a, b] = await Promise.all([read(simA), read(simB)]);
    expect(a.spec?.template).toEqual(b.spec?.template);
    expect(a.spec?.template.spec?.containers[0]?.image).not.toBe("qdrant/qdrant:v1.99.0");
  });
});
