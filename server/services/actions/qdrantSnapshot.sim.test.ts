import { randomBytes } from "node:crypto";
import * as Minio from "minio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQdrant, type QdrantServer } from "../../../sim/qdrant/index";
import { startS3Servers, type S3Servers } from "../../../sim/s3/index";
import { createTestDatabase, postgresReachable, type TestDatabase } from "@/test/harness/databases";

/**
 * Qdrant snapshot now, against the sim's Qdrant and MinIO: the snapshot lands in
 * backups/qdrant/<name> with Qdrant's size; with MinIO refusing writes the action fails, the audit
 * row says failed, and no object (partial or whole) is left behind.
 */
const usable = await postgresReachable();
const ctx = { principal: { kind: "user" as const, id: "u1", email: "oncall@grio.local", name: "On-call", role: "operator" as const }, requestId: "qdrant-test" };
let s3: S3Servers;
let qdrant: QdrantServer;
let db: TestDatabase;

function minio() {
  const u = new URL(s3.primary.endpoint);
  return new Minio.Client({ endPoint: u.hostname, port: Number(u.port), useSSL: false, accessKey: s3.primary.accessKey, secretKey: s3.primary.secretKey, region: s3.primary.region, pathStyle: true });
}

async function keysUnder(prefix: string): Promise<Array<{ key: string; size: number }>> {
  const out: Array<{ key: string; size: number }> = [];
  for await (const o of minio().listObjectsV2("backups", prefix, true) as AsyncIterable<Minio.BucketItem>) {
    if (o.name) out.push({ key: o.name, size: o.size ?? 0 });
  }
  return out;
}

// process.env is shared with later test files in this worker: put it back afterwards
const savedEnv = { ...process.env };

beforeAll(async () => {
  if (!usable) return;
  s3 = await startS3Servers();
  qdrant = await startQdrant({ apiKey: "qdrant-test-key" });
  db = await createTestDatabase("postgres");
  Object.assign(process.env, {
    DATABASE_URL: db.env.DATABASE_URL,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    S3_ENDPOINT: s3.primary.endpoint,
    S3_ACCESS_KEY: s3.primary.accessKey,
    S3_SECRET_KEY: s3.primary.secretKey,
    S3_REGION: s3.primary.region,
    QDRANT_URL: qdrant.url,
    QDRANT_API_KEY: qdrant.apiKey,
  });
}, 60_000);

afterAll(async () => {
  const g = globalThis as unknown as { __grioDb?: Promise<{ close(): Promise<void> }> };
  await (await g.__grioDb)?.close().catch(() => undefined);
  g.__grioDb = undefined;
  await Promise.all([s3?.stop(), qdrant?.stop()]);
  await db?.drop();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});

describe.skipIf(!usable)("Qdrant snapshot now", () => {
  it("streams the collection snapshot into backups/qdrant/<name> with the size Qdrant reported", async () => {
    const { qdrantSnapshot } = await import("./index");
    const out = await qdrantSnapshot(ctx, "curriculum", { idempotencyKey: randomBytes(8).toString("hex") });
    expect(out.status).toBe("succeeded");
    const data = (out as { data: { snapshot: string; key: string; bytes: number; durationMs: number } }).data;
    expect(data.key).toBe(`qdrant/${data.snapshot}`);
    const listing = await fetch(`${qdrant.url}/collections/curriculum/snapshots`, { headers: { "api-key": qdrant.apiKey } });
    const described = ((await listing.json()) as { result: Array<{ name: string; size: number }> }).result.find((s) => s.name === data.snapshot);
    expect(described?.size).toBeGreaterThan(5 * 1024 * 1024); // more than one 5 MiB part: a multipart upload
    const stored = await minio().statObject("backups", data.key);
    expect(stored.size).toBe(described?.size);
    expect(data.bytes).toBe(described?.size);
    expect(out.message).toMatch(/bytes in \d+\.\d s$/);
  });

  it("leaves no object behind and records the failure when MinIO refuses the upload", async () => {
    const { qdrantSnapshot } = await import("./index");
    const { findActionByIdempotencyKey } = await import("@/server/services/audit");
    const before = new Set((await keysUnder("qdrant/")).map((o) => o.key));
    s3.primary.faults.setFailWrites(true);
    const k = randomBytes(8).toString("hex");
    let out;
    try {
      out = await qdrantSnapshot(ctx, null, { idempotencyKey: k });
    } finally {
      s3.primary.faults.setFailWrites(false);
    }
    expect(out.status).toBe("failed");
    expect(out.message).toMatch(/^S3 \(MinIO\) of [^ ]+\/backups .*500/);
    const after = (await keysUnder("qdrant/")).filter((o) => !before.has(o.key));
    expect(after).toEqual([]);
    const row = await findActionByIdempotencyKey(k);
    expect(row).toMatchObject({ status: "failed", action: "qdrant.snapshot", error: out.message });
  });
});
