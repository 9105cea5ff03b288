import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Servers, type S3Servers } from "../../sim/s3/index";
import { UpstreamError } from "./errors";
import { listObjects, putObjectStream, removeObject, statObject } from "./s3";

/** The S3 adapter against the sim's MinIO stand-in: the helpers the snapshot upload reuses, and errors. */
let s3: S3Servers;

beforeAll(async () => {
  s3 = await startS3Servers({ now: Date.now(), seed: 3 });
  Object.assign(process.env, {
    NEXTAUTH_SECRET: "x".repeat(40),
    S3_ENDPOINT: s3.primary.endpoint, S3_ACCESS_KEY: s3.primary.accessKey, S3_SECRET_KEY: s3.primary.secretKey,
    S3_MIRROR_ENDPOINT: s3.mirror.endpoint, S3_MIRROR_ACCESS_KEY: s3.mirror.accessKey, S3_MIRROR_SECRET_KEY: "wrong".repeat(8),
  });
});
afterAll(async () => {
  await s3?.stop();
});

describe("S3 adapter", () => {
  it("streams an object of unknown length up, stats it, lists it and removes it", async () => {
    const key = "qdrant/test-upload-2026-12-04-08-00-00.snapshot";
    const body = Readable.from((function* () {
      for (let i = 0; i < 3; i++) yield Buffer.alloc(1024 * 1024, i);
    })());
    await putObjectStream("primary", "backups", key, body);
    expect((await statObject("primary", "backups", key)).size).toBe(3 * 1024 * 1024);
    expect((await listObjects("primary", "backups", "qdrant/test-upload")).map((o) => o.key)).toEqual([key]);
    await removeObject("primary", "backups", key);
    await expect(statObject("primary", "backups", key)).rejects.toMatchObject({ source: "s3", status: 404 });
  });

  it("tags errors with their source: a wrong mirror secret is refused, a down primary is unreachable", async () => {
    const refused = await listObjects("mirror", "backups").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UpstreamError);
    expect((refused as UpstreamError).sentence).toMatch(/^S3 mirror \(minio-backup\) of .*\/backups refused: SignatureDoesNotMatch/);
    await s3.primary.faults.setDown(true);
    try {
      const down = await listObjects("primary", "backups").catch((e: unknown) => e);
      expect((down as UpstreamError).source).toBe("s3");
      expect((down as UpstreamError).sentence).toMatch(/is unreachable/);
    } finally {
      await s3.primary.faults.heal();
    }
  });
});
