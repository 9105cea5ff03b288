import * as Minio from "minio";
import type { Readable } from "node:stream";
import { env, type Env } from "@/server/config";
import { UpstreamError, type UpstreamSource } from "./errors";
import { countUpstreamCall, upstreamOutcomeOf } from "@/server/observability/metrics";

/**
 * MinIO / S3: the primary (`minio`, S3_*) and the optional mirror (`minio-backup`, S3_MIRROR_*).
 * Every call has a time limit and throws UpstreamError("s3" | "s3-mirror").
 */
export type S3Which = "primary" | "mirror";
export const CONTENT_BUCKETS = ["curriculum-assets", "student-work", "system-logs", "backups"] as const;

const TIMEOUT_MS = 10_000;
const PART_SIZE = 5 * 1024 * 1024;

export type S3Object = { key: string; size: number; lastModified: Date };
export type BucketUsage = { bucket: string; objects: number; bytes: number };

type Endpoint = { client: Minio.Client; source: UpstreamSource; label: string };
const cache = new Map<string, Endpoint>();

function endpointFor(which: S3Which, e: Env = env()): Endpoint | undefined {
  const url = which === "primary" ? e.S3_ENDPOINT : e.S3_MIRROR_ENDPOINT;
  if (!url) return undefined;
  const accessKey = (which === "primary" ? e.S3_ACCESS_KEY : e.S3_MIRROR_ACCESS_KEY) ?? "";
  const secretKey = (which === "primary" ? e.S3_SECRET_KEY : e.S3_MIRROR_SECRET_KEY) ?? "";
  const id = `${which}|${url}|${accessKey}`;
  let ep = cache.get(id);
  if (!ep) {
    const u = new URL(url);
    const useSSL = u.protocol === "https:";
    ep = {
      client: new Minio.Client({
        endPoint: u.hostname,
        port: u.port ? Number(u.port) : useSSL ? 443 : 80,
        useSSL,
        accessKey,
        secretKey,
        region: e.S3_REGION,
        pathStyle: true,
        partSize: PART_SIZE,
      }),
      source: which === "primary" ? "s3" : "s3-mirror",
      label: u.host,
    };
    cache.set(id, ep);
  }
  return ep;
}

export function s3Configured(which: S3Which): boolean {
  return endpointFor(which) !== undefined;
}

function need(which: S3Which): Endpoint {
  const ep = endpointFor(which);
  if (!ep) {
    throw new UpstreamError(which === "primary" ? "s3" : "s3-mirror", `not configured (set ${which === "primary" ? "S3_ENDPOINT" : "S3_MIRROR_ENDPOINT"})`);
  }
  return ep;
}

const CODE_STATUS: Record<string, number> = {
  AccessDenied: 403, InvalidAccessKeyId: 403, SignatureDoesNotMatch: 403,
  NoSuchBucket: 404, NoSuchKey: 404, NotFound: 404, SlowDown: 503, ServiceUnavailable: 503, InternalError: 500,
};

function toUpstream(ep: Endpoint, e: unknown, bucket?: string): UpstreamError {
  if (e instanceof UpstreamError) return e;
  const code = (e as { code?: unknown })?.code;
  const msg = e instanceof Error ? e.message : String(e);
  const instance = bucket ? `${ep.label}/${bucket}` : ep.label;
  // S3 error codes are CamelCase (NoSuchKey); network errors carry errno codes (ECONNRESET)
  if (typeof code === "string" && /^[A-Z][a-z]/.test(code)) {
    return new UpstreamError(ep.source, `${code}: ${msg}`, { instance, status: CODE_STATUS[code] ?? 500, cause: e });
  }
  return new UpstreamError(ep.source, typeof code === "string" ? `${code} ${msg}` : msg, { instance, cause: e });
}

async function withLimit<T>(ep: Endpoint, bucket: string | undefined, work: (signal: { timedOut: boolean }) => Promise<T>, ms = TIMEOUT_MS): Promise<T> {
  const signal = { timedOut: false };
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      signal.timedOut = true;
      reject(new UpstreamError(ep.source, `no answer within ${ms / 1000} s`, { instance: bucket ? `${ep.label}/${bucket}` : ep.label }));
    }, ms);
  });
  const t0 = performance.now();
  try {
    const result = await Promise.race([work(signal), limit]);
    countUpstreamCall(ep.source, "ok", performance.now() - t0);
    return result;
  } catch (e) {
    const err = toUpstream(ep, e, bucket);
    countUpstreamCall(ep.source, signal.timedOut ? "timeout" : upstreamOutcomeOf(err), performance.now() - t0);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Every object under `prefix` (recursive) with its size and LastModified. */
export async function listObjects(which: S3Which, bucket: string, prefix = "", ms = TIMEOUT_MS): Promise<S3Object[]> {
  const ep = need(which);
  return withLimit(ep, bucket, async (signal) => {
    const out: S3Object[] = [];
    const stream = ep.client.listObjectsV2(bucket, prefix, true);
    try {
      for await (const item of stream as AsyncIterable<Minio.BucketItem>) {
        if (signal.timedOut) break;
        if (item.name) out.push({ key: item.name, size: item.size ?? 0, lastModified: item.lastModified ? new Date(item.lastModified) : new Date(0) });
      }
    } finally {
      (stream as unknown as Readable).destroy?.();
    }
    return out;
  }, ms);
}

/** Object count and total bytes of a bucket (one full listing). */
export async function bucketUsage(which: S3Which, bucket: string): Promise<BucketUsage> {
  const objects = await listObjects(which, bucket, "", 20_000);
  return { bucket, objects: objects.length, bytes: objects.reduce((n, o) => n + o.size, 0) };
}

/** Upload a stream (e.g. a Qdrant snapshot) in 5 MiB parts, so memory stays small. */
export async function putObjectStream(which: S3Which, bucket: string, key: string, body: Readable, size?: number, ms = 10 * 60_000): Promise<{ etag: string }> {
  const ep = need(which);
  return withLimit(ep, bucket, async () => {
    const r = await ep.client.putObject(bucket, key, body, size);
    return { etag: r.etag };
  }, ms);
}

export async function statObject(which: S3Which, bucket: string, key: string): Promise<{ size: number; lastModified: Date; etag: string }> {
  const ep = need(which);
  return withLimit(ep, bucket, async () => {
    const s = await ep.client.statObject(bucket, key);
    return { size: s.size, lastModified: new Date(s.lastModified), etag: s.etag };
  });
}

export async function removeObject(which: S3Which, bucket: string, key: string): Promise<void> {
  const ep = need(which);
  await withLimit(ep, bucket, () => ep.client.removeObject(bucket, key));
}
