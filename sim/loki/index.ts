/**
 * The sim's Loki: /loki/api/v1/query_range, /query, /labels, /label/<name>/values, /series, /ready,
 * answering in Loki's JSON shapes over log lines generated from the estate.
 */
import type http from "node:http";
import type { EstateView } from "../contract";
import { sendJson, sendText, startFaultable, type Faults } from "../faults";
import { streamsOf, type Entry, type Stream } from "./lines";
import { matchesSelector, parseQuery, passes, type LogQuery, type MetricQuery } from "./logql";

export interface LokiOptions {
  port?: number;
}

export interface LokiServer {
  url: string;
  faults: Faults;
  stop(): Promise<void>;
}

class BadRequest extends Error {}

/** how many lines one stream may scan per query (keeps a filter that rarely matches cheap) */
const SCAN_CAP = 200_000;
const MAX_LIMIT = 5000;

/** Loki accepts nanoseconds, seconds (with fraction) or RFC3339. → epoch ms */
export function parseTime(v: string | null, fallback: number): number {
  if (v === null || v === "") return fallback;
  // as Loki's parseTimestamp: up to 10 digits are seconds, longer integers nanoseconds
  if (/^\d+$/.test(v)) return v.length <= 10 ? Number(v) * 1000 : Number(BigInt(v) / 1_000_000n);
  if (/^\d+\.\d+$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new BadRequest(`invalid parameter: could not parse '${v}' as a timestamp`);
  return t;
}

function stats(lines: number) {
  const zero = { compressedBytes: 0, decompressedBytes: 0, decompressedLines: 0, headChunkBytes: 0, headChunkLines: 0, totalBatches: 0, totalChunksMatched: 0, totalDuplicates: 0, totalLinesSent: 0, totalReached: 0 };
  return {
    ingester: { ...zero, totalLinesSent: lines },
    store: { compressedBytes: 0, decompressedBytes: 0, decompressedLines: lines, chunksDownloadTime: 0, totalChunksRef: 0, totalChunksDownloaded: 0, totalDuplicates: 0 },
    summary: { bytesProcessedPerSecond: 0, execTime: 0.001, linesProcessedPerSecond: 0, queueTime: 0, totalBytesProcessed: 0, totalLinesProcessed: lines },
  };
}

function selectStreams(view: EstateView, q: LogQuery): Stream[] {
  return streamsOf(view).filter((s) => matchesSelector(q.selector, s.labels));
}

/** Loki's timestamps in nanoseconds (a ns integer keeps its precision; other forms via ms) */
export function parseTimeNs(v: string | null, fallbackMs: number): bigint {
  if (v !== null && /^\d{11,}$/.test(v)) return BigInt(v);
  return BigInt(parseTime(v, fallbackMs)) * 1_000_000n;
}

function runLogQuery(view: EstateView, q: LogQuery, fromNs: bigint, toNs: bigint, limit: number, backward: boolean) {
  // generate by whole milliseconds around the window, keep exactly [fromNs, toNs)
  const fromMs = Number(fromNs / 1_000_000n);
  const toMs = Number((toNs + 999_999n) / 1_000_000n);
  const picked: Array<{ stream: Stream; e: Entry }> = [];
  for (const stream of selectStreams(view, q)) {
    let taken = 0;
    let scanned = 0;
    for (const e of stream.entries(fromMs, toMs, backward)) {
      if (++scanned > SCAN_CAP) break;
      if (e.ns < fromNs || e.ns >= toNs) continue;
      if (!passes(q.stages, e.line, stream.labels)) continue;
      picked.push({ stream, e });
      if (++taken >= limit) break;
    }
  }
  picked.sort((a, b) => (a.e.ns === b.e.ns ? 0 : (a.e.ns < b.e.ns) !== backward ? -1 : 1));
  const kept = picked.slice(0, limit);
  const byStream = new Map<Stream, Array<[string, string]>>();
  for (const { stream, e } of kept) {
    const list = byStream.get(stream) ?? [];
    list.push([e.ns.toString(), e.line]);
    byStream.set(stream, list);
  }
  return { result: [...byStream].map(([s, values]) => ({ stream: s.labels, values })), lines: kept.length };
}

/** sample of a metric query at `atMs` → series labels → value */
function evalMetric(view: EstateView, m: MetricQuery, atMs: number): Map<string, { metric: Record<string, string>; value: number }> {
  const out = new Map<string, { metric: Record<string, string>; value: number }>();
  for (const stream of selectStreams(view, m.inner)) {
    let n = 0;
    for (const e of stream.entries(atMs - m.rangeMs, atMs, false)) if (passes(m.inner.stages, e.line, stream.labels)) n++;
    if (n === 0) continue;
    const v = m.fn === "rate" ? n / (m.rangeMs / 1000) : n;
    let metric = stream.labels;
    if (m.agg) {
      metric = m.agg.by ? Object.fromEntries(m.agg.by.filter((l) => l in stream.labels).map((l) => [l, stream.labels[l]!])) : Object.fromEntries(Object.entries(stream.labels).filter(([k]) => !(m.agg!.without ?? Object.keys(stream.labels)).includes(k)));
    }
    const key = JSON.stringify(Object.entries(metric).sort());
    const prev = out.get(key);
    out.set(key, { metric, value: (prev?.value ?? 0) + v });
  }
  return out;
}

function parse(query: string | null) {
  if (!query) throw new BadRequest("query is empty");
  try {
    return parseQuery(query);
  } catch (e) {
    throw new BadRequest(e instanceof Error ? e.message : String(e));
  }
}

function limitParam(v: string | null): number {
  if (v === null) return 100;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new BadRequest("limit must be a positive value");
  if (n > MAX_LIMIT) throw new BadRequest(`max entries limit per query exceeded, limit > max_entries_limit (${n} > ${MAX_LIMIT})`);
  return n;
}

function directionParam(v: string | null): boolean {
  if (v === null || v.toLowerCase() === "backward") return true;
  if (v.toLowerCase() === "forward") return false;
  throw new BadRequest(`invalid direction '${v}'`);
}

function handle(view: EstateView, req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://loki.local");
  const p = url.searchParams;
  const now = view.now();
  const path = url.pathname;
  if (path === "/ready") return sendText(res, 200, "ready\n");
  if (path === "/loki/api/v1/query_range") {
    const q = parse(p.get("query"));
    const end = parseTime(p.get("end"), now);
    const since = p.get("since");
    const start = parseTime(p.get("start"), end - (since ? parseDurationParam(since) : 3_600_000));
    if (end < start) throw new BadRequest("end timestamp must not be before or equal to start time");
    if (q.kind === "log") {
      const endNs = parseTimeNs(p.get("end"), now);
      const startNs = parseTimeNs(p.get("start"), Number(endNs / 1_000_000n) - (since ? parseDurationParam(since) : 3_600_000));
      const { result, lines } = runLogQuery(view, q.log, startNs, endNs, limitParam(p.get("limit")), directionParam(p.get("direction")));
      return sendJson(res, 200, { status: "success", data: { resultType: "streams", result, stats: stats(lines) } });
    }
    const stepMs = p.get("step") ? parseDurationParam(p.get("step")!) : Math.max(1000, Math.ceil((end - start) / 250 / 1000) * 1000);
    if ((end - start) / stepMs > 11_000) throw new BadRequest("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
    const series = new Map<string, { metric: Record<string, string>; values: Array<[number, string]> }>();
    for (let t = start; t <= end; t += stepMs) {
      for (const [k, s] of evalMetric(view, q.metric, t)) {
        const cur = series.get(k) ?? { metric: s.metric, values: [] };
        cur.values.push([t / 1000, String(s.value)]);
        series.set(k, cur);
      }
    }
    return sendJson(res, 200, { status: "success", data: { resultType: "matrix", result: [...series.values()], stats: stats(0) } });
  }
  if (path === "/loki/api/v1/query") {
    const q = parse(p.get("query"));
    const at = parseTime(p.get("time"), now);
    if (q.kind === "log") throw new BadRequest("log queries are not supported as an instant query type, please change your query to a range query type");
    const result = [...evalMetric(view, q.metric, at).values()].map((s) => ({ metric: s.metric, value: [at / 1000, String(s.value)] }));
    return sendJson(res, 200, { status: "success", data: { resultType: "vector", result, stats: stats(0) } });
  }
  const end = parseTime(p.get("end"), now);
  const start = parseTime(p.get("start"), end - 6 * 3_600_000);
  const active = streamsOf(view).filter((s) => hasEntries(s, start, end));
  if (path === "/loki/api/v1/labels" || path === "/loki/api/v1/label") {
    const names = new Set(active.flatMap((s) => Object.keys(s.labels)));
    return sendJson(res, 200, { status: "success", data: [...names].sort() });
  }
  const m = /^\/loki\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
  if (m) {
    const name = decodeURIComponent(m[1]!);
    const sel = p.get("query") ? parse(p.get("query")) : null;
    const pool = sel?.kind === "log" ? active.filter((s) => matchesSelector(sel.log.selector, s.labels)) : active;
    const values = new Set(pool.map((s) => s.labels[name]).filter((v): v is string => v !== undefined));
    return sendJson(res, 200, { status: "success", data: [...values].sort() });
  }
  if (path === "/loki/api/v1/series") {
    const matchers = p.getAll("match[]").concat(p.getAll("match"));
    const sels = matchers.map((x) => parse(x)).flatMap((q) => (q.kind === "log" ? [q.log.selector] : []));
    const data = active.filter((s) => sels.length === 0 || sels.some((sel) => matchesSelector(sel, s.labels))).map((s) => s.labels);
    return sendJson(res, 200, { status: "success", data });
  }
  return sendText(res, 404, "404 page not found\n");
}

function hasEntries(s: Stream, start: number, end: number): boolean {
  for (const _ of s.entries(start, end, true)) return true;
  return false;
}

function parseDurationParam(v: string): number {
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const ms = [...v.matchAll(/(\d+)(ms|s|m|h|d)/g)].reduce((s, x) => s + Number(x[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[x[2]!]!, 0);
  if (!ms) throw new BadRequest(`invalid duration '${v}'`);
  return ms;
}

export async function startLoki(view: EstateView, opts: LokiOptions = {}): Promise<LokiServer> {
  const server = await startFaultable(
    (req, res) => {
      try {
        handle(view, req, res);
      } catch (e) {
        if (e instanceof BadRequest) return sendText(res, 400, `${e.message}\n`);
        throw e;
      }
    },
    { port: opts.port, errorBody: (status) => ({ contentType: "text/plain; charset=utf-8", body: status === 503 ? "Some services are not Running:\nStarting: 1\n" : "rpc error: code = Internal desc = injected by the sim\n" }) },
  );
  return {
    get url() {
      return server.url;
    },
    faults: server.faults,
    stop: () => server.stop(),
  };
}
