/**
 * The Metrics page's panels: PromQL per panel for a chosen time range, with a step that keeps
 * each chart near 60–180 points and a rate window that never misses samples between steps. Pure.
 */
import { re2Literal, selector } from "./promql";

export const TIME_RANGES = ["15m", "1h", "6h", "24h", "7d"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

const RANGE_SECONDS: Record<TimeRange, number> = { "15m": 900, "1h": 3600, "6h": 21_600, "24h": 86_400, "7d": 604_800 };
const RANGE_STEP: Record<TimeRange, number> = { "15m": 15, "1h": 30, "6h": 120, "24h": 600, "7d": 3600 };

/** The node label the exporters carry (node-exporter relabelled by node name, as kube-prometheus does). */
export const NODE_LABEL = "node";

export interface RangeWindow {
  start: number;
  end: number;
  stepSeconds: number;
  /** PromQL range for rate(): at least 5m and at least two steps */
  rateWindow: string;
}

export function rangeWindow(range: TimeRange, now: number): RangeWindow {
  const seconds = RANGE_SECONDS[range];
  const stepSeconds = RANGE_STEP[range];
  const rateSeconds = Math.max(300, stepSeconds * 2);
  const end = Math.floor(now / 1000 / stepSeconds) * stepSeconds * 1000;
  return { start: end - seconds * 1000, end, stepSeconds, rateWindow: `${rateSeconds / 60}m` };
}

export type PanelUnit = "ms" | "req/s" | "%" | "bytes" | "cores" | "tokens/min";

export interface PanelQuery {
  expr: string;
  /** fixed legend ("p95"), or the labels joined to name each series */
  legend: string | { labels: string[] };
}

export interface PanelDefinition {
  id: string;
  title: string;
  unit: PanelUnit;
  description: string;
  queries: PanelQuery[];
  /** top-N panels: keep the N series with the highest mean */
  limit?: number;
}

const LATENCY_BUCKET = "django_http_requests_latency_seconds_by_view_method_bucket";
const RESPONSES = "django_http_responses_total_by_status_view_method";
const FS_TYPES = 'fstype!~"tmpfs|overlay|squashfs"';

export const PANEL_IDS = [
  "api-latency",
  "api-requests",
  "pod-cpu",
  "pod-memory",
  "node-cpu",
  "node-memory",
  "db-query-latency",
  "db-connection-errors",
  "redis-hit-rate",
  "ai-tokens",
  "disk-usage",
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/**
 * Every panel for a rate window, optionally narrowed to one cluster (every series the exporters
 * write carries `cluster`, as a multi-cluster Prometheus' external label would).
 */
export function panelDefinitions(w: Pick<RangeWindow, "rateWindow">, cluster?: string): PanelDefinition[] {
  const r = w.rateWindow;
  const only = cluster ? selector([{ label: "cluster", value: cluster }]).slice(1, -1) : "";
  /** metric{matchers…, cluster="…"} */
  const m = (metric: string, matchers = "") => {
    const all = [matchers, only].filter(Boolean).join(",");
    return all ? `${metric}{${all}}` : metric;
  };
  const quantile = (q: number, bucket: string) => `histogram_quantile(${q}, sum by (le) (rate(${m(bucket)}[${r}]))) * 1000`;
  return [
    {
      id: "api-latency",
      title: "API response time",
      unit: "ms",
      description: "Django API latency percentiles over every view (seed threshold: p95 > 1000 ms pages on-call).",
      queries: [0.5, 0.95, 0.99].map((q) => ({ expr: quantile(q, LATENCY_BUCKET), legend: `p${Math.round(q * 100)}` })),
    },
    {
      id: "api-requests",
      title: "API requests and 5xx",
      unit: "req/s",
      description: "Responses per second, all and server errors.",
      queries: [
        { expr: `sum(rate(${m(RESPONSES)}[${r}]))`, legend: "all" },
        { expr: `sum(rate(${m(RESPONSES, 'status=~"5.."')}[${r}])) or vector(0)`, legend: "5xx" },
      ],
    },
    {
      id: "pod-cpu",
      title: "CPU by pod (top 10)",
      unit: "cores",
      description: "Cores used per pod (container_cpu_usage_seconds_total).",
      queries: [
        {
          expr: `topk(10, sum by (cluster, namespace, pod) (rate(${m("container_cpu_usage_seconds_total", 'container!=""')}[${r}])))`,
          legend: { labels: ["cluster", "namespace", "pod"] },
        },
      ],
      limit: 10,
    },
    {
      id: "pod-memory",
      title: "Memory by pod (top 10)",
      unit: "bytes",
      description: "Working-set memory per pod.",
      queries: [
        {
          expr: `topk(10, sum by (cluster, namespace, pod) (${m("container_memory_working_set_bytes", 'container!=""')}))`,
          legend: { labels: ["cluster", "namespace", "pod"] },
        },
      ],
      limit: 10,
    },
    {
      id: "node-cpu",
      title: "CPU by node",
      unit: "%",
      description: "Busy share of every node's cores (node-exporter).",
      queries: [
        {
          expr: `100 * (1 - avg by (cluster, ${NODE_LABEL}) (rate(${m("node_cpu_seconds_total", 'mode="idle"')}[${r}])))`,
          legend: { labels: ["cluster", NODE_LABEL] },
        },
      ],
      limit: 10,
    },
    {
      id: "node-memory",
      title: "Memory by node",
      unit: "%",
      description: "Memory in use per node (1 − MemAvailable / MemTotal).",
      queries: [
        {
          expr: `100 * (1 - sum by (cluster, ${NODE_LABEL}) (${m("node_memory_MemAvailable_bytes")}) / sum by (cluster, ${NODE_LABEL}) (${m("node_memory_MemTotal_bytes")}))`,
          legend: { labels: ["cluster", NODE_LABEL] },
        },
      ],
      limit: 10,
    },
    {
      id: "db-query-latency",
      title: "Database query latency",
      unit: "ms",
      description: "Django's database query duration percentiles.",
      queries: [0.5, 0.95].map((q) => ({ expr: quantile(q, "django_db_query_duration_seconds_bucket"), legend: `p${Math.round(q * 100)}` })),
    },
    {
      id: "db-connection-errors",
      title: "Database connection errors",
      unit: "%",
      description: "New connection errors over new connections (seed threshold: > 10 % is a critical incident).",
      queries: [
        {
          expr: `100 * sum(rate(${m("django_db_new_connection_errors_total")}[${r}])) / sum(rate(${m("django_db_new_connections_total")}[${r}]))`,
          legend: "error ratio",
        },
      ],
    },
    {
      id: "redis-hit-rate",
      title: "Redis cache hit rate",
      unit: "%",
      description: "Keyspace hits over hits + misses.",
      queries: [
        {
          expr: `100 * sum(rate(${m("redis_keyspace_hits_total")}[${r}])) / (sum(rate(${m("redis_keyspace_hits_total")}[${r}])) + sum(rate(${m("redis_keyspace_misses_total")}[${r}])))`,
          legend: "hit rate",
        },
      ],
    },
    {
      id: "ai-tokens",
      title: "AI token usage by model",
      unit: "tokens/min",
      description: "Tokens per minute per model (grio_ai_tokens_total).",
      queries: [{ expr: `60 * sum by (model) (rate(${m("grio_ai_tokens_total")}[${r}]))`, legend: { labels: ["model"] } }],
      limit: 10,
    },
    {
      id: "disk-usage",
      title: "Disk use by node and volume",
      unit: "%",
      description: "Filesystem use per node mount, and per persistent volume when kubelet reports it (seed threshold: > 85 % → scale volume).",
      queries: [
        {
          expr: `max by (cluster, ${NODE_LABEL}, mountpoint) (100 * (1 - ${m("node_filesystem_avail_bytes", FS_TYPES)} / ${m("node_filesystem_size_bytes", FS_TYPES)}))`,
          legend: { labels: ["cluster", NODE_LABEL, "mountpoint"] },
        },
        {
          expr: `max by (cluster, namespace, persistentvolumeclaim) (100 * ${m("kubelet_volume_stats_used_bytes")} / ${m("kubelet_volume_stats_capacity_bytes")})`,
          legend: { labels: ["cluster", "namespace", "persistentvolumeclaim"] },
        },
      ],
      limit: 12,
    },
  ];
}

export function legendName(q: PanelQuery, labels: Record<string, string>): string {
  if (typeof q.legend === "string") return q.legend;
  const parts = q.legend.labels.map((l) => labels[l]).filter(Boolean);
  return parts.length ? parts.join("/") : "(all)";
}

/** Sparkline queries for a node's or a workload's detail page: CPU (cores) and memory (bytes). */
export function sparklineQueries(
  target:
    | { kind: "node"; cluster?: string; name: string }
    | { kind: "workload"; cluster?: string; namespace: string; name: string }
    | { kind: "pod"; cluster?: string; namespace: string; name: string },
  rateWindow = "5m",
): { cpu: string; memory: string; cpuUnit: "%" | "cores" } {
  const c = target.cluster ? [{ label: "cluster", value: target.cluster }] : [];
  if (target.kind === "node") {
    const sel = selector([...c, { label: NODE_LABEL, value: target.name }]);
    return {
      cpu: `100 * (1 - avg(rate(node_cpu_seconds_total${selector([...c, { label: NODE_LABEL, value: target.name }, { label: "mode", value: "idle" }])}[${rateWindow}])))`,
      memory: `sum(node_memory_MemTotal_bytes${sel}) - sum(node_memory_MemAvailable_bytes${sel})`,
      cpuUnit: "%",
    };
  }
  const podMatch =
    target.kind === "pod"
      ? { label: "pod", value: target.name }
      : { label: "pod", op: "=~" as const, value: `${re2Literal(target.name)}-.*` };
  const sel = selector([...c, { label: "namespace", value: target.namespace }, podMatch, { label: "container", op: "!=", value: "" }]);
  return {
    cpu: `sum(rate(container_cpu_usage_seconds_total${sel}[${rateWindow}]))`,
    memory: `sum(container_memory_working_set_bytes${sel})`,
    cpuUnit: "cores",
  };
}
