import http from "node:http";
import https from "node:https";
import { createInterface } from "node:readline";
import type { KubeConfig } from "@kubernetes/client-node";
import { UpstreamError } from "@/server/adapters/errors";
import { countUpstreamCall } from "@/server/observability/metrics";

/**
 * Raw JSON GETs and watch streams against one cluster's API server, authenticated exactly as
 * @kubernetes/client-node would (kc.applyToHTTPSOptions: token, client cert, CA, skip-verify).
 * Raw JSON (not the typed client) so the informers slim objects straight from the wire.
 */
export interface KubeTarget {
  cluster: string;
  kc: KubeConfig;
}

async function requestOptions(t: KubeTarget, path: string, timeoutMs: number): Promise<{ url: URL; opts: https.RequestOptions }> {
  const server = t.kc.getCurrentCluster()?.server;
  if (!server) throw new UpstreamError("kubernetes", "no server in kubeconfig", { instance: t.cluster });
  const url = new URL(server.replace(/\/$/, "") + path);
  const opts: https.RequestOptions = { method: "GET", headers: { accept: "application/json" }, timeout: timeoutMs };
  await t.kc.applyToHTTPSOptions(opts);
  return { url, opts };
}

function statusMessage(body: string, status: number): string {
  try {
    const s = JSON.parse(body) as { message?: string };
    if (s.message) return s.message;
  } catch {
    /* not a Status object */
  }
  return `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ""}`;
}

const transport = (url: URL) => (url.protocol === "https:" ? https : http);

/** GET a JSON document; non-2xx answers become UpstreamError with the API's message and status. */
export async function kubeGetJson(t: KubeTarget, path: string, timeoutMs = 30_000): Promise<unknown> {
  const { url, opts } = await requestOptions(t, path, timeoutMs);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const fail = (e: UpstreamError) => {
      countUpstreamCall("kubernetes", e.status === 403 ? "forbidden" : e.status === 404 ? "not_found" : "error", performance.now() - t0);
      reject(e);
    };
    const req = transport(url).request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (e) => fail(new UpstreamError("kubernetes", e.message, { instance: t.cluster, cause: e })));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) return fail(new UpstreamError("kubernetes", statusMessage(body, status), { instance: t.cluster, status }));
        try {
          countUpstreamCall("kubernetes", "ok", performance.now() - t0);
          resolve(JSON.parse(body));
        } catch (e) {
          fail(new UpstreamError("kubernetes", "answered with invalid JSON", { instance: t.cluster, status, cause: e }));
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", (e) => fail(new UpstreamError("kubernetes", e.message, { instance: t.cluster, cause: e })));
    req.end();
  });
}

export interface WatchHandle {
  /** resolves when the stream ends: null for a normal end, else the error */
  done: Promise<UpstreamError | null>;
  abort(): void;
}

/**
 * Open a watch stream (`?watch=1` must be in `path`) and call onEvent per line. Resolves
 * `connected` once the API answered 200, so the caller knows the watch is established.
 */
export async function kubeWatch(
  t: KubeTarget,
  path: string,
  onEvent: (type: string, object: unknown) => void,
  idleTimeoutMs: number,
): Promise<WatchHandle & { connected: Promise<void> }> {
  const { url, opts } = await requestOptions(t, path, idleTimeoutMs);
  let resolveDone!: (e: UpstreamError | null) => void;
  const done = new Promise<UpstreamError | null>((r) => (resolveDone = r));
  let settled = false;
  const finish = (e: UpstreamError | null) => {
    if (settled) return;
    settled = true;
    resolveDone(e);
  };
  let resolveConnected!: () => void;
  let rejectConnected!: (e: unknown) => void;
  const connected = new Promise<void>((res, rej) => ((resolveConnected = res), (rejectConnected = rej)));
  connected.catch(() => {});

  const req = transport(url).request(url, opts, (res) => {
    const status = res.statusCode ?? 0;
    if (status !== 200) {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const e = new UpstreamError("kubernetes", statusMessage(Buffer.concat(chunks).toString("utf8"), status), { instance: t.cluster, status });
        countUpstreamCall("kubernetes", "error");
        rejectConnected(e);
        finish(e);
      });
      return;
    }
    countUpstreamCall("kubernetes", "ok");
    resolveConnected();
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    lines.on("error", (e) => finish(new UpstreamError("kubernetes", `watch stream broke: ${e.message}`, { instance: t.cluster, cause: e })));
    lines.on("line", (line) => {
      if (!line.trim()) return;
      try {
        const ev = JSON.parse(line) as { type?: string; object?: unknown };
        onEvent(String(ev.type ?? ""), ev.object);
      } catch {
        /* a partial line on abort: ignore */
      }
    });
    res.on("error", (e) => finish(new UpstreamError("kubernetes", `watch stream broke: ${e.message}`, { instance: t.cluster, cause: e })));
    res.on("close", () => finish(res.complete ? null : new UpstreamError("kubernetes", "watch stream closed before its end", { instance: t.cluster })));
  });
  req.on("timeout", () => req.destroy(new Error(`no data for ${idleTimeoutMs} ms`)));
  // TCP keep-alive probes notice a peer that vanished without closing (as @kubernetes/client-node does).
  req.on("socket", (socket) => socket.setKeepAlive(true, 30_000));
  req.on("error", (e) => {
    const err = new UpstreamError("kubernetes", e.message, { instance: t.cluster, cause: e });
    rejectConnected(err);
    finish(err);
  });
  req.end();
  return { done, connected, abort: () => { finish(null); req.destroy(); } };
}
