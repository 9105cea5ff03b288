/**
 * Volume usage for the Volumes page: kubelet volume stats from Prometheus, judged by the stored
 * "disk-usage" threshold (the seed's "disk > 85 % → scale volume"). Its own query, so the claims
 * table (from the Kubernetes caches) renders even when Prometheus is down or not configured; the
 * Prometheus error travels in `errors` for the page to show beside the table.
 */
import type { Db } from "@/db/client";
import { toSourceError, type SourceError } from "@/server/adapters/errors";
import { prometheusFromEnv, PROMETHEUS_NOT_CONFIGURED, type PrometheusClient } from "@/server/adapters/prometheus";
import { SEED_THRESHOLDS } from "@/lib/domain/seedThresholds";
import { volumeUsage, type DiskRule, type VolumeUsage } from "@/lib/domain/kube/volume-usage";
import { listThresholds } from "./thresholds";

export const VOLUME_USED_QUERY = "kubelet_volume_stats_used_bytes";
export const VOLUME_CAPACITY_QUERY = "kubelet_volume_stats_capacity_bytes";

export interface VolumeUsageResult {
  rule: DiskRule;
  rows: VolumeUsage[];
  errors: SourceError[];
}

async function diskRule(db: Db): Promise<DiskRule> {
  const t = (await listThresholds(db)).find((x) => x.id === "disk-usage") ?? SEED_THRESHOLDS.find((x) => x.id === "disk-usage")!;
  return { comparison: t.comparison, threshold: t.threshold, action: t.action };
}

export async function volumeUsageReport(db: Db, prometheus: PrometheusClient | null = prometheusFromEnv()): Promise<VolumeUsageResult> {
  const rule = await diskRule(db);
  if (!prometheus) return { rule, rows: [], errors: [{ source: "prometheus", message: `Prometheus is ${PROMETHEUS_NOT_CONFIGURED}` }] };
  try {
    const [used, capacity] = await Promise.all([prometheus.query(VOLUME_USED_QUERY), prometheus.query(VOLUME_CAPACITY_QUERY)]);
    return { rule, rows: volumeUsage(used, capacity, rule), errors: [] };
  } catch (e) {
    return { rule, rows: [], errors: [toSourceError(e, "prometheus")] };
  }
}
