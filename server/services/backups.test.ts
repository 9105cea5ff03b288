import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Servers, type S3Servers } from "../../sim/s3/index";
import { backupsReport } from "./backups";

/**
 * The backups report read through the real S3 adapter from the sim's two s3rver endpoints, seeded
 * with 30 days of history: one missed day ten days ago, last night's dump small, mirror 2 days behind.
 */
const NOW = Date.UTC(2026, 11, 4, 7, 30, 0);
let s3: S3Servers;

beforeAll(async () => {
  s3 = await startS3Servers({ now: NOW, seed: 7 });
  Object.assign(process.env, {
    NEXTAUTH_SECRET: "x".repeat(40),
    S3_ENDPOINT: s3.primary.endpoint, S3_ACCESS_KEY: s3.primary.accessKey, S3_SECRET_KEY: s3.primary.secretKey,
    S3_MIRROR_ENDPOINT: s3.mirror.endpoint, S3_MIRROR_ACCESS_KEY: s3.mirror.accessKey, S3_MIRROR_SECRET_KEY: s3.mirror.secretKey,
  });
});
afterAll(async () => {
  await s3?.stop();
});

describe("backups report from the sim's MinIO and mirror", () => {
  it("reads Postgres as anomalous with the missed day, Qdrant ok, the mirror lagging, every bucket counted", async () => {
    const r = await backupsReport(undefined, new Date(NOW));
    expect(r.errors).toEqual([]);
    const pg = r.streams!.find((s) => s.stream === "postgres")!;
    expect(pg.status).toBe("anomalous");
    expect(pg.reason).toMatch(/under half the median/);
    expect(pg.missedDays).toEqual([new Date(NOW - 10 * 86_400_000).toISOString().slice(0, 10)]);
    expect(pg.retention).toMatchObject({ count: 29, target: 30 });
    expect(pg.newest?.timeFrom).toBe("name");
    expect(r.streams!.find((s) => s.stream === "qdrant")!.status).toBe("ok");
    expect(r.worst).toBe("anomalous");
    const mirrorPg = r.mirror.streams!.find((m) => m.stream === "postgres")!;
    expect(mirrorPg.status).toBe("lagging");
    expect(Math.abs(mirrorPg.lagMs! - 2 * 86_400_000)).toBeLessThan(60_000); // dump names carry seconds
    expect(mirrorPg.missingKeys).toHaveLength(2);
    expect(r.buckets.map((b) => b.bucket)).toEqual(["curriculum-assets", "student-work", "system-logs", "backups"]);
    expect(r.buckets.every((b) => "objects" in b && b.objects > 0)).toBe(true);
  });

  it("still shows the primary when the mirror is down, with the mirror's error beside it", async () => {
    await s3.mirror.faults.setDown(true);
    try {
      const r = await backupsReport(undefined, new Date(NOW));
      expect(r.streams?.find((s) => s.stream === "postgres")?.status).toBe("anomalous");
      expect(r.mirror.streams).toBeUndefined();
      expect(r.errors.map((e) => e.source)).toEqual(["s3-mirror"]);
    } finally {
      await s3.mirror.faults.heal();
    }
  });
});

describe("backup CronJobs and the restore test", () => {
  const job = (cluster: string, production: boolean, name: string, lastSuccessAt: Date | undefined) => ({
    cluster, production, namespace: "grio", name, schedule: "0 4 * * 0", suspended: false, active: 0,
    lastScheduleAt: lastSuccessAt, lastSuccessAt, lastFailure: undefined,
  });
  it("judges the last verified restore on production clusters only, listing production first", async () => {
    const r = await backupsReport(
      () => ({
        cronJobs: [
          job("hetzner-staging", false, "restore-test", new Date(NOW - 1 * 86_400_000)),
          job("hetzner-prod", true, "restore-test", new Date(NOW - 9 * 86_400_000)),
          job("hetzner-prod", true, "unrelated", new Date(NOW)),
        ],
        errors: [],
      }),
      new Date(NOW),
    );
    expect(r.restore?.status).toBe("stale");
    expect(r.cronJobs.map((c) => `${c.cluster}/${c.name}`)).toEqual(["hetzner-prod/restore-test", "hetzner-staging/restore-test"]);
  });
});
