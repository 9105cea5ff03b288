/**
 * Alert thresholds (the seed's "Critical Alerts" table, made live) and their evaluation against
 * Prometheus range data. Pure: series and `now` come in, a state comes out.
 *
 * Evaluation mirrors Prometheus' `for` semantics without keeping state between requests: a series
 * is breaching when its latest sample breaks the threshold; it has been breaching since the first
 * sample of the unbroken run of breaching samples ending now; it is `firing` once that run is at
 * least `for` long (firing since run start + for), otherwise `pending` (since run start).
 */
import { z } from "zod";

export const COMPARISONS = [">", ">=", "<", "<="] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type ThresholdState = "ok" | "pending" | "firing";

export interface AlertThreshold {
  /** stable slug, also the alert name's source: "api-latency-p95" */
  id: string;
  /** Prometheus alert name, e.g. "ApiLatencyP95High" */
  alertName: string;
  /** human title: "API response time (p95)" */
  title: string;
  query: string;
  comparison: Comparison;
  threshold: number;
  /** unit of the query's value, for display: "ms", "%", "restarts" */
  unit: string;
  forSeconds: number;
  severity: Severity;
  /** what on-call does: "Page on-call" */
  action: string;
}

/** What an admin may change on a threshold (validated on the server before Prometheus checks the query). */
export const thresholdEditSchema = z.object({
  id: z.string().min(1).max(100),
  query: z.string().trim().min(1, "query is empty").max(4000, "query is too long"),
  comparison: z.enum(COMPARISONS),
  threshold: z.number().finite(),
  forSeconds: z.number().int().min(0).max(7 * 86_400),
  severity: z.enum(SEVERITIES),
});
export type ThresholdEdit = z.infer<typeof thresholdEditSchema>;

/** One series from a range query; `points` are [epoch ms, value], oldest first. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

export interface SeriesVerdict {
  labels: Record<string, string>;
  value: number;
  state: Exclude<ThresholdState, "ok">;
  /** epoch ms: pending since the run started, firing since run start + for */
  since: number;
  /** true when the breach started before the evaluated window: `since` is then a lower bound */
  sinceBeforeWindow: boolean;
}

export interface ThresholdEvaluation {
  state: ThresholdState;
  /** epoch ms since the current state holds (null when ok) */
  since: number | null;
  /** worst current value over all series (max for > and >=, min for < and <=); null when no data */
  value: number | null;
  /** labels of the series that gave `value` */
  valueLabels: Record<string, string> | null;
  seriesCount: number;
  breaching: SeriesVerdict[];
}

export function breaches(value: number, comparison: Comparison, threshold: number): boolean {
  if (Number.isNaN(value)) return false;
  switch (comparison) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

const higherIsWorse = (c: Comparison) => c === ">" || c === ">=";

/** The range to query to judge a threshold now: enough to see a `for` run complete, ≤ 240 points. */
export function evaluationWindow(forSeconds: number, now: number): { start: number; end: number; stepSeconds: number } {
  const lookback = Math.min(Math.max(forSeconds * 2, forSeconds + 15 * 60), 2 * 86_400);
  const stepSeconds = Math.max(1, Math.ceil(lookback / 240));
  return { start: now - lookback * 1000, end: now, stepSeconds };
}

export function evaluateThreshold(
  t: Pick<AlertThreshold, "comparison" | "threshold" | "forSeconds">,
  series: RangeSeries[],
  opts: { now: number; stepSeconds: number; windowStart?: number },
): ThresholdEvaluation {
  const stepMs = opts.stepSeconds * 1000;
  const maxGap = stepMs * 1.5 + 1;
  const forMs = t.forSeconds * 1000;
  let value: number | null = null;
  let valueLabels: Record<string, string> | null = null;
  const breaching: SeriesVerdict[] = [];
  const worse = (a: number, b: number) => (higherIsWorse(t.comparison) ? a > b : a < b);

  for (const s of series) {
    const pts = s.points.filter(([, v]) => !Number.isNaN(v));
    const last = pts[pts.length - 1];
    // a series that stopped reporting is not breaching now
    if (!last || last[0] < opts.now - 2 * stepMs - 1000) continue;
    if (value === null || worse(last[1], value)) {
      value = last[1];
      valueLabels = s.labels;
    }
    if (!breaches(last[1], t.comparison, t.threshold)) continue;
    let runStart = last[0];
    let i = pts.length - 2;
    for (; i >= 0; i--) {
      const p = pts[i]!;
      if (runStart - p[0] > maxGap || !breaches(p[1], t.comparison, t.threshold)) break;
      runStart = p[0];
    }
    const windowStart = opts.windowStart ?? pts[0]![0];
    const sinceBeforeWindow = i < 0 && runStart - windowStart <= maxGap;
    const firing = opts.now - runStart >= forMs;
    breaching.push({
      labels: s.labels,
      value: last[1],
      state: firing ? "firing" : "pending",
      since: firing ? runStart + forMs : runStart,
      sinceBeforeWindow,
    });
  }

  breaching.sort((a, b) =>
    a.state !== b.state ? (a.state === "firing" ? -1 : 1) : worse(a.value, b.value) ? -1 : worse(b.value, a.value) ? 1 : 0,
  );
  const firing = breaching.filter((b) => b.state === "firing");
  const pending = breaching.filter((b) => b.state === "pending");
  const state: ThresholdState = firing.length ? "firing" : pending.length ? "pending" : "ok";
  const pool = firing.length ? firing : pending;
  const since = pool.length ? Math.min(...pool.map((b) => b.since)) : null;
  return { state, since, value, valueLabels, seriesCount: series.length, breaching };
}

/** "pod ai-inference-7c9 in grio on hetzner-prod" style label summary, most telling labels first. */
export function describeSeries(labels: Record<string, string>): string {
  const order = ["cluster", "namespace", "pod", "container", "node", "instance", "mountpoint", "persistentvolumeclaim", "model", "view"];
  // scrape plumbing says nothing to on-call once the node or pod is named
  const noise = new Set(["__name__", "job", "device", "fstype", "endpoint", "service", "prometheus", "uid"]);
  if (labels.node || labels.pod) noise.add("instance");
  const parts = order.filter((k) => labels[k] && !noise.has(k)).map((k) => `${k}=${labels[k]}`);
  const rest = Object.keys(labels)
    .filter((k) => !order.includes(k) && !noise.has(k))
    .sort()
    .map((k) => `${k}=${labels[k]}`);
  const all = [...parts, ...rest];
  return all.length ? all.join(", ") : "(whole estate)";
}
