import { describe, expect, it } from "vitest";
import { compareVersions, currentCurriculumVersion, diskUse, freshnessCounts, groupByDistrict, heartbeatHistory, versionDrift } from "./fleet";

describe("curriculum version drift", () => {
  it("prefers the configured version", () => {
    expect(currentCurriculumVersion(["2026.11", "2026.11"], "2026.12")).toBe("2026.12");
  });
  it("else takes the most common, a tie going to the newest", () => {
    expect(currentCurriculumVersion(["2026.11", "2026.12", "2026.11", undefined])).toBe("2026.11");
    expect(currentCurriculumVersion(["2026.9", "2026.10"])).toBe("2026.10");
    expect(currentCurriculumVersion([])).toBeUndefined();
  });
  it("says behind or ahead, comparing numbers as numbers", () => {
    expect(compareVersions("2026.9", "2026.10")).toBeLessThan(0);
    expect(versionDrift("2026.9", "2026.10")).toEqual({ drifted: true, direction: "behind" });
    expect(versionDrift("v2026.10", "2026.10")).toEqual({ drifted: false, direction: "same" });
  });
});

describe("disk use", () => {
  it("warns from 80 % and is critical from 90 %", () => {
    expect(diskUse(79, 100).status).toBe("ok");
    expect(diskUse(80, 100).status).toBe("warning");
    expect(diskUse(90, 100).status).toBe("critical");
  });
});

describe("fleet", () => {
  const site = (id: string, district: string, freshness: "fresh" | "late" | "stale" | "never", ageH?: number) =>
    ({ id, district, freshness, ageMs: ageH === undefined ? undefined : ageH * 3_600_000, offlineMs: undefined });
  it("groups by district with the stalest sites and districts first", () => {
    const g = groupByDistrict([
      site("kla-001", "Kampala", "fresh", 2),
      site("gul-001", "Gulu", "stale", 200),
      site("kla-002", "Kampala", "stale", 216),
      site("kla-003", "Kampala", "late", 40),
      site("mbr-001", "Mbarara", "fresh", 1),
    ]);
    expect(g.map((d) => d.district)).toEqual(["Kampala", "Gulu", "Mbarara"]);
    expect(g[0]!.sites.map((s) => s.id)).toEqual(["kla-002", "kla-003", "kla-001"]);
  });
  it("counts sites per freshness for the overview", () => {
    expect(freshnessCounts([{ freshness: "fresh" }, { freshness: "stale" }, { freshness: "stale" }])).toEqual({ fresh: 1, late: 0, stale: 2, never: 0 });
  });
  it("buckets heartbeats per UTC day across a month end", () => {
    const h = heartbeatHistory(
      [new Date("2026-11-30T23:59:59Z"), new Date("2026-12-01T00:00:00Z"), new Date("2026-12-01T02:00:00+03:00")],
      new Date("2026-12-01T12:00:00Z"),
      3,
    );
    expect(h).toEqual([{ day: "2026-11-29", count: 0 }, { day: "2026-11-30", count: 2 }, { day: "2026-12-01", count: 1 }]);
  });
});
