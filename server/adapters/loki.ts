/**
 * Loki's HTTP API: log lines for a LogQL query (newest first or oldest first), label values for
 * the filter pickers, readiness. Every failure is an UpstreamError("loki").
 */
import { env } from "@/server/config";
import { UpstreamError } from "./errors";
import { httpJson, httpRequest, type HttpTarget } from "./http";

export interface LogLine {
  /** nanoseconds since the epoch, as Loki gives it (a string: it does not fit a double) */
  ts: string;
  line: string;
  labels: Record<string, string>;
}

type StreamsResult = { status: string; data: { resultType: string; result: Array<{ stream: Record<string, string>; values: Array<[string, string]> }> } };

export const LOKI_NOT_CONFIGURED = "not configured — set LOKI_URL to the Loki that promtail ships the clusters' logs to";

export class LokiClient {
  private readonly target: HttpTarget;

  constructor(opts: { url: string; timeoutMs?: number }) {
    this.target = { source: "loki", baseUrl: opts.url, timeoutMs: opts.timeoutMs ?? 10_000 };
  }

  /** Lines of a log query in [startNs, endNs], `direction` backward = newest first. */
  async queryRange(q: { query: string; startNs: bigint; endNs: bigint; limit: number; direction: "backward" | "forward" }): Promise<LogLine[]> {
    const params = new URLSearchParams({
      query: q.query,
      start: q.startNs.toString(),
      end: q.endNs.toString(),
      limit: String(q.limit),
      direction: q.direction,
    });
    const r = await httpJson<StreamsResult>(this.target, `/loki/api/v1/query_range?${params}`, {
      errorMessage: (b, raw) => (b as { message?: string; error?: string } | undefined)?.message ?? (b as { error?: string } | undefined)?.error ?? (raw.trim().slice(0, 300) || undefined),
    });
    if (r.data.resultType !== "streams") throw new UpstreamError("loki", `expected log streams, got ${r.data.resultType} (is this a metric query?)`, { status: 400 });
    const lines: LogLine[] = [];
    for (const s of r.data.result) for (const [ts, line] of s.values) lines.push({ ts, line, labels: s.stream });
    lines.sort((a, b) => {
      const d = BigInt(a.ts) - BigInt(b.ts);
      const c = d === 0n ? 0 : d < 0n ? -1 : 1;
      return q.direction === "backward" ? -c : c;
    });
    return lines.slice(0, q.limit);
  }

  async labelValues(label: string, range?: { startNs: bigint; endNs: bigint }): Promise<string[]> {
    const params = range ? `?${new URLSearchParams({ start: range.startNs.toString(), end: range.endNs.toString() })}` : "";
    const r = await httpJson<{ status: string; data?: string[] }>(this.target, `/loki/api/v1/label/${encodeURIComponent(label)}/values${params}`);
    return [...(r.data ?? [])].sort();
  }

  async ready(): Promise<void> {
    const a = await httpRequest(this.target, "/ready", { headers: { accept: "text/plain" } });
    if (a.status !== 200) throw new UpstreamError("loki", a.body.trim() || `HTTP ${a.status}`, { status: a.status });
  }
}

export function lokiFromEnv(): LokiClient | null {
  const url = env().LOKI_URL;
  return url ? new LokiClient({ url }) : null;
}

export function requireLoki(): LokiClient {
  const l = lokiFromEnv();
  if (!l) throw new UpstreamError("loki", LOKI_NOT_CONFIGURED);
  return l;
}
