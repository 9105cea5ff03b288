/**
 * Prometheus-style durations ("90s", "5m", "1h30m") ⇄ seconds. Pure.
 */
const UNIT_SECONDS: Record<string, number> = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };
const DURATION_RE = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** "1h30m" → 5400; throws on anything Prometheus would not accept (ms is not used here). */
export function parseDuration(text: string): number {
  const t = text.trim();
  const m = DURATION_RE.exec(t);
  if (!m || t === "") throw new Error(`"${text}" is not a duration like 30s, 5m or 1h`);
  const [, w, d, h, min, s] = m;
  return (
    Number(w ?? 0) * UNIT_SECONDS.w! +
    Number(d ?? 0) * UNIT_SECONDS.d! +
    Number(h ?? 0) * UNIT_SECONDS.h! +
    Number(min ?? 0) * UNIT_SECONDS.m! +
    Number(s ?? 0)
  );
}

/** 5400 → "1h30m"; 0 → "0s". Output is accepted by Prometheus and by parseDuration. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`bad duration ${seconds}`);
  let rest = Math.round(seconds);
  if (rest === 0) return "0s";
  let out = "";
  for (const unit of ["d", "h", "m", "s"] as const) {
    const size = UNIT_SECONDS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
