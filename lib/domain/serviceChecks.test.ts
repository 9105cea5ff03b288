import { describe, expect, it } from "vitest";
import { judgeHttpAnswer, judgePromSamples, probeSlot, retentionCutoff, summariseChecks, type CheckResult } from "./serviceChecks";

const NOW = Date.UTC(2026, 11, 4, 8, 0, 0);
const DAY = 86_400_000;

describe("judging a probe", () => {
  it("wants {\"status\": \"ok\"} from the Django health endpoint", () => {
    expect(judgeHttpAnswer("http-json-status", 200, '{"status": "ok"}').up).toBe(true);
    expect(judgeHttpAnswer("http-json-status", 200, '{"status": "degraded"}')).toEqual({ up: false, detail: 'status is "degraded", expected "ok"' });
    expect(judgeHttpAnswer("http-json-status", 200, "<html>").up).toBe(false);
    expect(judgeHttpAnswer("http-json-status", 503, '{"status": "ok"}').detail).toMatch(/^HTTP 503/);
  });
  it("accepts any 2xx for plain HTTP checks", () => {
    expect(judgeHttpAnswer("http", 204, "").up).toBe(true);
    expect(judgeHttpAnswer("http", 500, "boom").up).toBe(false);
  });
  it("treats an empty or zero pg_up as down", () => {
    expect(judgePromSamples([1, 1]).up).toBe(true);
    expect(judgePromSamples([1, 0]).detail).toBe("1 of 2 sample(s) report down");
    expect(judgePromSamples([]).up).toBe(false);
  });
});

describe("summariseChecks", () => {
  const every5min = (days: number, down: (t: number) => boolean): CheckResult[] => {
    const out: CheckResult[] = [];
    for (let t = NOW - days * DAY; t <= NOW; t += 300_000) out.push({ checkedAt: t, up: !down(t), latencyMs: 12 });
    return out;
  };

  it("meets the 99.5 % SLA with 30 minutes down in 30 days", () => {
    const s = summariseChecks(every5min(30, (t) => t > NOW - 10 * DAY && t <= NOW - 10 * DAY + 30 * 60_000), { now: NOW, windowMs: 30 * DAY, production: true });
    expect(s.availabilityPercent).toBeGreaterThan(99.9);
    expect(s.meetsSla).toBe(true);
    expect(s.up).toBe(true);
    expect(s.lastChangeAt).toBe(NOW - 10 * DAY + 35 * 60_000);
  });

  it("misses the SLA with a 4-hour outage in 30 days, and reports the current outage's start", () => {
    const s = summariseChecks(every5min(30, (t) => t > NOW - 4 * 3_600_000), { now: NOW, windowMs: 30 * DAY, production: true });
    expect(s.availabilityPercent).toBeLessThan(99.5);
    expect(s.meetsSla).toBe(false);
    expect(s.up).toBe(false);
    expect(s.lastChangeAt).toBe(NOW - 4 * 3_600_000 + 300_000);
  });

  it("says nothing about the SLA without results or for non-production checks", () => {
    expect(summariseChecks([], { now: NOW, windowMs: DAY, production: true })).toMatchObject({ up: null, availabilityPercent: null, meetsSla: null });
    expect(summariseChecks(every5min(1, () => true), { now: NOW, windowMs: DAY, production: false }).meetsSla).toBeNull();
  });
});

describe("slots and retention", () => {
  it("gives replicas the same slot within one interval and keeps 30 days", () => {
    expect(probeSlot(NOW, 30_000)).toBe(probeSlot(NOW + 29_999, 30_000));
    expect(probeSlot(NOW + 30_000, 30_000)).toBe(probeSlot(NOW, 30_000) + 1);
    expect(retentionCutoff(NOW)).toBe(NOW - 30 * DAY);
  });
});
