/**
 * Metrics panels and sparklines: PromQL runs here, the browser gets compact aligned series.
 * One failing panel query does not fail the page: each panel carries its own error.
 */
import { toSourceError, type SourceError } from "@/server/adapters/errors";
import { prometheusFromEnv, PROMETHEUS_NOT_CONFIGURED, type PrometheusClient } from "@/server/adapters/prometheus";
import { compactSeries, type CompactSeries } from "@/lib/domain/promql";
import { legendName, panelDefinitions, rangeWindow, sparklineQueries, type PanelUnit, type TimeRange } from "@/lib/domain/panels";

export interface PanelData {
  id: string;
  title: string;
  unit: PanelUnit;
  description: string;
  data: CompactSeries;
  error: SourceError | null;
}

export interface PanelsResult {
  configured: boolean;
  range: TimeRange;
  start: number;
  end: number;
  stepSeconds: number;
  panels: PanelData[];
  errors: SourceError[];
}

const notConfigured = (): SourceError => ({ source: "prometheus", message: `Prometheus is ${PROMETHEUS_NOT_CONFIGURED}` });

export async function metricPanels(
  range: TimeRange,
  now: number,
  opts: { only?: string[]; cluster?: string; prometheus?: PrometheusClient | null } = {},
): Promise<PanelsResult> {
  const w = rangeWindow(range, now);
  const defs = panelDefinitions(w, opts.cluster).filter((d) => !opts.only || opts.only.includes(d.id));
  const prom = opts.prometheus !== undefined ? opts.prometheus : prometheusFromEnv();
  const empty: CompactSeries = { t: [], series: [] };
  if (!prom) {
    const error = notConfigured();
    return { configured: false, range, ...w, panels: defs.map((d) => ({ ...d, data: empty, error })), errors: [error] };
  }
  const errors: SourceError[] = [];
  const panels = await Promise.all(
    defs.map(async (d): Promise<PanelData> => {
      try {
        const perQuery = await Promise.all(
          d.queries.map(async (q) => (await prom.queryRange(q.expr, w)).map((s) => ({ ...s, labels: { ...s.labels, __legend: legendName(q, s.labels) } }))),
        );
        const data = compactSeries(perQuery.flat(), { ...w, name: (l) => l.__legend ?? "", limit: d.limit });
        for (const s of data.series) delete s.labels.__legend;
        return { id: d.id, title: d.title, unit: d.unit, description: d.description, data, error: null };
      } catch (e) {
        const error = toSourceError(e, "prometheus");
        if (!errors.some((x) => x.message === error.message)) errors.push(error);
        return { id: d.id, title: d.title, unit: d.unit, description: d.description, data: empty, error };
      }
    }),
  );
  return { configured: true, range, ...w, panels, errors };
}

export type SparklineTarget = Parameters<typeof sparklineQueries>[0];

export interface Sparklines {
  cpu: { unit: "%" | "cores"; t: number[]; values: Array<number | null> } | null;
  memory: { unit: "bytes"; t: number[]; values: Array<number | null> } | null;
  error: SourceError | null;
}

/** The last hour of CPU and memory for a node, workload or pod (detail pages). */
export async function sparklines(target: SparklineTarget, now: number, prometheus?: PrometheusClient | null): Promise<Sparklines> {
  const prom = prometheus !== undefined ? prometheus : prometheusFromEnv();
  if (!prom) return { cpu: null, memory: null, error: notConfigured() };
  const w = rangeWindow("1h", now);
  const q = sparklineQueries(target, w.rateWindow);
  try {
    const [cpu, memory] = await Promise.all([prom.queryRange(q.cpu, w), prom.queryRange(q.memory, w)]);
    const one = (series: typeof cpu) => {
      const c = compactSeries(series.slice(0, 1), { ...w, name: () => "" });
      return { t: c.t, values: c.series[0]?.values ?? c.t.map(() => null) };
    };
    return { cpu: { unit: q.cpuUnit, ...one(cpu) }, memory: { unit: "bytes", ...one(memory) }, error: null };
  } catch (e) {
    return { cpu: null, memory: null, error: toSourceError(e, "prometheus") };
  }
}
