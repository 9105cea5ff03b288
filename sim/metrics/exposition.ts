/** Prometheus text exposition format 0.0.4: families with HELP/TYPE, escaped labels, histograms. */

export type Labels = Record<string, string>;
export type MetricType = "counter" | "gauge" | "histogram";

export const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** django-prometheus' default latency buckets (PROMETHEUS_LATENCY_BUCKETS) */
export const DJANGO_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 25, 50, 75];

const NEEDS_ESCAPE = /[\\\n"]/;
const escapeValue = (v: string) => (NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"') : v);

export function formatLabels(labels: Labels): string {
  let out = "";
  for (const k in labels) out += `${out ? "," : ""}${k}="${escapeValue(labels[k]!)}"`;
  return out ? `{${out}}` : "";
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return Number.isInteger(v) ? String(v) : v.toPrecision(12).replace(/\.?0+$/, "");
}

/** Collects families in order; each family's HELP/TYPE is written once, before its samples. */
export class Exposition {
  private families = new Map<string, { help: string; type: MetricType; lines: string[] }>();

  family(name: string, type: MetricType, help: string): { sample(labels: Labels, value: number, suffix?: string): void } {
    let f = this.families.get(name);
    if (!f) {
      f = { help, type, lines: [] };
      this.families.set(name, f);
    }
    const fam = f;
    return {
      sample(labels, value, suffix = "") {
        fam.lines.push(`${name}${suffix}${formatLabels(labels)} ${formatValue(value)}`);
      },
    };
  }

  /** a histogram from cumulative bucket counts (one per `buckets` entry, then +Inf = count) */
  histogram(name: string, help: string, labels: Labels, buckets: number[], cumulative: number[], count: number, sum: number): void {
    const f = this.family(name, "histogram", help);
    buckets.forEach((le, i) => f.sample({ ...labels, le: formatValue(le) }, cumulative[i] ?? count, "_bucket"));
    f.sample({ ...labels, le: "+Inf" }, count, "_bucket");
    f.sample(labels, count, "_count");
    f.sample(labels, sum, "_sum");
  }

  toString(): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`, ...f.lines);
    }
    return out.join("\n") + "\n";
  }
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.SQRT2);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** A latency distribution (log-normal) given by its median and 95th percentile, in seconds. */
export interface LatencyShape {
  median: number;
  p95: number;
}

export function lognormalCdf(x: number, shape: LatencyShape): number {
  if (x <= 0) return 0;
  const mu = Math.log(shape.median);
  const sigma = Math.max(0.05, Math.log(shape.p95 / shape.median) / 1.6449);
  return normalCdf((Math.log(x) - mu) / sigma);
}

export function lognormalMean(shape: LatencyShape): number {
  const sigma = Math.max(0.05, Math.log(shape.p95 / shape.median) / 1.6449);
  return shape.median * Math.exp((sigma * sigma) / 2);
}

/**
 * A histogram fed by expected counts: `observe(n, shape)` adds n requests (fractions carry over)
 * as whole requests, each placed by a low-discrepancy sequence over the shape's CDF, so the
 * integer bucket counts follow the distribution even over a window of a few requests.
 */
export class ExpectedHistogram {
  /** per bucket (not cumulative); the last is +Inf */
  private counts: number[];
  private pending = 0;
  private seq = 0;
  private sumSeconds = 0;

  constructor(private readonly bounds: number[] = DJANGO_BUCKETS) {
    this.counts = [...bounds.map(() => 0), 0];
  }

  observe(n: number, shape: LatencyShape): void {
    if (n <= 0) return;
    this.pending += n;
    let k = Math.floor(this.pending);
    this.pending -= k;
    if (k === 0) return;
    this.sumSeconds += k * lognormalMean(shape);
    const cdf = this.bounds.map((le) => lognormalCdf(le, shape));
    if (k > 2000) {
      // a long gap (e.g. start-up history): place the bulk by expected mass, the rest one by one
      let placed = 0;
      cdf.forEach((c, i) => {
        const m = Math.floor(k * (c - (i === 0 ? 0 : cdf[i - 1]!)));
        this.counts[i] = this.counts[i]! + m;
        placed += m;
      });
      const tail = Math.floor(k * (1 - (cdf.at(-1) ?? 1)));
      this.counts[this.bounds.length] = this.counts[this.bounds.length]! + tail;
      k -= placed + tail;
    }
    for (let r = 0; r < k; r++) {
      const u = (this.seq++ * 0.6180339887498949) % 1;
      let i = 0;
      while (i < cdf.length && cdf[i]! < u) i++;
      this.counts[i] = this.counts[i]! + 1;
    }
  }

  write(exp: Exposition, name: string, help: string, labels: Labels): void {
    let running = 0;
    const cumulative = this.bounds.map((_, i) => (running += this.counts[i]!));
    const count = running + this.counts[this.bounds.length]!;
    exp.histogram(name, help, labels, this.bounds, cumulative, count, this.sumSeconds);
  }
}

/** A counter advanced by rate × elapsed time, exposed as an integer or a float. */
export class RateCounter {
  value = 0;
  add(n: number): void {
    if (n > 0) this.value += n;
  }
}
