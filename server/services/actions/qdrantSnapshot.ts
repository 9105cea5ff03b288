import { PassThrough } from "node:stream";
import { UpstreamError } from "@/server/adapters/errors";
import { createSnapshot, downloadSnapshot } from "@/server/adapters/qdrant";
import { putObjectStream, removeObject, statObject } from "@/server/adapters/s3";
import { env } from "@/server/config";

export const QDRANT_PREFIX = "qdrant/";

export interface SnapshotTransfer {
  snapshot: string;
  key: string;
  bytes: number;
  durationMs: number;
}

/**
 * Qdrant snapshot now: create it through the Qdrant API, stream the download into MinIO
 * `backups/qdrant/<name>` (5 MiB parts, never the whole file in memory), check the stored size with
 * statObject, and report bytes and duration. Any failure after the upload started removes the object,
 * so no partial snapshot is left behind.
 */
export async function performQdrantSnapshot(
  collection: string | null,
  clock: () => number = Date.now,
): Promise<{ message: string; data: SnapshotTransfer }> {
  const started = clock();
  const bucket = env().S3_BACKUPS_BUCKET;
  const snap = await createSnapshot(collection);
  const key = `${QDRANT_PREFIX}${snap.name}`;
  let bytes = 0;
  try {
    const { stream, length } = await downloadSnapshot(collection, snap.name);
    const counted = new PassThrough();
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    stream.on("error", (e) => counted.destroy(e));
    stream.pipe(counted);
    await putObjectStream("primary", bucket, key, counted, length);
    const stored = await statObject("primary", bucket, key);
    const expected = length ?? bytes;
    if (stored.size !== bytes || stored.size !== expected) {
      throw new UpstreamError("s3", `stored ${stored.size} bytes for ${key}, but ${expected} bytes were sent`, {
        instance: bucket,
        status: 500,
      });
    }
  } catch (e) {
    await removeObject("primary", bucket, key).catch(() => undefined);
    throw e;
  }
  const durationMs = clock() - started;
  return {
    message: `Qdrant snapshot ${snap.name} stored as ${bucket}/${key}: ${bytes} bytes in ${(durationMs / 1000).toFixed(1)} s`,
    data: { snapshot: snap.name, key, bytes, durationMs },
  };
}
