/**
 * Writes objects straight into s3rver's filesystem store (the layout s3rver itself reads), so the
 * seeded history can have large, sparse objects and a Last-Modified that matches the backup's time.
 */
import { mkdir, open, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { hash32 } from "../faults";

export interface SeedObject {
  bucket: string;
  key: string;
  size: number;
  lastModified: Date;
  contentType?: string;
}

/** s3rver's FilesystemStore: `<root>/<bucket>/<dirs>/<name>._S3rver_<resource>` */
function resourcePath(root: string, bucket: string, key: string, resource: string): string {
  const parts = key.split("/");
  const name = parts.pop() ?? "";
  return path.join(root, bucket, ...parts, `${name}._S3rver_${resource}`);
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);

/** A sparse file of `size` bytes (no disk used beyond the first block) with a plausible header. */
export async function writeStoreObject(root: string, obj: SeedObject): Promise<void> {
  const objectPath = resourcePath(root, obj.bucket, obj.key, "object");
  await mkdir(path.dirname(objectPath), { recursive: true });
  const fh = await open(objectPath, "w");
  try {
    if (obj.key.endsWith(".gz")) await fh.write(GZIP_HEADER.subarray(0, Math.min(GZIP_HEADER.length, obj.size)), 0);
    await fh.truncate(obj.size);
  } finally {
    await fh.close();
  }
  const h = (n: number) => hash32(`${obj.bucket}/${obj.key}/${obj.size}/${n}`).toString(16).padStart(8, "0");
  await writeFile(`${objectPath}.md5`, `${h(1)}${h(2)}${h(3)}${h(4)}`);
  await writeFile(
    resourcePath(root, obj.bucket, obj.key, "metadata.json"),
    JSON.stringify({ "content-type": obj.contentType ?? contentTypeFor(obj.key) }, null, 2),
  );
  await utimes(objectPath, obj.lastModified, obj.lastModified);
}

export async function makeBucketDir(root: string, bucket: string, created: Date): Promise<void> {
  const dir = path.join(root, bucket);
  await mkdir(dir, { recursive: true });
  await utimes(dir, created, created);
}

export function contentTypeFor(key: string): string {
  if (key.endsWith(".gz")) return "application/gzip";
  if (key.endsWith(".pdf")) return "application/pdf";
  if (key.endsWith(".mp4")) return "video/mp4";
  if (key.endsWith(".png")) return "image/png";
  if (key.endsWith(".json")) return "application/json";
  return "application/octet-stream";
}
