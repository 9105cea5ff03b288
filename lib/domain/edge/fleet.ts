import { FRESHNESS_SEVERITY, type Freshness } from "./freshness";
import { utcDay } from "../humanize";

/** Compare dotted versions numerically where they are numbers ("2024.10" > "2024.9"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, "").split(/[.\-+]/);
  const pb = b.replace(/^v/, "").split(/[.\-+]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * The curriculum version sites should run: the configured one, else the most common among sites
 * (a tie goes to the newest version). Undefined when nobody has reported one.
 */
export function currentCurriculumVersion(reported: Array<string | undefined>, configured?: string): string | undefined {
  if (configured) return configured;
  const counts = new Map<string, number>();
  for (const v of reported) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) {
    const bn = best === undefined ? -1 : counts.get(best)!;
    if (n > bn || (n === bn && compareVersions(v, best!) > 0)) best = v;
  }
  return best;
}

export type VersionDrift = { drifted: boolean; direction: "behind" | "ahead" | "same" | "unknown" };

export function versionDrift(siteVersion: string | undefined, current: string | undefined): VersionDrift {
  if (!siteVersion || !current) return { drifted: false, direction: "unknown" };
  const c = compareVersions(siteVersion, current);
  return { drifted: c !== 0, direction: c < 0 ? "behind" : c > 0 ? "ahead" : "same" };
}

export type DiskUse = { fraction: number; status: "ok" | "warning" | "critical" };
/** Disk use: warning from 80 %, critical from 90 %. */
export function diskUse(usedBytes: number, totalBytes: number): DiskUse {
  const fraction = totalBytes > 0 ? Math.min(1, Math.max(0, usedBytes / totalBytes)) : 0;
  return { fraction, status: fraction >= 0.9 ? "critical" : fraction >= 0.8 ? "warning" : "ok" };
}

/** Heartbeats per UTC day over the last `days` days ending today (oldest first), by their sentAt. */
export function heartbeatHistory(sentAt: Date[], now: Date, days = 30): Array<{ day: string; count: number }> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const counts = new Map<string, number>();
  for (const t of sentAt) counts.set(utcDay(t), (counts.get(utcDay(t)) ?? 0) + 1);
  const out: Array<{ day: string; count: number }> = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = utcDay(today - i * 86_400_000);
    out.push({ day, count: counts.get(day) ?? 0 });
  }
  return out;
}

export type FleetSite = { id: string; district: string; freshness: Freshness; ageMs: number | undefined; offlineMs: number | undefined };

/** Worst first: never, stale, late, fresh; then the longest since sync, then the longest offline, then id. */
export function byStaleness(a: FleetSite, b: FleetSite): number {
  return (
    FRESHNESS_SEVERITY[b.freshness] - FRESHNESS_SEVERITY[a.freshness] ||
    (b.ageMs ?? Infinity) - (a.ageMs ?? Infinity) ||
    (b.offlineMs ?? Infinity) - (a.offlineMs ?? Infinity) ||
    a.id.localeCompare(b.id)
  );
}

/** Sites grouped by district (districts with the worst sites first), each group sorted by staleness. */
export function groupByDistrict<T extends FleetSite>(sites: T[]): Array<{ district: string; sites: T[] }> {
  const groups = new Map<string, T[]>();
  for (const s of sites) groups.set(s.district, [...(groups.get(s.district) ?? []), s]);
  const out = [...groups].map(([district, list]) => ({ district, sites: [...list].sort(byStaleness) }));
  return out.sort((a, b) => byStaleness(a.sites[0]!, b.sites[0]!) || a.district.localeCompare(b.district));
}

export function freshnessCounts(sites: Array<{ freshness: Freshness }>): Record<Freshness, number> {
  const c: Record<Freshness, number> = { fresh: 0, late: 0, stale: 0, never: 0 };
  for (const s of sites) c[s.freshness]++;
  return c;
}
