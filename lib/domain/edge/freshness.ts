import { humanDuration } from "../humanize";

const HOUR = 3_600_000;

/** `daily` | `weekly` | `<n>h` (1–8760 hours). */
export const SYNC_INTERVAL_PATTERN = /^(daily|weekly|([1-9]\d{0,3})h)$/;

/** The sync interval in ms, or undefined if the text is not a valid interval. */
export function syncIntervalMs(interval: string): number | undefined {
  const m = SYNC_INTERVAL_PATTERN.exec(interval);
  if (!m) return undefined;
  if (m[1] === "daily") return 24 * HOUR;
  if (m[1] === "weekly") return 7 * 24 * HOUR;
  const n = Number(m[2]);
  return n <= 8760 ? n * HOUR : undefined;
}

export type Freshness = "fresh" | "late" | "stale" | "never";
/** Worst first when sorting the fleet by staleness. */
export const FRESHNESS_SEVERITY: Record<Freshness, number> = { fresh: 0, late: 1, stale: 2, never: 3 };

export type SiteFreshness = { status: Freshness; ageMs: number | undefined; intervalMs: number; reason: string };

/**
 * Curriculum freshness of a site from its policy and its last `lastCurriculumSyncAt`:
 * fresh (age ≤ 1.5× interval), late (≤ 3×), stale (beyond), never (no heartbeat, or never synced).
 * A sync time in the future (a skewed clock) counts as age 0.
 */
export function siteFreshness(
  input: { syncInterval: string; lastCurriculumSyncAt: Date | null | undefined; hasHeartbeat: boolean },
  now: Date,
): SiteFreshness {
  const intervalMs = syncIntervalMs(input.syncInterval) ?? 24 * HOUR;
  if (!input.hasHeartbeat) {
    return { status: "never", ageMs: undefined, intervalMs, reason: "no heartbeat received yet" };
  }
  if (!input.lastCurriculumSyncAt) {
    return { status: "never", ageMs: undefined, intervalMs, reason: "reports heartbeats but has never synced curriculum" };
  }
  const age = Math.max(0, now.getTime() - input.lastCurriculumSyncAt.getTime());
  const ratio = age / intervalMs;
  const ageText = `last curriculum sync ${humanDuration(age)} ago`;
  const policy = `its ${input.syncInterval} sync`;
  if (ratio <= 1.5) return { status: "fresh", ageMs: age, intervalMs, reason: `${ageText}, within 1.5× ${policy}` };
  if (ratio <= 3) return { status: "late", ageMs: age, intervalMs, reason: `${ageText}, over 1.5× ${policy}` };
  return { status: "stale", ageMs: age, intervalMs, reason: `${ageText}, over 3× ${policy}` };
}

/** Time since the site was last heard from (undefined: never). */
export function offlineDurationMs(lastHeardAt: Date | null | undefined, now: Date): number | undefined {
  if (!lastHeardAt) return undefined;
  return Math.max(0, now.getTime() - lastHeardAt.getTime());
}
