import { describe, expect, it } from "vitest";
import { parseDuration, formatDuration } from "./duration";
import { breaches, describeSeries, evaluateThreshold, evaluationWindow, thresholdEditSchema, type RangeSeries } from "./thresholds";
import { SEED_THRESHOLDS } from "./seedThresholds";

const NOW = Date.UTC(2026, 11, 4, 8, 0, 0);
const STEP = 15;
/** a series sampled every STEP seconds over the last `minutes`, value from f(minutesAgo) */
function series(labels: Record<string, string>, minutes: number, f: (minutesAgo: number) => number): RangeSeries {
  const points: Array<[number, number]> = [];
  for (let t = NOW - minutes * 60_000; t <= NOW; t += STEP * 1000) points.push([t, f((NOW - t) / 60_000)]);
  return { labels, points };
}
const disk = { comparison: ">" as const, threshold: 85, forSeconds: 600 };

describe("comparison", () => {
  it("applies each operator and never breaches on NaN", () => {
    expect(breaches(86, ">", 85)).toBe(true);
    expect(breaches(85, ">", 85)).toBe(false);
    expect(breaches(3, ">=", 3)).toBe(true);
    expect(breaches(0.5, "<", 1)).toBe(true);
    expect(breaches(1, "<=", 1)).toBe(true);
    expect(breaches(NaN, "<", 1)).toBe(false);
  });
});

describe("evaluateThreshold", () => {
  it("is ok when no series breaches, and reports the worst current value", () => {
    const r = evaluateThreshold(disk, [series({ node: "a" }, 30, () => 40), series({ node: "b" }, 30, () => 70)], { now: NOW, stepSeconds: STEP });
    expect(r.state).toBe("ok");
    expect(r.since).toBeNull();
    expect(r.value).toBe(70);
    expect(r.valueLabels).toEqual({ node: "b" });
    expect(r.breaching).toEqual([]);
  });

  it("is pending when a series breaches for less than `for`, since the first breaching sample", () => {
    const r = evaluateThreshold(disk, [series({ node: "a" }, 30, (ago) => (ago <= 4 ? 90 : 50))], { now: NOW, stepSeconds: STEP });
    expect(r.state).toBe("pending");
    expect(r.since).toBe(NOW - 4 * 60_000);
    expect(r.breaching[0]).toMatchObject({ labels: { node: "a" }, value: 90, state: "pending" });
  });

  it("fires once the breach has lasted `for`, firing since run start + for", () => {
    const r = evaluateThreshold(disk, [series({ node: "a" }, 30, (ago) => (ago <= 12 ? 88 : 50))], { now: NOW, stepSeconds: STEP });
    expect(r.state).toBe("firing");
    expect(r.since).toBe(NOW - 12 * 60_000 + 600_000);
    expect(r.breaching[0]!.sinceBeforeWindow).toBe(false);
  });

  it("marks a breach older than the window as a lower bound", () => {
    const r = evaluateThreshold(disk, [series({ node: "a" }, 30, () => 95)], { now: NOW, stepSeconds: STEP, windowStart: NOW - 30 * 60_000 });
    expect(r.state).toBe("firing");
    expect(r.breaching[0]!.sinceBeforeWindow).toBe(true);
  });

  it("restarts the run after a dip below the threshold", () => {
    const r = evaluateThreshold(disk, [series({ node: "a" }, 30, (ago) => (ago === 5 ? 80 : 90))], { now: NOW, stepSeconds: STEP });
    expect(r.state).toBe("pending");
    expect(r.since).toBe(NOW - 5 * 60_000 + STEP * 1000);
  });

  it("breaks the run at a gap in the samples", () => {
    const s = series({ node: "a" }, 30, () => 90);
    s.points = s.points.filter(([t]) => t < NOW - 20 * 60_000 || t > NOW - 3 * 60_000);
    const r = evaluateThreshold(disk, [s], { now: NOW, stepSeconds: STEP });
    expect(r.state).toBe("pending");
  });

  it("ignores a series that stopped reporting", () => {
    const s = series({ node: "gone" }, 30, () => 99);
    s.points = s.points.filter(([t]) => t < NOW - 5 * 60_000);
    const r = evaluateThreshold(disk, [s], { now: NOW, stepSeconds: STEP });
    expect(r).toMatchObject({ state: "ok", value: null, seriesCount: 1 });
  });

  it("fires immediately when `for` is zero and lists firing series first, worst first", () => {
    const r = evaluateThreshold({ comparison: ">=", threshold: 3, forSeconds: 0 }, [
      series({ pod: "a" }, 10, (ago) => (ago < 0.1 ? 3 : 0)),
      series({ pod: "b" }, 10, () => 7),
      series({ pod: "c" }, 10, () => 1),
    ], { now: NOW, stepSeconds: STEP });
    expect(r.state).toBe("firing");
    expect(r.breaching.map((b) => b.labels.pod)).toEqual(["b", "a"]);
    expect(r.value).toBe(7);
  });

  it("treats lower-is-worse comparisons with the minimum as the worst value", () => {
    const r = evaluateThreshold({ comparison: "<", threshold: 0.9, forSeconds: 0 }, [series({ x: "1" }, 5, () => 0.95), series({ x: "2" }, 5, () => 0.5)], { now: NOW, stepSeconds: STEP });
    expect(r.value).toBe(0.5);
    expect(r.breaching).toHaveLength(1);
  });
});

describe("evaluationWindow", () => {
  it("covers `for` twice or for + 15 minutes, with at most 240 points", () => {
    const w = evaluationWindow(600, NOW);
    expect(w.end).toBe(NOW);
    expect(NOW - w.start).toBe(25 * 60_000);
    expect((NOW - w.start) / 1000 / w.stepSeconds).toBeLessThanOrEqual(240);
    expect(evaluationWindow(0, NOW).stepSeconds).toBeGreaterThanOrEqual(1);
  });
});

describe("seed thresholds", () => {
  it("hold the seed's four rules with their actions", () => {
    expect(SEED_THRESHOLDS.map((t) => [t.comparison, t.threshold, t.unit, t.action])).toEqual([
      [">", 1000, "ms", "Page on-call"],
      [">=", 3, "restarts", "Notify devops"],
      [">", 10, "%", "Critical incident"],
      [">", 85, "%", "Scale volume"],
    ]);
    expect(SEED_THRESHOLDS[2]!.query).toContain("django_db_new_connection_errors_total[5m]");
    expect(SEED_THRESHOLDS[2]!.query).toContain("django_db_new_connections_total[5m]");
    for (const t of SEED_THRESHOLDS) expect(thresholdEditSchema.safeParse(t).success).toBe(true);
  });
});

describe("threshold edits", () => {
  it("refuse an empty query, a non-finite value and a negative `for`", () => {
    const base = { id: "x", query: "up", comparison: ">", threshold: 1, forSeconds: 0, severity: "warning" };
    expect(thresholdEditSchema.safeParse({ ...base, query: "  " }).success).toBe(false);
    expect(thresholdEditSchema.safeParse({ ...base, threshold: Infinity }).success).toBe(false);
    expect(thresholdEditSchema.safeParse({ ...base, forSeconds: -1 }).success).toBe(false);
    expect(thresholdEditSchema.safeParse({ ...base, comparison: "!=" }).success).toBe(false);
  });
});

describe("durations", () => {
  it("parse and format Prometheus durations", () => {
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("10m")).toBe(600);
    expect(formatDuration(5400)).toBe("1h30m");
    expect(formatDuration(0)).toBe("0s");
    expect(() => parseDuration("5 minutes")).toThrow(/not a duration/);
    expect(() => parseDuration("")).toThrow();
  });
});

describe("describeSeries", () => {
  it("names the telling labels first", () => {
    expect(describeSeries({ job: "x", pod: "p", namespace: "grio", cluster: "c" })).toBe("cluster=c, namespace=grio, pod=p");
    expect(describeSeries({})).toBe("(whole estate)");
    expect(describeSeries({ cluster: "c", node: "n", instance: "10.0.0.1:9100", device: "/dev/sda1", fstype: "ext4", mountpoint: "/" })).toBe("cluster=c, node=n, mountpoint=/");
  });
});
