import * as Minio from "minio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDataPlane, type DataPlane, type VerbRegistry } from "./dataPlane";
import { fakeEstate } from "./testing/fakeEstate";

describe("sim data plane: jobs, services, verbs", () => {
  const view = fakeEstate(Date.now());
  let dp: DataPlane;
  const verbs = new Map<string, (a: Record<string, unknown>) => unknown>();
  const registry: VerbRegistry = { register: (name, _help, _args, run) => void verbs.set(name, run) };
  let s3: Minio.Client;
  const list = async (prefix: string) => (await s3.listObjectsV2("backups", prefix, true).toArray()) as Minio.BucketItem[];

  beforeAll(async () => {
    dp = await startDataPlane(view, { seed: 3 });
    dp.registerVerbs(registry);
    const u = new URL(dp.info.s3.endpoint);
    s3 = new Minio.Client({ endPoint: u.hostname, port: Number(u.port), useSSL: false, accessKey: dp.info.s3.accessKey, secretKey: dp.info.s3.secretKey, region: "us-east-1" });
  });
  afterAll(async () => {
    await dp?.stop();
  });

  it("backup-postgres writes a new dump of normal size; after failNextBackup it fails and writes nothing", async () => {
    const before = await list("postgres/");
    await verbs.get("failNextBackup")!({});
    const failed = await dp.hooks.onJobRun("hetzner-prod", "backup-postgres", "backup-postgres-manual-x1");
    expect(failed.succeeded).toBe(false);
    expect(failed.message).toMatch(/pg_dump: error/);
    expect(await list("postgres/")).toHaveLength(before.length);
    const ok = await dp.hooks.onJobRun("hetzner-prod", "backup-postgres", "backup-postgres-manual-x2");
    expect(ok.succeeded).toBe(true);
    const after = await list("postgres/");
    expect(after).toHaveLength(before.length + 1);
    const newest = after.sort((a, b) => a.name!.localeCompare(b.name!)).at(-1)!;
    expect(newest.size).toBeGreaterThan(150 * 1024 * 1024);
    expect(Math.abs(newest.lastModified!.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it("an S3 write fault fails the backup job with S3's error", async () => {
    await verbs.get("failNextS3Write")!({});
    const r = await dp.hooks.onJobRun("hetzner-prod", "backup-postgres", "backup-postgres-29001");
    expect(r).toEqual({ succeeded: false, message: expect.stringMatching(/InternalError/) });
  });

  it("qdrant-snapshot makes a Qdrant snapshot and uploads the same object to S3; restore-test succeeds", async () => {
    const r = await dp.hooks.onJobRun("hetzner-prod", "qdrant-snapshot", "qdrant-snapshot-29002");
    expect(r.succeeded).toBe(true);
    const snaps = (await (await fetch(`${dp.info.qdrant.url}/collections/curriculum/snapshots`, { headers: { "api-key": dp.info.qdrant.apiKey } })).json()) as { result: Array<{ name: string; size: number }> };
    const newest = snaps.result.at(-1)!;
    const inS3 = (await list("qdrant/")).find((o) => o.name === `qdrant/${newest.name}`);
    expect(inS3?.size).toBe(newest.size);
    expect((await dp.hooks.onJobRun("hetzner-prod", "restore-test", "restore-test-29003")).succeeded).toBe(true);
    expect(((await verbs.get("jobHistory")!({})) as unknown[]).length).toBe(5);
  });

  it("service endpoints follow the estate and the fault switches", async () => {
    const health = await fetch(dp.info.services.djangoApiHealth);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    view.setServiceUp("postgres", false);
    expect((await fetch(dp.info.services.djangoApiHealth)).status).toBe(503);
    view.setServiceUp("postgres", true);
    view.setServiceUp("django-api", false);
    const down = await fetch(dp.info.services.djangoApiHealth);
    expect([down.status, await down.text()]).toEqual([503, "no available server"]);
    view.setServiceUp("django-api", true);
    expect((await fetch(dp.info.services.web)).status).toBe(200);
    expect((await fetch(dp.info.services.qdrantReady)).status).toBe(200);
    expect((await fetch(dp.info.services.minioHealth)).status).toBe(200);
    await dp.backends.get("django-api")!.setDown(true);
    await expect(fetch(dp.info.services.djangoApiHealth)).rejects.toThrow();
    await dp.backends.get("django-api")!.heal();
    expect((await fetch(dp.info.services.djangoApiHealth)).status).toBe(200);
  });

  it("setDjangoLatency moves the exported histogram", async () => {
    await verbs.get("setDjangoLatency")!({ p95Seconds: 3 });
    const sample = () => dp.metrics.render().match(/^django_http_requests_latency_seconds_by_view_method_count\{[^}]*view="api:lesson-list"[^}]*\} (\d+)/m);
    expect(sample()).not.toBeNull();
    await verbs.get("setDjangoLatency")!({});
  });
});
