import { describe, expect, it } from "vitest";
import type { Backup } from "./names";
import { calendarStrip, missedDays } from "./calendar";

const b = (iso: string, size = 100): Backup => ({ stream: "postgres", key: `postgres/full-${iso}.sql.gz`, size, takenAt: new Date(iso), timeFrom: "name" });

/** daily 02:00 UTC backups for each day in [from, to] except `skip` */
function daily(from: string, to: string, skip: string[] = []): Backup[] {
  const out: Backup[] = [];
  for (let t = Date.parse(`${from}T02:00:00Z`); t <= Date.parse(`${to}T02:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (!skip.includes(day)) out.push(b(new Date(t).toISOString()));
  }
  return out;
}

describe("30-day calendar strip", () => {
  it("covers the 30 UTC days ending today, oldest first", () => {
    const s = calendarStrip([], new Date("2026-03-01T10:00:00Z"), 30, 30);
    expect(s).toHaveLength(30);
    expect(s[0]!.day).toBe("2026-01-31");
    expect(s[29]!.day).toBe("2026-03-01");
  });

  it("shows a missed day across a month end (Feb 28 → Mar 1)", () => {
    const now = new Date("2026-03-02T09:00:00Z");
    const s = calendarStrip(daily("2026-02-01", "2026-03-02", ["2026-02-28"]), now, 30, 30);
    expect(missedDays(s)).toEqual(["2026-02-28"]);
    expect(s.find((d) => d.day === "2026-03-01")!.status).toBe("ok");
  });

  it("counts days in UTC: 23:30 UTC on Jan 31 is Jan 31 even though it is Feb 1 in Kampala", () => {
    const now = new Date("2026-02-01T12:00:00+03:00");
    const s = calendarStrip([b("2026-01-31T23:30:00Z"), b("2026-02-01T02:30:00+03:00")], now, 30, 3);
    // the second one is 2026-01-31T23:30Z as well: both land on Jan 31, none on Feb 1 (today, pending)
    expect(s.map((d) => [d.day, d.count, d.status])).toEqual([
      ["2026-01-30", 0, "missed"],
      ["2026-01-31", 2, "ok"],
      ["2026-02-01", 0, "pending"],
    ]);
  });

  it("marks today as pending, not missed, before tonight's backup", () => {
    const s = calendarStrip(daily("2026-11-01", "2026-12-03"), new Date("2026-12-04T01:00:00Z"), 30);
    expect(s[29]!.status).toBe("pending");
    expect(missedDays(s)).toEqual([]);
  });

  it("marks the day of an anomalous backup", () => {
    const list = daily("2026-11-20", "2026-12-03");
    list.push(b("2026-12-04T02:00:00Z", 10));
    const s = calendarStrip(list, new Date("2026-12-04T07:00:00Z"), 30);
    expect(s[29]!.status).toBe("anomalous");
  });

  it("treats days before the oldest kept backup as pruned when retention is full", () => {
    const list = daily("2026-11-21", "2026-12-04"); // 14 backups, retention 14
    const s = calendarStrip(list, new Date("2026-12-04T07:00:00Z"), 14);
    expect(calendarStrip(list, new Date("2026-12-04T07:00:00Z"), 14, 30)[0]!.status).toBe("pruned");
    expect(missedDays(s)).toEqual([]);
    expect(calendarStrip(list, new Date("2026-12-04T07:00:00Z"), 30, 30)[0]!.status).toBe("missed");
  });
});
