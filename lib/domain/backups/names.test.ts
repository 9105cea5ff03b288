import { describe, expect, it } from "vitest";
import { DEFAULT_STREAMS, groupBackups, parseBackupObject, streamPolicies, timeFromName } from "./names";

const lm = new Date("2026-12-01T05:00:00Z");

describe("backup names", () => {
  it("reads the UTC time from a Postgres dump name", () => {
    const b = parseBackupObject({ key: "postgres/full-20261203-020000.sql.gz", size: 10, lastModified: lm });
    expect(b).toMatchObject({ stream: "postgres", timeFrom: "name" });
    expect(b?.takenAt.toISOString()).toBe("2026-12-03T02:00:00.000Z");
  });

  it("reads Qdrant's collection and full snapshot names", () => {
    expect(timeFromName("my-collection-3766212330831337-2024-07-22-08-31-55.snapshot")?.toISOString()).toBe("2024-07-22T08:31:55.000Z");
    expect(timeFromName("full-snapshot-2024-07-22-08-31-55.snapshot")?.toISOString()).toBe("2024-07-22T08:31:55.000Z");
  });

  it("falls back to LastModified when the name carries no time", () => {
    const b = parseBackupObject({ key: "qdrant/snapshot-xyz.snapshot", size: 10, lastModified: lm });
    expect(b).toMatchObject({ stream: "qdrant", timeFrom: "lastModified", takenAt: lm });
  });

  it("falls back to LastModified for an impossible date in the name", () => {
    const b = parseBackupObject({ key: "postgres/full-20260231-020000.sql.gz", size: 10, lastModified: lm });
    expect(b?.timeFrom).toBe("lastModified");
  });

  it("ignores objects that are not backups of a stream", () => {
    expect(parseBackupObject({ key: "postgres/notes.txt", size: 1, lastModified: lm })).toBeUndefined();
    expect(parseBackupObject({ key: "postgres/old/full-20261203-020000.sql.gz", size: 1, lastModified: lm })).toBeUndefined();
    expect(parseBackupObject({ key: "other/full-20261203-020000.sql.gz", size: 1, lastModified: lm })).toBeUndefined();
  });

  it("groups by stream, oldest first, even when listed out of order", () => {
    const g = groupBackups([
      { key: "postgres/full-20261203-020000.sql.gz", size: 3, lastModified: lm },
      { key: "postgres/full-20261201-020000.sql.gz", size: 1, lastModified: lm },
      { key: "qdrant/full-snapshot-2026-12-02-03-00-00.snapshot", size: 2, lastModified: lm },
    ]);
    expect(g.get("postgres")!.map((b) => b.size)).toEqual([1, 3]);
    expect(g.get("qdrant")!.length).toBe(1);
  });
});

describe("configured streams", () => {
  it("overrides a default stream's RPO and adds a new prefix", () => {
    const p = streamPolicies([{ name: "postgres", rpoHours: 12 }, { name: "redis", prefix: "redis/", suffix: ".rdb", retention: 7 }]);
    expect(p.map((s) => [s.name, s.prefix, s.rpoHours, s.retention])).toEqual([
      ["postgres", "postgres/", 12, 30],
      ["qdrant", "qdrant/", 24, 14],
      ["redis", "redis/", 24, 7],
    ]);
    expect(parseBackupObject({ key: "redis/dump-2026-12-04-02-00-00.rdb", size: 1, lastModified: lm }, p)?.stream).toBe("redis");
    expect(parseBackupObject({ key: "redis/notes.txt", size: 1, lastModified: lm }, p)).toBeUndefined();
    expect(streamPolicies(undefined)).toEqual(DEFAULT_STREAMS);
  });
});
