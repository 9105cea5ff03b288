/**
 * Log search over Loki: structured filters (escaped into LogQL here) or operator-typed LogQL
 * (validated before it is sent), newest first with "load more", or oldest first after a point
 * (follow mode polls with `after`).
 */
import { DomainError } from "@/server/api/errors";
import { requireLoki, type LogLine, type LokiClient } from "@/server/adapters/loki";
import { buildLogQuery, lineLevel, validateLogQuery, type LogFilters, type LogLevel } from "@/lib/domain/logql";

export const LOG_RANGES = { "15m": 900, "1h": 3600, "6h": 21_600, "24h": 86_400, "7d": 604_800 } as const;
export type LogRange = keyof typeof LOG_RANGES;

export interface LogSearch {
  filters?: LogFilters;
  /** raw LogQL (operators); wins over filters */
  logql?: string;
  range: LogRange;
  limit: number;
  /** ns: load lines strictly older than this (newest-first paging) */
  before?: string;
  /** ns: follow mode — lines strictly newer than this, oldest first */
  after?: string;
}

export interface LogPage {
  query: string;
  lines: Array<LogLine & { level: LogLevel | null }>;
  /** ns cursor for "load more" (oldest line shown), null when the range is exhausted */
  nextBefore: string | null;
  /** ns of the newest line, for follow mode */
  newest: string | null;
}

const MS_NS = 1_000_000n;

export function resolveQuery(s: Pick<LogSearch, "filters" | "logql">): string {
  if (s.logql !== undefined && s.logql.trim() !== "") {
    const v = validateLogQuery(s.logql);
    if (!v.ok) throw new DomainError("BAD_REQUEST", `That LogQL is not valid: ${v.message}`);
    return v.query;
  }
  try {
    return buildLogQuery(s.filters ?? {});
  } catch (e) {
    throw new DomainError("BAD_REQUEST", e instanceof Error ? e.message : String(e));
  }
}

export async function searchLogs(s: LogSearch, now: number, lokiClient?: LokiClient): Promise<LogPage> {
  const query = resolveQuery(s);
  const loki = lokiClient ?? requireLoki();
  const nowNs = BigInt(now) * MS_NS;
  const rangeStart = nowNs - BigInt(LOG_RANGES[s.range]) * 1000n * MS_NS;
  const follow = s.after !== undefined;
  const startNs = follow ? maxBig(BigInt(s.after!) + 1n, rangeStart) : rangeStart;
  const endNs = s.before !== undefined ? BigInt(s.before) - 1n : nowNs;
  if (endNs <= startNs) return { query, lines: [], nextBefore: null, newest: s.after ?? null };
  const answer = await loki.queryRange({ query, startNs, endNs, limit: s.limit, direction: follow ? "forward" : "backward" });
  // keep cursors exact even where an upstream rounds start/end (never repeat a line already shown)
  const raw = answer.filter((l) => {
    const t = BigInt(l.ts);
    return (s.after === undefined || t > BigInt(s.after)) && (s.before === undefined || t < BigInt(s.before));
  });
  const lines = raw.map((l) => ({ ...l, level: lineLevel(l.line) }));
  const ordered = follow ? lines.reverse() : lines; // always newest first for the page
  return {
    query,
    lines: ordered,
    nextBefore: !follow && answer.length === s.limit ? (ordered[ordered.length - 1]?.ts ?? null) : null,
    newest: ordered[0]?.ts ?? s.after ?? null,
  };
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
