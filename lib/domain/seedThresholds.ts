/**
 * The seed's "Critical Alerts" table (infrastructure guide §7), as stored thresholds:
 * API p95 > 1000 ms → page on-call; 3+ pod restarts in 10 min → notify devops;
 * DB connection errors > 10 % → critical incident; disk > 85 % → scale volume.
 */
import type { AlertThreshold } from "./thresholds";

export const SEED_THRESHOLDS: readonly AlertThreshold[] = [
  {
    id: "api-latency-p95",
    alertName: "GrioApiLatencyP95High",
    title: "API response time (p95)",
    query:
      "histogram_quantile(0.95, sum by (cluster, le) (rate(django_http_requests_latency_seconds_by_view_method_bucket[5m]))) * 1000",
    comparison: ">",
    threshold: 1000,
    unit: "ms",
    forSeconds: 300,
    severity: "critical",
    action: "Page on-call",
  },
  {
    id: "pod-crash-loop",
    alertName: "GrioPodCrashLooping",
    title: "Pod crash loop (restarts in 10 min)",
    query: "increase(kube_pod_container_status_restarts_total[10m])",
    comparison: ">=",
    threshold: 3,
    unit: "restarts",
    forSeconds: 60,
    severity: "warning",
    action: "Notify devops",
  },
  {
    id: "db-connection-errors",
    alertName: "GrioDatabaseConnectionErrors",
    title: "Database connection errors",
    query:
      "100 * sum by (cluster) (rate(django_db_new_connection_errors_total[5m])) / sum by (cluster) (rate(django_db_new_connections_total[5m]))",
    comparison: ">",
    threshold: 10,
    unit: "%",
    forSeconds: 300,
    severity: "critical",
    action: "Critical incident",
  },
  {
    id: "disk-usage",
    alertName: "GrioDiskUsageHigh",
    title: "Disk usage",
    query:
      '100 * (1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"})',
    comparison: ">",
    threshold: 85,
    unit: "%",
    forSeconds: 600,
    severity: "warning",
    action: "Scale volume",
  },
];
