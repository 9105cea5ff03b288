/**
 * The sim's Qdrant REST API: /, /healthz, /livez, /readyz, /collections, /collections/{c},
 * collection snapshots (create/list/download/delete), full snapshots (/snapshots), `api-key`
 * auth, and Qdrant's {result, status, time} envelope. Snapshot bytes are generated on the fly,
 * exactly as many as the list reports, with their real sha256.
 */
import { createHash } from "node:crypto";
import type http from "node:http";
import type { EstateView } from "../contract";
import { hash32, rng, sendJson, sendText, startFaultable, type Faults } from "../faults";
import { QDRANT_COLLECTION, QDRANT_PEER_ID, lastRunAt, qdrantSnapshotName } from "../s3/seed";

export interface QdrantOptions {
  port?: number;
  apiKey: string;
  now?: () => number;
  seed?: number;
  /** when given, /readyz follows the estate's `qdrant` service */
  view?: EstateView;
}

export interface SnapshotDescription {
  name: string;
  creation_time: string;
  size: number;
  checksum: string;
}

export interface QdrantServer {
  url: string;
  apiKey: string;
  faults: Faults;
  /** create a collection snapshot (what the qdrant-snapshot job asks Qdrant for) */
  createSnapshot(collection?: string): SnapshotDescription;
  stop(): Promise<void>;
}

export const QDRANT_VERSION = "1.18.2";
const BLOCK = 64 * 1024;
const DIM = 384;

interface Collection {
  name: string;
  points: number;
  segments: number;
  snapshots: SnapshotDescription[];
}

/** deterministic bytes of a snapshot: a 64 KiB block per name, varied per block index */
function* snapshotBytes(name: string, size: number): Generator<Buffer> {
  const r = rng(hash32(name));
  const base = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i += 4) base.writeUInt32LE(Math.floor(r() * 2 ** 32), i);
  // a tar header-ish start, as real snapshots are tar archives
  Buffer.from(`${name.replace(/\.snapshot$/, "")}/`).copy(base, 0);
  for (let off = 0, i = 0; off < size; off += BLOCK, i++) {
    const n = Math.min(BLOCK, size - off);
    const b = Buffer.from(base.subarray(0, n));
    b.writeUInt32LE(i >>> 0, n >= 516 ? 512 : 0);
    yield b;
  }
}

function checksumOf(name: string, size: number): string {
  const h = createHash("sha256");
  for (const b of snapshotBytes(name, size)) h.update(b);
  return h.digest("hex");
}

const stamp = (t: number) => new Date(t).toISOString().slice(0, 19);

function collectionInfo(c: Collection) {
  return {
    status: "green",
    optimizer_status: "ok",
    indexed_vectors_count: c.points,
    points_count: c.points,
    segments_count: c.segments,
    config: {
      params: { vectors: { size: DIM, distance: "Cosine" }, shard_number: 1, replication_factor: 1, write_consistency_factor: 1, on_disk_payload: true },
      hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10000, max_indexing_threads: 0, on_disk: false },
      optimizer_config: { deleted_threshold: 0.2, vacuum_min_vector_number: 1000, default_segment_number: 0, max_segment_size: null, memmap_threshold: null, indexing_threshold: 20000, flush_interval_sec: 5, max_optimization_threads: null },
      wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
      quantization_config: null,
      strict_mode_config: { enabled: false },
    },
    payload_schema: {
      subject: { data_type: "keyword", points: c.points },
      grade: { data_type: "integer", points: c.points },
      curriculum_version: { data_type: "keyword", points: c.points },
    },
  };
}

export async function startQdrant(opts: QdrantOptions): Promise<QdrantServer> {
  const now = opts.now ?? Date.now;
  const random = rng((opts.seed ?? 1) ^ 0x9d7a);
  const collections = new Map<string, Collection>([[QDRANT_COLLECTION, { name: QDRANT_COLLECTION, points: 3412, segments: 4, snapshots: [] }]]);
  const fullSnapshots: SnapshotDescription[] = [];

  const snapshotSize = (c: Collection) => Math.round(c.points * DIM * 4 * 1.02 + 180_000 + random() * 40_000);
  const describe = (name: string, at: number, size: number): SnapshotDescription => ({ name, creation_time: stamp(at), size, checksum: checksumOf(name, size) });

  // Qdrant keeps the snapshots the nightly job made in the last two days (then the job prunes them)
  const cur = collections.get(QDRANT_COLLECTION)!;
  for (const daysAgo of [1, 0]) {
    const at = lastRunAt(now(), 3) - daysAgo * 86_400_000 + 14_000;
    cur.snapshots.push(describe(qdrantSnapshotName(QDRANT_COLLECTION, new Date(at)), at, snapshotSize(cur)));
  }

  const createSnapshot = (collection = QDRANT_COLLECTION): SnapshotDescription => {
    const c = collections.get(collection);
    if (!c) throw new Error(`Not found: Collection \`${collection}\` doesn't exist!`);
    const at = now();
    const s = describe(qdrantSnapshotName(c.name, new Date(at), QDRANT_PEER_ID), at, snapshotSize(c));
    c.snapshots = c.snapshots.filter((x) => x.name !== s.name).concat(s);
    return s;
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? "/", "http://qdrant.local");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = req.method ?? "GET";
    const time = () => Number(process.hrtime.bigint() - started) / 1e9;
    const ok = (result: unknown) => sendJson(res, 200, { result, status: "ok", time: time() });
    const err = (status: number, error: string) => sendJson(res, status, { status: { error }, time: time() });
    req.resume();

    if (path === "/healthz") return sendText(res, 200, "healthz check passed");
    if (path === "/livez") return sendText(res, 200, "livez check passed");
    if (path === "/readyz") return opts.view && !opts.view.serviceUp("qdrant") ? sendText(res, 503, "some shards are not ready") : sendText(res, 200, "all shards are ready");
    if (path === "/") return sendJson(res, 200, { title: "qdrant - vector search engine", version: versionOf(opts.view), commit: "a69c8b9e1a3d2e0f2d4d1f1c6a1b1e2a3c4d5e6f" });

    const key = req.headers["api-key"] ?? (req.headers.authorization?.startsWith("Bearer ") ? req.headers.authorization.slice(7) : undefined);
    if (key === undefined) return sendText(res, 401, "Must provide an API key or an Authorization bearer token");
    if (key !== opts.apiKey) return sendText(res, 403, "Invalid API key or JWT");

    if (path === "/collections" && method === "GET") return ok({ collections: [...collections.keys()].map((name) => ({ name })) });
    if (path === "/snapshots") {
      if (method === "GET") return ok(fullSnapshots);
      if (method === "POST") {
        const at = now();
        const name = `full-snapshot-${new Date(at).toISOString().slice(0, 19).replace(/[T:]/g, "-")}.snapshot`;
        const size = [...collections.values()].reduce((s, c) => s + snapshotSize(c), 20_000);
        const d = describe(name, at, size);
        fullSnapshots.push(d);
        if (url.searchParams.get("wait") === "false") return sendJson(res, 202, { status: "accepted", time: time() });
        return ok(d);
      }
    }
    const full = /^\/snapshots\/([^/]+)$/.exec(path);
    if (full) return serveSnapshot(req, res, fullSnapshots, decodeURIComponent(full[1]!), method, ok, err, (list) => fullSnapshots.splice(0, fullSnapshots.length, ...list));

    const m = /^\/collections\/([^/]+)(\/snapshots(?:\/([^/]+))?)?$/.exec(path);
    if (m) {
      const name = decodeURIComponent(m[1]!);
      const c = collections.get(name);
      if (!c) return err(404, `Not found: Collection \`${name}\` doesn't exist!`);
      if (!m[2]) {
        if (method === "GET") return ok(collectionInfo(c));
        return err(405, "Method not allowed");
      }
      if (!m[3]) {
        if (method === "GET") return ok(c.snapshots);
        if (method === "POST") {
          const d = createSnapshot(name);
          if (url.searchParams.get("wait") === "false") return sendJson(res, 202, { status: "accepted", time: time() });
          return ok(d);
        }
      } else {
        return serveSnapshot(req, res, c.snapshots, decodeURIComponent(m[3]), method, ok, err, (list) => (c.snapshots = list));
      }
    }
    return sendText(res, 404, "");
  };

  const server = await startFaultable(handle, {
    port: opts.port,
    errorBody: (status, req) =>
      (req.url ?? "").startsWith("/readyz")
        ? { contentType: "text/plain", body: "some shards are not ready" }
        : { contentType: "application/json", body: JSON.stringify({ status: { error: `Service internal error: injected by the sim (${status})` }, time: 0.0001 }) },
  });

  return {
    get url() {
      return server.url;
    },
    apiKey: opts.apiKey,
    faults: server.faults,
    createSnapshot,
    stop: () => server.stop(),
  };
}

/** the version the estate runs (the qdrant pod's image tag), else QDRANT_VERSION */
function versionOf(view: EstateView | undefined): string {
  const image = view?.pods().find((p) => p.app === "qdrant")?.containers[0]?.image ?? "";
  const m = /:v?(\d+\.\d+\.\d+)$/.exec(image);
  return m ? m[1]! : QDRANT_VERSION;
}

function serveSnapshot(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  list: SnapshotDescription[],
  name: string,
  method: string,
  ok: (r: unknown) => void,
  err: (s: number, e: string) => void,
  replace: (l: SnapshotDescription[]) => void,
): void {
  const s = list.find((x) => x.name === name);
  if (!s) return err(404, `Not found: Snapshot file \`${name}\` does not exist!`);
  if (method === "DELETE") {
    replace(list.filter((x) => x !== s));
    return ok(true);
  }
  if (method !== "GET") return err(405, "Method not allowed");
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": s.size, "content-disposition": `attachment; filename="${s.name}"` });
  const chunks = snapshotBytes(s.name, s.size);
  const pump = () => {
    for (;;) {
      const n = chunks.next();
      if (n.done) return void res.end();
      if (!res.write(n.value)) return void res.once("drain", pump);
    }
  };
  res.on("close", () => chunks.return(undefined));
  pump();
}
