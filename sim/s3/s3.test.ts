import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Minio from "minio";
import { startS3Servers, type S3Servers } from "./index";

const NOW = Date.UTC(2026, 11, 4, 7, 30, 0); // 07:30 UTC: last night's dump ran at 02:00
const DAY = 86_400_000;

function clientOpts(e: { endpoint: string; accessKey: string; secretKey: string }) {
  const u = new URL(e.endpoint);
  return { endPoint: u.hostname, port: Number(u.port), useSSL: false, accessKey: e.accessKey, secretKey: e.secretKey, region: "us-east-1" };
}
const client = (e: Parameters<typeof clientOpts>[0]) => new Minio.Client(clientOpts(e));

async function list(c: Minio.Client, bucket: string, prefix: string) {
  const out: Minio.BucketItem[] = [];
  for await (const o of c.listObjectsV2(bucket, prefix, true)) out.push(o as Minio.BucketItem);
  return out.sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
}

describe("sim S3 (s3rver behind a MinIO-like front)", () => {
  let s3: S3Servers;
  beforeAll(async () => {
    s3 = await startS3Servers({ now: NOW, seed: 7 });
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it("lists the four buckets with MinIO-style keys and refuses a wrong secret", async () => {
    expect(s3.primary.accessKey).toMatch(/^[A-Z0-9]{20}$/);
    expect(s3.primary.secretKey).toHaveLength(40);
    const buckets = (await client(s3.primary).listBuckets()).map((b) => b.name).sort();
    expect(buckets).toEqual(["backups", "curriculum-assets", "student-work", "system-logs"]);
    const bad = client({ ...s3.primary, secretKey: "x".repeat(40) });
    await expect(bad.listBuckets()).rejects.toThrow(/signature/i);
    expect((await fetch(`${s3.primary.endpoint}/backups?list-type=2`)).status).toBe(403);
    const url = await client(s3.primary).presignedGetObject("backups", (await list(client(s3.primary), "backups", "qdrant/"))[0]!.name!, 60);
    const head = await fetch(url, { headers: { range: "bytes=0-9" } });
    expect(head.status).toBe(206);
  });

  it("lists 30 days of Postgres dumps with one missed day, dates matching names, last night's small", async () => {
    const dumps = await list(client(s3.primary), "backups", "postgres/");
    expect(dumps).toHaveLength(29);
    for (const d of dumps) {
      const m = /^postgres\/full-(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)\.sql\.gz$/.exec(d.name ?? "");
      expect(m).not.toBeNull();
      const [y, mo, d2, h, mi, se] = m!.slice(1).map(Number) as [number, number, number, number, number, number];
      const named = Date.UTC(y, mo - 1, d2, h, mi, se);
      const modified = d.lastModified!.getTime();
      expect(modified - named).toBeGreaterThan(0);
      expect(modified - named).toBeLessThan(5 * 60_000);
      expect(m![4]).toBe("02");
    }
    const days = dumps.map((d) => d.name!.slice(14, 22));
    const tenDaysAgo = new Date(NOW - 10 * DAY).toISOString().slice(0, 10).replaceAll("-", "");
    expect(days).not.toContain(tenDaysAgo);
    expect(days.at(-1)).toBe("20261204");
    const sizes = dumps.map((d) => d.size);
    const previous = sizes.slice(-8, -1).sort((a, b) => a - b);
    const median = previous[3]!;
    expect(median).toBeGreaterThan(150 * 1024 * 1024);
    expect(new Set(previous).size).toBe(7); // slightly varying
    expect(sizes.at(-1)!).toBeLessThan(median / 3);
  });

  it("lists 14 daily Qdrant snapshots named as Qdrant names them", async () => {
    const snaps = await list(client(s3.primary), "backups", "qdrant/");
    expect(snaps).toHaveLength(14);
    for (const s of snaps) expect(s.name).toMatch(/^qdrant\/curriculum-\d{16}-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.snapshot$/);
    expect(snaps.at(-1)!.name).toContain("2026-12-04-03-00");
  });

  it("the mirror is two days behind", async () => {
    const dumps = await list(client(s3.mirror), "backups", "postgres/");
    expect(dumps.at(-1)!.name).toContain("full-20261202-");
    const snaps = await list(client(s3.mirror), "backups", "qdrant/");
    expect(snaps.at(-1)!.name).toContain("2026-12-02-");
  });

  it("answers MinIO's health probes and injects faults", async () => {
    expect((await fetch(`${s3.primary.endpoint}/minio/health/live`)).status).toBe(200);
    expect((await fetch(`${s3.primary.endpoint}/minio/health/ready`)).status).toBe(200);
    const c = client(s3.primary); // it retries a 500 once: the retry fails too
    s3.primary.faults.failNextWrite();
    await expect(c.putObject("student-work", "x.txt", Buffer.from("hello"))).rejects.toThrow(/500/);
    await c.putObject("student-work", "y.txt", Buffer.from("hello"));
    expect((await c.statObject("student-work", "y.txt")).size).toBe(5);
    await expect(c.statObject("student-work", "x.txt")).rejects.toThrow(/Not Found/i);
    s3.primary.faults.set5xx(true);
    await expect(c.listBuckets()).rejects.toThrow();
    s3.primary.faults.set5xx(null);
    await s3.primary.faults.setDown(true);
    await expect(fetch(`${s3.primary.endpoint}/minio/health/live`)).rejects.toThrow();
    await s3.primary.faults.setDown(false);
    expect((await fetch(`${s3.primary.endpoint}/minio/health/live`)).status).toBe(200);
  });

  it("a backup job writes a new dump of normal size; a failed write writes nothing", async () => {
    const at = NOW + 60_000;
    const { key, size } = await s3.writePostgresDump(at);
    const stat = await client(s3.primary).statObject("backups", key);
    expect(stat.size).toBe(size);
    expect(size).toBeGreaterThan(150 * 1024 * 1024);
    expect(stat.lastModified.getTime()).toBe(Math.floor(at / 1000) * 1000);
    s3.primary.faults.failNextWrite();
    await expect(s3.writeQdrantSnapshot(at + 1000)).rejects.toThrow(/InternalError/);
    expect(await list(client(s3.primary), "backups", "qdrant/")).toHaveLength(14);
  });
});
