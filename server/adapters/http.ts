/**
 * The one fetch wrapper observability adapters share: timeout, auth header, and every failure as
 * an UpstreamError tagged with its source (unreachable → no status; answered → status + message).
 */
import { countUpstreamCall, upstreamOutcomeOf } from "@/server/observability/metrics";
import { UpstreamError, type UpstreamSource } from "./errors";

export interface HttpTarget {
  source: UpstreamSource;
  baseUrl: string;
  /** Authorization header value, e.g. "Bearer …" or "Basic …" (never logged) */
  authorization?: string;
  timeoutMs: number;
  instance?: string;
}

export interface HttpAnswer {
  status: number;
  body: string;
  headers: Headers;
}

/** Raw request: resolves with any HTTP answer; throws UpstreamError only when nothing answered. */
export async function httpRequest(
  target: HttpTarget,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const url =
    path === ""
      ? new URL(target.baseUrl)
      : new URL(path.replace(/^\//, ""), target.baseUrl.endsWith("/") ? target.baseUrl : `${target.baseUrl}/`);
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  if (target.authorization) headers.authorization = target.authorization;
  const timeoutMs = init.timeoutMs ?? target.timeoutMs;
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: init.method ?? "GET",
      headers,
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
    const answer = { status: res.status, body: await res.text(), headers: res.headers };
    countUpstreamCall(target.source, res.ok ? "ok" : upstreamOutcomeOf({ status: res.status }), performance.now() - t0);
    return answer;
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    countUpstreamCall(target.source, timedOut ? "timeout" : "error", performance.now() - t0);
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : describeNetworkError(e);
    throw new UpstreamError(target.source, `${reason} (${url.origin})`, { instance: target.instance, cause: e });
  }
}

/** JSON request: a non-2xx answer becomes an UpstreamError with the upstream's own message. */
export async function httpJson<T>(
  target: HttpTarget,
  path: string,
  init: Parameters<typeof httpRequest>[2] & { errorMessage?: (body: unknown, raw: string) => string | undefined } = {},
): Promise<T> {
  const answer = await httpRequest(target, path, init);
  let parsed: unknown = undefined;
  try {
    parsed = answer.body ? JSON.parse(answer.body) : undefined;
  } catch {
    // not JSON: fall through with raw text
  }
  if (answer.status < 200 || answer.status >= 300) {
    const msg = init.errorMessage?.(parsed, answer.body) ?? (answer.body.trim().slice(0, 300) || `HTTP ${answer.status}`);
    throw new UpstreamError(target.source, msg, { instance: target.instance, status: answer.status });
  }
  if (parsed === undefined && answer.body.trim() !== "") {
    throw new UpstreamError(target.source, `answered with something that is not JSON: ${answer.body.slice(0, 120)}`, {
      instance: target.instance,
      status: answer.status,
    });
  }
  return parsed as T;
}

function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND") return "host not found";
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ""}`;
  return e instanceof Error ? e.message : String(e);
}

/** "Bearer …" / "Basic …" from a token or "user:password" (PROMETHEUS_BEARER_TOKEN / PROMETHEUS_BASIC_AUTH style). */
export function authorizationHeader(opts: { bearerToken?: string; basicAuth?: string }): string | undefined {
  if (opts.bearerToken) return `Bearer ${opts.bearerToken}`;
  if (opts.basicAuth) return `Basic ${Buffer.from(opts.basicAuth).toString("base64")}`;
  return undefined;
}
