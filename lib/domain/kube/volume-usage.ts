/**
 * PersistentVolumeClaim usage from kubelet volume stats, joined onto the claims the console lists.
 * Pure: samples in, rows out. The rule is the seed's "disk > 85 % → scale volume" threshold.
 */
import { breaches, type Comparison } from "../thresholds";
import type { PvcRow } from "./summary";

/** One series of an instant query, as the Prometheus adapter returns it. */
export interface VolumeSample {
  labels: Record<string, string>;
  value: number;
}

export interface VolumeUsage {
  cluster: string;
  namespace: string;
  claim: string;
  usedBytes: number;
  capacityBytes: number;
  /** 0–100, one decimal */
  percent: number;
  /** percent breaches the disk threshold */
  full: boolean;
}

/** The disk rule applied to volumes (from the stored "disk-usage" threshold). */
export interface DiskRule {
  comparison: Comparison;
  threshold: number;
  action: string;
}

export const volumeKey = (cluster: string, namespace: string, claim: string) => `${cluster}/${namespace}/${claim}`;

function keyOf(labels: Record<string, string>): string | null {
  const { cluster, namespace, persistentvolumeclaim: claim } = labels;
  if (!cluster || !namespace || !claim) return null;
  return volumeKey(cluster, namespace, claim);
}

/**
 * Join used and capacity samples per claim (cluster/namespace/persistentvolumeclaim), percent of
 * capacity, fullest first. A claim without both a finite used and a positive capacity is left out
 * (no number is better than a wrong one); duplicate series (two scrapes of one kubelet) keep the last.
 */
export function volumeUsage(used: VolumeSample[], capacity: VolumeSample[], rule: DiskRule): VolumeUsage[] {
  const caps = new Map<string, number>();
  for (const s of capacity) {
    const k = keyOf(s.labels);
    if (k && Number.isFinite(s.value) && s.value > 0) caps.set(k, s.value);
  }
  const rows = new Map<string, VolumeUsage>();
  for (const s of used) {
    const k = keyOf(s.labels);
    const cap = k ? caps.get(k) : undefined;
    if (!k || cap === undefined || !Number.isFinite(s.value)) continue;
    const percent = Math.round((1000 * s.value) / cap) / 10;
    rows.set(k, {
      cluster: s.labels.cluster!, namespace: s.labels.namespace!, claim: s.labels.persistentvolumeclaim!,
      usedBytes: s.value, capacityBytes: cap, percent, full: breaches(percent, rule.comparison, rule.threshold),
    });
  }
  return [...rows.values()].sort((a, b) => b.percent - a.percent || volumeKey(a.cluster, a.namespace, a.claim).localeCompare(volumeKey(b.cluster, b.namespace, b.claim)));
}

export type PvcWithUsage = PvcRow & { usage: VolumeUsage | null };

/** Each claim with its usage (null when Prometheus has none for it), fullest first, then by name. */
export function withVolumeUsage(pvcs: PvcRow[], usage: VolumeUsage[]): PvcWithUsage[] {
  const byKey = new Map(usage.map((u) => [volumeKey(u.cluster, u.namespace, u.claim), u]));
  return pvcs
    .map((p) => ({ ...p, usage: byKey.get(volumeKey(p.cluster, p.namespace, p.name)) ?? null }))
    .sort((a, b) => (b.usage?.percent ?? -1) - (a.usage?.percent ?? -1) || volumeKey(a.cluster, a.namespace, a.name).localeCompare(volumeKey(b.cluster, b.namespace, b.name)));
}
