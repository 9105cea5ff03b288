/** Values as people read them on a chart axis or a table cell, per panel unit. Pure. */
import { humanBytes } from "./humanize";

export function formatValue(unit: string, v: number | null | undefined, opts: { short?: boolean } = {}): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  const num = (x: number, digits = x >= 100 || opts.short ? 0 : x >= 10 ? 1 : 2) => x.toFixed(digits).replace(/\.0+$|(\.\d*?)0+$/, "$1");
  switch (unit) {
    case "ms":
      return v >= 1000 ? `${num(v / 1000, 2)} s` : `${num(v)} ms`;
    case "%":
      return `${num(v, v >= 10 || opts.short ? 0 : 1)} %`;
    case "bytes":
      return humanBytes(v);
    case "cores":
      return v < 1 ? `${Math.round(v * 1000)} m` : `${num(v)} cores`;
    case "req/s":
    case "tokens/min": {
      const s = v >= 10_000 ? `${num(v / 1000, 1)}k` : num(v);
      return `${s} ${unit}`;
    }
    default:
      return `${num(v)}${unit ? ` ${unit}` : ""}`;
  }
}
