import type { Backup } from "./names";
import { sizeVerdict } from "./status";
import { utcDay } from "../humanize";

/**
 * - ok: at least one good backup that UTC day
 * - anomalous: backups that day, but the last of them is under half the usual size
 * - missed: no backup that day
 * - pending: today, no backup yet (the day is not over)
 * - pruned: before the oldest kept backup while retention is full (the policy deleted them, not a gap)
 */
export type CalendarDayStatus = "ok" | "anomalous" | "missed" | "pending" | "pruned";
export type CalendarDay = { day: string; count: number; bytes: number; status: CalendarDayStatus };

const DAY = 86_400_000;

/** The last `days` UTC days ending with today (oldest first), each with its backups. */
export function calendarStrip(backups: Backup[], now: Date, retention: number, days = 30): CalendarDay[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const byDay = new Map<string, { count: number; bytes: number; lastAnomalous: boolean }>();
  backups.forEach((b, i) => {
    const key = utcDay(b.takenAt);
    const e = byDay.get(key) ?? { count: 0, bytes: 0, lastAnomalous: false };
    e.count++;
    e.bytes += b.size;
    e.lastAnomalous = sizeVerdict(backups, i).anomalous; // oldest-first: the last one wins
    byDay.set(key, e);
  });
  const oldest = backups[0] ? utcDay(backups[0].takenAt) : undefined;
  const retentionFull = backups.length >= retention;
  const out: CalendarDay[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = utcDay(today - i * DAY);
    const e = byDay.get(day);
    let status: CalendarDayStatus;
    if (e) status = e.lastAnomalous ? "anomalous" : "ok";
    else if (i === 0) status = "pending";
    else if (retentionFull && oldest !== undefined && day < oldest) status = "pruned";
    else status = "missed";
    out.push({ day, count: e?.count ?? 0, bytes: e?.bytes ?? 0, status });
  }
  return out;
}

/** The days in the strip with no backup (not counting today or pruned days), oldest first. */
export function missedDays(strip: CalendarDay[]): string[] {
  return strip.filter((d) => d.status === "missed").map((d) => d.day);
}
