import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { env } from "@/server/config";
import { UpstreamError } from "./errors";
import { countUpstreamCall, upstreamOutcomeOf } from "@/server/observability/metrics";

/**
 * Qdrant's REST API (QDRANT_URL, `api-key` header): collections, snapshot creation and the snapshot
 * download as a stream (never held in memory). Errors are UpstreamError("qdrant").
 */
export interface SnapshotDescription {
  name: string;
  size: number;
  creationTime: string | null;
}

const TIMEOUT_MS = 10_000;

function base(): { url: string; headers: Record<string, string>; instance: string } {
  const e = env();
  if (!e.QDRANT_URL) throw new UpstreamError("qdrant", "not configured (set QDRANT_URL)");
  const headers: Record<string, string> = { accept: "application/json" };
  if (e.QDRANT_API_KEY) headers["api-key"] = e.QDRANT_API_KEY;
  return { url: e.QDRANT_URL.replace(/\/$/, ""), headers, instance: new URL(e.QDRANT_URL).host };
}

async function call(method: string, path: string, timeoutMs: number): Promise<Response> {
  const b = base();
  let res: Response;
  try {
    res = await fetch(b.url + path, { method, headers: b.headers, signal: AbortSignal.timeout(timeoutMs) });
    countUpstreamCall("qdrant", res.ok ? "ok" : upstreamOutcomeOf({ status: res.status }));
  } catch (e) {
    countUpstreamCall("qdrant", e instanceof Error && e.name === "TimeoutError" ? "timeout" : "error");
    const msg = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : e instanceof Error ? e.message : String(e);
    throw new UpstreamError("qdrant", msg, { instance: b.instance, cause: e });
  }
  if (!res.ok) {
    const text = await res.text().catch(() => "");
    let msg = `HTTP ${res.status}`;
    try {
      const body = JSON.parse(text) as { status?: { error?: string } | string };
      if (typeof body.status === "object" && body.status?.error) msg = body.status.error;
      else if (typeof body.status === "string") msg = body.status;
    } catch {
      if (text) msg = `${msg}: ${text.slice(0, 200)}`;
    }
    throw new UpstreamError("qdrant", msg, { instance: b.instance, status: res.status });
  }
  return res;
}

async function result<T>(res: Response): Promise<T> {
  const body = (await res.json()) as { result?: T };
  if (body.result === undefined) throw new UpstreamError("qdrant", "answer without a result", { instance: base().instance, status: res.status });
  return body.result;
}

const snapshotPath = (collection: string | null) => (collection ? `/collections/${encodeURIComponent(collection)}/snapshots` : "/snapshots");

export async function listCollections(): Promise<string[]> {
  const r = await result<{ collections: Array<{ name: string }> }>(await call("GET", "/collections", TIMEOUT_MS));
  return r.collections.map((c) => c.name).sort();
}

/** Create a snapshot of one collection, or a full snapshot when `collection` is null (waits for it). */
export async function createSnapshot(collection: string | null, timeoutMs = 10 * 60_000): Promise<SnapshotDescription> {
  const r = await result<{ name: string; size: number; creation_time?: string | null }>(
    await call("POST", `${snapshotPath(collection)}?wait=true`, timeoutMs),
  );
  return { name: r.name, size: r.size, creationTime: r.creation_time ?? null };
}

/** The snapshot file as a Node stream, with the length Qdrant announces (if any). */
export async function downloadSnapshot(collection: string | null, name: string, timeoutMs = 30 * 60_000): Promise<{ stream: Readable; length: number | undefined }> {
  const res = await call("GET", `${snapshotPath(collection)}/${encodeURIComponent(name)}`, timeoutMs);
  if (!res.body) throw new UpstreamError("qdrant", "snapshot download has no body", { instance: base().instance, status: res.status });
  const len = res.headers.get("content-length");
  const stream = Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
  stream.on("error", () => undefined);
  return { stream, length: len ? Number(len) : undefined };
}

/** Remove a snapshot from Qdrant's disk (after it is safely in MinIO). */
export async function deleteSnapshot(collection: string | null, name: string): Promise<void> {
  await call("DELETE", `${snapshotPath(collection)}/${encodeURIComponent(name)}?wait=true`, TIMEOUT_MS);
}
