/**
 * Two s3rver instances playing Grio's MinIO (`minio`) and its mirror (`minio-backup`), each behind a
 * small front that answers MinIO's health probes and injects faults (down, slow, 5xx, failed writes).
 */
import http from "node:http";
import { createRequire } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { freePort, hash32, rng, startFaultable, type FaultableServer, type Faults } from "../faults";
import { BUCKETS, planBackups, planContent, postgresDumpKey, qdrantSnapshotName, QDRANT_COLLECTION, BACKUP_BUCKET, usualDumpSize, usualSnapshotSize } from "./seed";
import { makeBucketDir, writeStoreObject } from "./store";
import { verifySigV4 } from "./sigv4";

export interface S3Endpoint {
  name: "minio" | "minio-backup";
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  /** s3rver's store directory */
  directory: string;
  faults: S3Faults;
}

export interface S3Faults extends Faults {
  /** the next `count` object writes (PUT/POST/DELETE or a backup job) fail with 500 InternalError;
   * a client's retries of a failed write (same object, within 2 s) fail as well */
  failNextWrite(count?: number): void;
  /** every write fails until turned off */
  setFailWrites(on: boolean): void;
  /** consumes the pending write failure; true when this write must fail */
  takeWriteFailure(): boolean;
}

export interface S3Servers {
  primary: S3Endpoint;
  mirror: S3Endpoint;
  /** write a new Postgres dump of normal size at `at` (the backup-postgres job) */
  writePostgresDump(at: number): Promise<{ key: string; size: number }>;
  /** write a new Qdrant snapshot at `at` (the qdrant-snapshot job uploads what Qdrant made) */
  writeQdrantSnapshot(at: number, snapshot?: { name: string; size: number }): Promise<{ key: string; size: number }>;
  stop(): Promise<void>;
}

export interface S3Options {
  now?: number;
  seed?: number;
  primaryPort?: number;
  mirrorPort?: number;
}

interface AccountModule {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** MinIO-style service-account keys: 20-char access key, 40-char secret, deterministic per seed. */
export function minioKeys(seed: number, name: string): { accessKey: string; secretKey: string } {
  const r = rng(hash32(`${seed}:${name}`));
  const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join("");
  return { accessKey: pick(ALNUM, 20), secretKey: pick(B64, 40) };
}

const pathOf = (url: string): string => url.split("?")[0] ?? url;

function s3ErrorXml(code: string, message: string, resource: string): string {
  const reqId = hash32(`${resource}${Date.now()}`).toString(16).toUpperCase().padStart(16, "0");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Resource>${resource}</Resource><RequestId>${reqId}</RequestId><HostId>dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8</HostId></Error>`;
}

async function startOne(name: S3Endpoint["name"], seed: number, port: number | undefined, now: number, seedObjects: Parameters<typeof writeStoreObject>[1][]): Promise<{ endpoint: S3Endpoint; front: FaultableServer; s3rver: S3rver }> {
  const directory = await mkdtemp(path.join(os.tmpdir(), `grio-sim-${name}-`));
  const created = new Date(now - 400 * 86_400_000);
  for (const b of BUCKETS) await makeBucketDir(directory, b, created);
  for (const o of seedObjects) await writeStoreObject(directory, o);

  const keys = minioKeys(seed, name);
  const accounts = createRequire(import.meta.url)("s3rver/lib/models/account") as AccountModule;
  accounts.DUMMY_ACCOUNT.createKeyPair(keys.accessKey, keys.secretKey);

  const backendPort = await freePort();
  const s3rver = new S3rver({ address: "127.0.0.1", port: backendPort, directory, silent: true, allowMismatchedSignatures: false, resetOnClose: false });
  await s3rver.run();

  let pendingWriteFailures = 0;
  let failWrites = false;
  let failing: { path: string; until: number } | undefined;
  const front = await startFaultable(
    (req, res) => {
      const url = req.url ?? "/";
      if (url.startsWith("/minio/health/")) {
        req.resume();
        // MinIO answers its probes with an empty 200 (ready: 503 while it cannot serve)
        res.writeHead(200, { "content-length": "0", server: "MinIO" });
        res.end();
        return;
      }
      const auth = verifySigV4(req, keys);
      if (!auth.ok) {
        req.resume();
        res.writeHead(auth.status, { "content-type": "application/xml", server: "MinIO" });
        res.end(s3ErrorXml(auth.code, auth.message, pathOf(url)));
        return;
      }
      const isWrite = req.method === "PUT" || req.method === "POST" || req.method === "DELETE";
      const retrying = isWrite && failing !== undefined && failing.path === pathOf(url) && Date.now() < failing.until;
      if (isWrite && (failWrites || retrying || pendingWriteFailures > 0)) {
        if (!failWrites && !retrying) {
          pendingWriteFailures--;
          failing = { path: pathOf(url), until: Date.now() + 2_000 }; // the client's retries of this write fail too
        }
        req.resume();
        res.writeHead(500, { "content-type": "application/xml", server: "MinIO" });
        res.end(s3ErrorXml("InternalError", "We encountered an internal error, please try again.", pathOf(url)));
        return;
      }
      // s3rver lacks ListMultipartUploads (GET /<bucket>?uploads), which the minio client asks before
      // every multipart upload (objects over one part, e.g. Qdrant snapshots); MinIO answers it
      const parsed = new URL(url, "http://sim");
      if (req.method === "GET" && parsed.searchParams.has("uploads") && /^\/[^/]+\/?$/.test(parsed.pathname)) {
        req.resume();
        const xml = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        const bucket = xml(parsed.pathname.replace(/\//g, ""));
        const prefix = xml(parsed.searchParams.get("prefix") ?? "");
        res.writeHead(200, { "content-type": "application/xml", server: "MinIO" });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${bucket}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><NextKeyMarker></NextKeyMarker><NextUploadIdMarker></NextUploadIdMarker><Delimiter></Delimiter><Prefix>${prefix}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>`,
        );
        return;
      }
      const upstream = http.request(
        { host: "127.0.0.1", port: backendPort, method: req.method, path: url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, { ...up.headers, server: "MinIO" });
          up.pipe(res);
        },
      );
      upstream.on("error", (e) => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
        res.end(String(e));
      });
      req.pipe(upstream);
    },
    {
      port,
      errorBody: (status, req) => ({
        contentType: "application/xml",
        body: (req.url ?? "").startsWith("/minio/health/") ? "" : s3ErrorXml(status === 503 ? "ServiceUnavailable" : "InternalError", status === 503 ? "Please reduce your request rate." : "We encountered an internal error, please try again.", pathOf(req.url ?? "/")),
      }),
    },
  );

  const faults: S3Faults = Object.assign(Object.create(null) as object, front.faults, {
    state: front.faults.state,
    failNextWrite(count = 1) {
      pendingWriteFailures += count;
    },
    setFailWrites(on: boolean) {
      failWrites = on;
    },
    takeWriteFailure() {
      if (failWrites) return true;
      if (pendingWriteFailures === 0) return false;
      pendingWriteFailures--;
      return true;
    },
  }) as S3Faults;

  const endpoint: S3Endpoint = { name, endpoint: front.url, ...keys, region: "us-east-1", directory, faults };
  return { endpoint, front, s3rver };
}

export async function startS3Servers(opts: S3Options = {}): Promise<S3Servers> {
  const now = opts.now ?? Date.now();
  const seed = opts.seed ?? 1;
  const plan = planBackups(now, seed);
  const content = planContent(now, seed);
  const primary = await startOne("minio", seed, opts.primaryPort, now, [...content, ...plan.primary]);
  const mirror = await startOne("minio-backup", seed, opts.mirrorPort, now, plan.mirror);
  const random = rng(seed ^ 0x10b);

  const writeOrFail = async (key: string, size: number, at: number) => {
    if (primary.endpoint.faults.takeWriteFailure() || primary.endpoint.faults.state.down || primary.endpoint.faults.state.errorStatus !== null) {
      throw new Error(`S3 PutObject ${BACKUP_BUCKET}/${key} failed: We encountered an internal error, please try again. (InternalError)`);
    }
    await writeStoreObject(primary.endpoint.directory, { bucket: BACKUP_BUCKET, key, size, lastModified: new Date(at) });
    return { key, size };
  };

  return {
    primary: primary.endpoint,
    mirror: mirror.endpoint,
    writePostgresDump: (at) => writeOrFail(postgresDumpKey(new Date(at)), usualDumpSize(Math.floor(at / 86_400_000), random), at),
    writeQdrantSnapshot: (at, snap) => writeOrFail(`qdrant/${snap?.name ?? qdrantSnapshotName(QDRANT_COLLECTION, new Date(at))}`, snap?.size ?? usualSnapshotSize(random), at),
    async stop() {
      for (const one of [primary, mirror]) {
        await one.front.stop();
        await one.s3rver.close().catch(() => undefined);
        await rm(one.endpoint.directory, { recursive: true, force: true });
      }
    },
  };
}
