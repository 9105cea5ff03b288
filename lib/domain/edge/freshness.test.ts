import { describe, expect, it } from "vitest";
import { offlineDurationMs, siteFreshness, syncIntervalMs } from "./freshness";

const H = 3_600_000;
const now = new Date("2026-12-04T07:00:00Z");
const at = (syncInterval: string, ageMs: number) =>
  siteFreshness({ syncInterval, lastCurriculumSyncAt: new Date(now.getTime() - ageMs), hasHeartbeat: true }, now).status;

describe("sync intervals", () => {
  it("reads daily, weekly and <n>h", () => {
    expect(syncIntervalMs("daily")).toBe(24 * H);
    expect(syncIntervalMs("weekly")).toBe(168 * H);
    expect(syncIntervalMs("6h")).toBe(6 * H);
    expect(syncIntervalMs("0h")).toBeUndefined();
    expect(syncIntervalMs("6 h")).toBeUndefined();
    expect(syncIntervalMs("monthly")).toBeUndefined();
  });
});

describe("site freshness", () => {
  it("is fresh at exactly 1.5× the interval and late one millisecond later", () => {
    expect(at("daily", 36 * H)).toBe("fresh");
    expect(at("daily", 36 * H + 1)).toBe("late");
  });
  it("is late at exactly 3× and stale one millisecond later", () => {
    expect(at("daily", 72 * H)).toBe("late");
    expect(at("daily", 72 * H + 1)).toBe("stale");
  });
  it("scales with weekly and hourly policies", () => {
    expect(at("weekly", 10 * 24 * H)).toBe("fresh"); // 10 d ≤ 10.5 d
    expect(at("weekly", 11 * 24 * H)).toBe("late");
    expect(at("6h", 9 * H)).toBe("fresh");
    expect(at("6h", 19 * H)).toBe("stale");
  });
  it("is the same instant whatever offset the agent wrote its time in", () => {
    const kampala = new Date("2026-12-03T00:00:00+03:00"); // 2026-12-02T21:00Z, 34 h before now
    expect(siteFreshness({ syncInterval: "daily", lastCurriculumSyncAt: kampala, hasHeartbeat: true }, now).status).toBe("fresh");
    const older = new Date("2026-12-02T18:00:00-02:00"); // 2026-12-02T20:00Z, 35 h
    expect(siteFreshness({ syncInterval: "daily", lastCurriculumSyncAt: older, hasHeartbeat: true }, now).status).toBe("fresh");
    const late = new Date("2026-12-02T21:59:59+03:00"); // 2026-12-02T18:59:59Z, 36 h + 1 s
    expect(siteFreshness({ syncInterval: "daily", lastCurriculumSyncAt: late, hasHeartbeat: true }, now).status).toBe("late");
  });
  it("treats a sync time in the future (skewed clock) as just now", () => {
    expect(at("daily", -2 * H)).toBe("fresh");
  });
  it("is never without a heartbeat, or with heartbeats but no curriculum sync", () => {
    const none = siteFreshness({ syncInterval: "daily", lastCurriculumSyncAt: null, hasHeartbeat: false }, now);
    expect(none).toMatchObject({ status: "never", reason: "no heartbeat received yet" });
    const noSync = siteFreshness({ syncInterval: "daily", lastCurriculumSyncAt: null, hasHeartbeat: true }, now);
    expect(noSync.status).toBe("never");
    expect(noSync.reason).toMatch(/never synced/);
  });
  it("says why in words", () => {
    const s = siteFreshness({ syncInterval: "daily", lastCurriculumSyncAt: new Date(now.getTime() - 9 * 24 * H), hasHeartbeat: true }, now);
    expect(s.reason).toBe("last curriculum sync 9 d ago, over 3× its daily sync");
  });
});

describe("offline duration", () => {
  it("is the time since the last heartbeat was received", () => {
    expect(offlineDurationMs(new Date(now.getTime() - 9 * 24 * H), now)).toBe(9 * 24 * H);
    expect(offlineDurationMs(null, now)).toBeUndefined();
  });
});
