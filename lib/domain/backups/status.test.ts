import { describe, expect, it } from "vitest";
import type { Backup } from "./names";
import { DEFAULT_STREAMS } from "./names";
import { median, sizeTrend, streamStatus, worstBackupStatus } from "./status";

const H = 3_600_000;
const pg = DEFAULT_STREAMS[0]!;
const now = new Date("2026-12-04T07:00:00Z");

/** daily backups at 02:00 UTC ending `endAgoMs` before now, sizes in order (oldest first) */
function series(sizes: number[], newestAt = new Date("2026-12-04T02:00:00Z")): Backup[] {
  return sizes.map((size, i) => {
    const t = new Date(newestAt.getTime() - (sizes.length - 1 - i) * 24 * H);
    return { stream: "postgres", key: `postgres/full-${i}.sql.gz`, size, takenAt: t, timeFrom: "name" };
  });
}

describe("backup stream status", () => {
  it("is ok within the RPO, late up to 2× RPO, missing beyond — exact boundaries included", () => {
    const at = (ageH: number) => streamStatus(pg, series([100, 100, 100, 100], new Date(now.getTime() - ageH * H)), now).status;
    expect(at(24)).toBe("ok");
    expect(at(24 + 1 / 3600)).toBe("late");
    expect(at(48)).toBe("late");
    expect(at(48 + 1 / 3600)).toBe("missing");
  });

  it("is missing with a reason when there is no backup at all", () => {
    const s = streamStatus(pg, [], now);
    expect(s).toMatchObject({ status: "missing", reason: "no backup found under postgres/" });
  });

  it("flags a newest dump under half the median of the previous seven as anomalous", () => {
    const s = streamStatus(pg, series([10, 100, 100, 100, 100, 100, 100, 100, 49]), now);
    expect(s.status).toBe("anomalous");
    expect(s.medianOfPrevious).toBe(100);
    expect(s.reason).toMatch(/under half the median .* of the previous 7: probably truncated/);
  });

  it("does not flag a dump of exactly half the median", () => {
    expect(streamStatus(pg, series([100, 100, 100, 100, 100, 100, 100, 50]), now).status).toBe("ok");
  });

  it("uses only the previous seven for the median (an old big one does not count)", () => {
    // previous seven: 60,60,60,60,100,100,100 → median 60; 29 < 30 anomalous, 30 not
    expect(streamStatus(pg, series([1000, 60, 60, 60, 60, 100, 100, 100, 29]), now).status).toBe("anomalous");
    expect(streamStatus(pg, series([1000, 60, 60, 60, 60, 100, 100, 100, 30]), now).status).toBe("ok");
  });

  it("takes the median of an even count as the mean of the middle two", () => {
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it("gives no anomaly verdict with fewer than three earlier backups", () => {
    expect(streamStatus(pg, series([100, 100, 1]), now).status).toBe("ok");
  });

  it("reports missing over anomalous when the small dump is also very old", () => {
    const s = streamStatus(pg, series([100, 100, 100, 100, 1], new Date(now.getTime() - 50 * H)), now);
    expect(s.status).toBe("missing");
    expect(s.reason).toMatch(/also under half the usual size/);
  });

  it("counts retention against its target", () => {
    expect(streamStatus(pg, series(Array(30).fill(5)), now).retention).toEqual({ count: 30, target: 30, status: "ok" });
    expect(streamStatus(pg, series(Array(12).fill(5)), now).retention.status).toBe("short");
    expect(streamStatus(pg, series(Array(31).fill(5)), now).retention.status).toBe("over");
  });

  it("marks older anomalies on the size trend", () => {
    const t = sizeTrend(series([100, 100, 100, 10, 100, 100]));
    expect(t.map((p) => p.anomalous)).toEqual([false, false, false, true, false, false]);
  });

  it("names the worst status for the overview", () => {
    expect(worstBackupStatus(["ok", "anomalous", "late"])).toBe("anomalous");
    expect(worstBackupStatus(["ok", "missing", "anomalous"])).toBe("missing");
    expect(worstBackupStatus(["ok", "ok"])).toBe("ok");
  });
});
