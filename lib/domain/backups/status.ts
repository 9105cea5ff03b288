import type { Backup, BackupStreamPolicy } from "./names";
import { humanDuration, humanBytes } from "../humanize";

/** Worst first is the order the overview uses: missing > anomalous > late > ok. */
export type BackupStatus = "ok" | "late" | "missing" | "anomalous";
export const BACKUP_SEVERITY: Record<BackupStatus, number> = { ok: 0, late: 1, anomalous: 2, missing: 3 };

const HOUR = 3_600_000;
/** How many earlier backups the anomaly rule compares against, and the fewest it needs to judge. */
export const ANOMALY_WINDOW = 7;
export const ANOMALY_MIN_HISTORY = 3;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length === 0) return NaN;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export type SizeVerdict = { anomalous: boolean; medianOfPrevious: number | undefined; compared: number };

/**
 * Is backup `index` (in an oldest-first list) under half the median size of the up to seven backups
 * before it? Exactly half is not anomalous. With fewer than three earlier backups there is no verdict.
 */
export function sizeVerdict(backups: Backup[], index: number): SizeVerdict {
  const previous = backups.slice(Math.max(0, index - ANOMALY_WINDOW), index).map((b) => b.size);
  if (previous.length < ANOMALY_MIN_HISTORY) return { anomalous: false, medianOfPrevious: undefined, compared: previous.length };
  const med = median(previous);
  return { anomalous: backups[index]!.size < med / 2, medianOfPrevious: med, compared: previous.length };
}

export type StreamStatus = {
  stream: string;
  status: BackupStatus;
  /** one sentence, e.g. "newest backup is 31 h old, beyond the 24 h RPO (late until 48 h)" */
  reason: string;
  newest: Backup | undefined;
  newestAgeMs: number | undefined;
  rpoMs: number;
  medianOfPrevious: number | undefined;
  retention: { count: number; target: number; status: "ok" | "short" | "over" };
};

/** One status per stream, judged on its newest backup at `now`. */
export function streamStatus(policy: BackupStreamPolicy, backups: Backup[], now: Date): StreamStatus {
  const rpoMs = policy.rpoHours * HOUR;
  const count = backups.length;
  const retention = {
    count,
    target: policy.retention,
    status: count < policy.retention ? "short" : count > policy.retention ? "over" : "ok",
  } as const;
  const newest = backups[count - 1];
  if (!newest) {
    return {
      stream: policy.name, status: "missing", newest: undefined, newestAgeMs: undefined, rpoMs,
      medianOfPrevious: undefined, retention,
      reason: `no backup found under ${policy.prefix}`,
    };
  }
  const age = Math.max(0, now.getTime() - newest.takenAt.getTime());
  const size = sizeVerdict(backups, count - 1);
  const ageText = `newest backup is ${humanDuration(age)} old`;
  const rpoText = `${policy.rpoHours} h RPO`;
  let status: BackupStatus;
  let reason: string;
  if (age > 2 * rpoMs) {
    status = "missing";
    reason = `${ageText}, more than twice the ${rpoText}`;
  } else if (size.anomalous) {
    status = "anomalous";
    reason =
      `newest backup is ${humanBytes(newest.size)}, under half the median (${humanBytes(size.medianOfPrevious!)}) ` +
      `of the previous ${size.compared}: probably truncated`;
  } else if (age > rpoMs) {
    status = "late";
    reason = `${ageText}, beyond the ${rpoText}`;
  } else {
    status = "ok";
    reason = `${ageText}, within the ${rpoText}`;
  }
  if (status !== "anomalous" && size.anomalous) reason += `; it is also under half the usual size`;
  if (status === "anomalous" && age > rpoMs) reason += `; it is also ${humanDuration(age)} old, beyond the ${rpoText}`;
  return { stream: policy.name, status, reason, newest, newestAgeMs: age, rpoMs, medianOfPrevious: size.medianOfPrevious, retention };
}

/** The worst status among streams (missing when there are none). */
export function worstBackupStatus(statuses: BackupStatus[]): BackupStatus {
  if (statuses.length === 0) return "missing";
  return statuses.reduce((w, s) => (BACKUP_SEVERITY[s] > BACKUP_SEVERITY[w] ? s : w), "ok" as BackupStatus);
}

export type SizePoint = { at: Date; key: string; size: number; anomalous: boolean };

/** Every backup's size with its own anomaly verdict, so older anomalies show on the chart. */
export function sizeTrend(backups: Backup[]): SizePoint[] {
  return backups.map((b, i) => ({ at: b.takenAt, key: b.key, size: b.size, anomalous: sizeVerdict(backups, i).anomalous }));
}
