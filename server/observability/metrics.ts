import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { logger, requestIdFrom } from "./logger";

/**
 * The console's own metrics, served by `/api/metrics` in Prometheus text format.
 *
 * One registry per process, kept on globalThis: Next bundles every route separately, and each
 * bundle would otherwise get its own (empty) copy of these counters.
 *
 *   grio_trpc_request_duration_seconds{procedure,type,result}   tRPC procedures (observeProcedure)
 *   grio_http_request_duration_seconds{route,method,status}     API route handlers (withRouteMetrics)
 *   grio_upstream_calls_total{source,outcome}                    adapters' calls (countUpstreamCall)
 *   grio_upstream_call_duration_seconds{source,outcome}
 *   grio_cluster_watch_state{cluster,state}                      1 for the current state (setWatchState)
 *   grio_actions_total{type,result}                             audited actions (countAction)
 *   + process_* / nodejs_* defaults
 */

export type WatchState = "connected" | "reconnecting" | "unreachable" | "syncing";
export const WATCH_STATES: readonly WatchState[] = ["connected", "syncing", "reconnecting", "unreachable"];
export type UpstreamOutcome = "ok" | "error" | "timeout" | "forbidden" | "not_found";
export type ActionResult = "succeeded" | "failed" | "refused" | "duplicate" | "pending";

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type Metrics = {
  registry: Registry;
  trpcDuration: Histogram<"procedure" | "type" | "result">;
  httpDuration: Histogram<"route" | "method" | "status">;
  upstreamCalls: Counter<"source" | "outcome">;
  upstreamDuration: Histogram<"source" | "outcome">;
  watchState: Gauge<"cluster" | "state">;
  actions: Counter<"type" | "result">;
};

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    trpcDuration: new Histogram({
      name: "grio_trpc_request_duration_seconds",
      help: "Duration of tRPC procedure calls, by procedure path, type and result (ok or the tRPC error code)",
      labelNames: ["procedure", "type", "result"],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    httpDuration: new Histogram({
      name: "grio_http_request_duration_seconds",
      help: "Duration of API route handlers, by route, method and HTTP status",
      labelNames: ["route", "method", "status"],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    upstreamCalls: new Counter({
      name: "grio_upstream_calls_total",
      help: "Calls to upstream sources (kubernetes, prometheus, loki, s3, qdrant, …) by outcome",
      labelNames: ["source", "outcome"],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: "grio_upstream_call_duration_seconds",
      help: "Duration of calls to upstream sources",
      labelNames: ["source", "outcome"],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    watchState: new Gauge({
      name: "grio_cluster_watch_state",
      help: "State of the Kubernetes informers (watches) per cluster: 1 for the current state, 0 otherwise",
      labelNames: ["cluster", "state"],
      registers,
    }),
    actions: new Counter({
      name: "grio_actions_total",
      help: "Actions taken through the console (rollback, restart, cordon, …) by type and result",
      labelNames: ["type", "result"],
      registers,
    }),
  };
}

const globalForMetrics = globalThis as unknown as { __grioMetrics?: Metrics };

export function metrics(): Metrics {
  return (globalForMetrics.__grioMetrics ??= createMetrics());
}

/** Prometheus text exposition of every metric, and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/** The cluster-health adapter calls this whenever a cluster's watch state changes. */
export function setWatchState(cluster: string, state: WatchState): void {
  const g = metrics().watchState;
  for (const s of WATCH_STATES) g.set({ cluster, state: s }, s === state ? 1 : 0);
}

/** Counts one action by type (e.g. "deployment.rollback") and result. */
export function countAction(type: string, result: ActionResult): void {
  metrics().actions.inc({ type, result });
}

/** Counts one upstream call; pass the duration when you have it. */
export function countUpstreamCall(source: string, outcome: UpstreamOutcome, durationMs?: number): void {
  const m = metrics();
  m.upstreamCalls.inc({ source, outcome });
  if (durationMs !== undefined) m.upstreamDuration.observe({ source, outcome }, durationMs / 1000);
}

/** Outcome of a failed upstream call, from the error's HTTP status or name. */
export function upstreamOutcomeOf(e: unknown): UpstreamOutcome {
  const status = (e as { status?: unknown } | null)?.status;
  if (status === 401 || status === 403) return "forbidden";
  if (status === 404) return "not_found";
  const name = e instanceof Error ? e.name : "";
  const message = e instanceof Error ? e.message : "";
  if (name === "TimeoutError" || name === "AbortError" || /timed? ?out/i.test(message)) return "timeout";
  return "error";
}

/** Runs one upstream call, counting and timing it: `timedUpstream("loki", () => fetch(...))`. */
export async function timedUpstream<T>(source: string, call: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    const result = await call();
    countUpstreamCall(source, "ok", performance.now() - t0);
    return result;
  } catch (e) {
    countUpstreamCall(source, upstreamOutcomeOf(e), performance.now() - t0);
    throw e;
  }
}

type ProcedureResult = { ok: boolean; error?: { code?: string } };

/**
 * tRPC timing, for the base procedure in server/api/trpc.ts:
 *   `.use((opts) => observeProcedure(opts))`
 * Records the duration by procedure path, and logs one line per call with the request id.
 */
export async function observeProcedure<R extends ProcedureResult>(opts: {
  path: string;
  type: string;
  ctx?: unknown;
  next: () => Promise<R>;
}): Promise<R> {
  const t0 = performance.now();
  const result = await opts.next();
  const seconds = (performance.now() - t0) / 1000;
  const code = result.ok ? "ok" : (result.error?.code ?? "INTERNAL_SERVER_ERROR");
  metrics().trpcDuration.observe({ procedure: opts.path, type: opts.type, result: code }, seconds);
  const ctx = (opts.ctx ?? {}) as { requestId?: string; principal?: { id?: string; role?: string } | null };
  const line = {
    requestId: ctx.requestId,
    procedure: opts.path,
    type: opts.type,
    result: code,
    durationMs: Math.round(seconds * 1000),
    principal: ctx.principal?.id,
  };
  // (the error itself, with its cause, is logged once by the tRPC route's onError)
  logger.info(line, "trpc call");
  return result;
}

/**
 * Wraps an App Router route handler: times it by route name, method and status, gives the
 * response an `x-request-id`, and turns a thrown error into a logged 500.
 *   export const GET = withRouteMetrics("health", async (req) => ...)
 */
export function withRouteMetrics<Req extends Request, C extends unknown[]>(
  routeName: string,
  handler: (req: Req, ...rest: C) => Response | Promise<Response>,
): (req: Req, ...rest: C) => Promise<Response> {
  return async (req: Req, ...rest: C) => {
    const t0 = performance.now();
    const requestId = requestIdFrom(req.headers);
    let status = 500;
    try {
      const res = await handler(req, ...rest);
      status = res.status;
      try {
        if (!res.headers.has("x-request-id")) res.headers.set("x-request-id", requestId);
      } catch {
        // immutable headers (e.g. a redirect from Response.redirect): leave as is
      }
      return res;
    } catch (e) {
      // Next's redirect()/notFound() throw on purpose: let them through untouched.
      const digest = (e as { digest?: unknown } | null)?.digest;
      if (typeof digest === "string" && digest.startsWith("NEXT_")) {
        status = digest.includes("REDIRECT") ? 307 : 404;
        throw e;
      }
      logger.error({ requestId, route: routeName, err: e }, "route handler failed");
      return new Response(JSON.stringify({ error: "Internal error", requestId }), {
        status: 500,
        headers: { "content-type": "application/json", "x-request-id": requestId },
      });
    } finally {
      metrics().httpDuration.observe(
        { route: routeName, method: req.method, status: String(status) },
        (performance.now() - t0) / 1000,
      );
    }
  };
}
