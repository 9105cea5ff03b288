/**
 * Prometheus over its HTTP API (read directly: prometheus-query drops rule state). Queries run on
 * the server; callers get plain samples and series. Every failure is an UpstreamError("prometheus").
 */
import { env } from "@/server/config";
import { UpstreamError } from "./errors";
import { authorizationHeader, httpJson, httpRequest, type HttpTarget } from "./http";
import type { RangeSeries } from "@/lib/domain/thresholds";

export interface InstantSample {
  labels: Record<string, string>;
  value: number;
  /** epoch ms */
  time: number;
}

export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: "pending" | "firing" | "inactive";
  activeAt: string | null;
  value: number;
}

export interface PromRule {
  type: "alerting" | "recording";
  name: string;
  query: string;
  health: string;
  lastError?: string;
  /** alerting rules only */
  state?: "inactive" | "pending" | "firing";
  durationSeconds?: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  alerts: PromAlert[];
  lastEvaluation?: string;
}

export interface PromRuleGroup {
  name: string;
  file: string;
  intervalSeconds: number;
  rules: PromRule[];
}

type ApiEnvelope<T> = { status: "success" | "error"; data: T; errorType?: string; error?: string; warnings?: string[] };
type RawAlert = { labels?: Record<string, string>; annotations?: Record<string, string>; state: string; activeAt?: string; value?: string };

const DEFAULT_TIMEOUT_MS = 8_000;

export class PrometheusClient {
  private readonly target: HttpTarget;

  constructor(opts: { url: string; bearerToken?: string; basicAuth?: string; timeoutMs?: number }) {
    this.target = {
      source: "prometheus",
      baseUrl: opts.url,
      authorization: authorizationHeader(opts),
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
  }

  get url(): string {
    return this.target.baseUrl;
  }

  private async api<T>(path: string, params: Record<string, string>, timeoutMs?: number): Promise<T> {
    // POST form keeps long queries out of URLs (and proxies' logs)
    const body = new URLSearchParams(params).toString();
    const env = await httpJson<ApiEnvelope<T>>(this.target, path, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      timeoutMs,
      errorMessage: (b) => (b as ApiEnvelope<T> | undefined)?.error,
    });
    if (env.status !== "success") throw new UpstreamError("prometheus", env.error ?? "query failed", { status: 422 });
    return env.data;
  }

  async query(expr: string, opts: { time?: number; timeoutMs?: number } = {}): Promise<InstantSample[]> {
    const params: Record<string, string> = { query: expr };
    if (opts.time !== undefined) params.time = String(opts.time / 1000);
    const data = await this.api<{ resultType: string; result: unknown }>("/api/v1/query", params, opts.timeoutMs);
    if (data.resultType === "scalar") {
      const [t, v] = data.result as [number, string];
      return [{ labels: {}, value: Number(v), time: t * 1000 }];
    }
    if (data.resultType !== "vector") throw new UpstreamError("prometheus", `expected an instant vector, got a ${data.resultType}`, { status: 422 });
    return (data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map((r) => ({
      labels: r.metric,
      value: Number(r.value[1]),
      time: r.value[0] * 1000,
    }));
  }

  async queryRange(expr: string, range: { start: number; end: number; stepSeconds: number }, timeoutMs?: number): Promise<RangeSeries[]> {
    const data = await this.api<{ resultType: string; result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> }>(
      "/api/v1/query_range",
      { query: expr, start: String(range.start / 1000), end: String(range.end / 1000), step: String(range.stepSeconds) },
      timeoutMs,
    );
    return data.result.map((r) => ({
      labels: r.metric,
      points: r.values.map(([t, v]) => [Math.round(t * 1000), Number(v)] as [number, number]),
    }));
  }

  /**
   * Checks that `expr` parses and evaluates, returning Prometheus' own message when it does not
   * (a 400 bad_data answer becomes an UpstreamError with status 400).
   */
  async checkQuery(expr: string): Promise<{ ok: true; samples: number } | { ok: false; message: string }> {
    try {
      const samples = await this.query(expr, { timeoutMs: 5_000 });
      return { ok: true, samples: samples.length };
    } catch (e) {
      if (e instanceof UpstreamError && e.status !== undefined && e.status >= 400 && e.status < 500) return { ok: false, message: e.message };
      throw e;
    }
  }

  async alerts(): Promise<PromAlert[]> {
    const r = await httpJson<ApiEnvelope<{ alerts: RawAlert[] }>>(this.target, "/api/v1/alerts", { errorMessage: (b) => (b as ApiEnvelope<unknown>)?.error });
    return r.data.alerts.map(toAlert);
  }

  async rules(): Promise<PromRuleGroup[]> {
    type RawRule = {
      type: "alerting" | "recording";
      name: string;
      query: string;
      health: string;
      lastError?: string;
      state?: PromRule["state"];
      duration?: number;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
      alerts?: RawAlert[];
      lastEvaluation?: string;
    };
    const r = await httpJson<ApiEnvelope<{ groups: Array<{ name: string; file: string; interval: number; rules: RawRule[] }> }>>(
      this.target,
      "/api/v1/rules",
      { errorMessage: (b) => (b as ApiEnvelope<unknown>)?.error },
    );
    return r.data.groups.map((g) => ({
      name: g.name,
      file: g.file,
      intervalSeconds: g.interval,
      rules: g.rules.map((x) => ({
        type: x.type,
        name: x.name,
        query: x.query,
        health: x.health,
        lastError: x.lastError || undefined,
        state: x.state,
        durationSeconds: x.duration,
        labels: x.labels ?? {},
        annotations: x.annotations ?? {},
        alerts: (x.alerts ?? []).map(toAlert),
        lastEvaluation: x.lastEvaluation,
      })),
    }));
  }

  /** /-/ready: resolves when Prometheus says it is ready, throws UpstreamError otherwise. */
  async ready(): Promise<void> {
    const a = await httpRequest(this.target, "/-/ready", { headers: { accept: "text/plain" } });
    if (a.status !== 200) throw new UpstreamError("prometheus", a.body.trim() || `HTTP ${a.status}`, { status: a.status });
  }
}

function toAlert(a: RawAlert): PromAlert {
  return {
    labels: a.labels ?? {},
    annotations: a.annotations ?? {},
    state: (a.state as PromAlert["state"]) ?? "inactive",
    activeAt: a.activeAt && !a.activeAt.startsWith("0001-") ? a.activeAt : null,
    value: Number(a.value ?? "NaN"),
  };
}

export const PROMETHEUS_NOT_CONFIGURED =
  "not configured — install Prometheus (Debian: apt install prometheus), point it at the estate's exporters and set PROMETHEUS_URL";

/** The configured Prometheus, or null when PROMETHEUS_URL is not set. */
export function prometheusFromEnv(): PrometheusClient | null {
  const e = env();
  if (!e.PROMETHEUS_URL) return null;
  return new PrometheusClient({ url: e.PROMETHEUS_URL, bearerToken: e.PROMETHEUS_BEARER_TOKEN, basicAuth: e.PROMETHEUS_BASIC_AUTH });
}

/** Like prometheusFromEnv, but a missing URL is an UpstreamError the page can show. */
export function requirePrometheus(): PrometheusClient {
  const p = prometheusFromEnv();
  if (!p) throw new UpstreamError("prometheus", PROMETHEUS_NOT_CONFIGURED);
  return p;
}
