/**
 * Safe pieces of PromQL built from user or Kubernetes input, and the compact series shape the
 * browser gets (one shared time axis, one value array per series — what uPlot draws). Pure.
 */

/** A PromQL double-quoted string literal holding `value` exactly (escapes \ " and control characters). */
export function promqlString(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Escapes RE2 metacharacters so `value` matches literally inside =~. */
export function re2Literal(value: string): string {
  return value.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
}

/** `{a="x",b=~"y"}` from matchers; values are escaped, label names validated. */
export function selector(matchers: Array<{ label: string; op?: "=" | "!=" | "=~" | "!~"; value: string }>): string {
  if (matchers.length === 0) return "";
  return `{${matchers
    .map((m) => {
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(m.label)) throw new Error(`"${m.label}" is not a label name`);
      return `${m.label}${m.op ?? "="}${promqlString(m.value)}`;
    })
    .join(",")}}`;
}

export interface SeriesInput {
  labels: Record<string, string>;
  /** [epoch ms, value] */
  points: Array<[number, number]>;
}

/** What the browser receives: x in epoch seconds, y arrays aligned to x (null where absent). */
export interface CompactSeries {
  t: number[];
  series: Array<{ name: string; labels: Record<string, string>; values: Array<number | null> }>;
}

/**
 * Aligns range-query series on their step grid. Non-finite values become null.
 * `name` is the legend text; `limit` keeps the series with the highest mean (top-N panels).
 */
export function compactSeries(
  input: SeriesInput[],
  opts: { start: number; end: number; stepSeconds: number; name: (labels: Record<string, string>) => string; limit?: number },
): CompactSeries {
  const stepMs = opts.stepSeconds * 1000;
  // Prometheus evaluates a range query at start, start + step, … ≤ end
  const first = opts.start;
  const t: number[] = [];
  const index = new Map<number, number>();
  for (let x = first; x <= opts.end; x += stepMs) {
    index.set(x, t.length);
    t.push(x / 1000);
  }
  let rows = input.map((s) => {
    const values: Array<number | null> = new Array<number | null>(t.length).fill(null);
    for (const [ts, v] of s.points) {
      const i = index.get(ts) ?? index.get(first + Math.round((ts - first) / stepMs) * stepMs);
      if (i !== undefined && Number.isFinite(v)) values[i] = round(v);
    }
    return { name: opts.name(s.labels), labels: s.labels, values };
  });
  if (opts.limit !== undefined && rows.length > opts.limit) {
    const mean = (vs: Array<number | null>) => {
      const xs = vs.filter((v): v is number => v !== null);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : -Infinity;
    };
    rows = rows
      .map((r) => ({ r, m: mean(r.values) }))
      .sort((a, b) => b.m - a.m)
      .slice(0, opts.limit)
      .map(({ r }) => r);
  }
  return { t, series: rows };
}

/** 4 significant digits: enough for a chart, a quarter of the bytes. */
function round(v: number): number {
  if (v === 0) return 0;
  return Number(v.toPrecision(4));
}
