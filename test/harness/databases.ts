import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * Databases for tests: PGlite always (a fresh temp dir), PostgreSQL when 127.0.0.1:5432 answers
 * (a fresh `grio_t_<random>` database, dropped afterwards).
 */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let reachable: Promise<boolean> | undefined;

export function postgresReachable(): Promise<boolean> {
  reachable ??= new Promise((resolve) => {
    const u = new URL(POSTGRES_ADMIN_URL);
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once("connect", () => done(true));
    sock.once("error", () => done(false));
  });
  return reachable;
}

/** "pglite" always, "postgres" too when the local server answers. */
export async function databaseKinds(): Promise<Array<"pglite" | "postgres">> {
  return (await postgresReachable()) ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDatabase {
  kind: "pglite" | "postgres";
  /** env for the console: DATABASE_URL or DATA_DIR */
  env: Record<string, string>;
  target: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  /** removes the database or directory; safe to call twice */
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `work` runs on the first call only; later calls resolve at once (drop() is safe to call twice). */
function once(work: () => Promise<void>): () => Promise<void> {
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    await work();
  };
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `grio_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const u = new URL(POSTGRES_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    kind: "postgres",
    env: { DATABASE_URL: url },
    target: { kind: "postgres", url },
    drop: once(() => adminQuery(`drop database if exists ${name} with (force)`)),
  };
}

export async function createPgliteDir(): Promise<TestDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "grio-pglite-"));
  const dataDir = path.join(dir, "data");
  return {
    kind: "pglite",
    env: { DATA_DIR: dataDir },
    target: { kind: "pglite", dataDir },
    drop: once(() => fs.rm(dir, { recursive: true, force: true })),
  };
}

export function createTestDatabase(kind: "pglite" | "postgres"): Promise<TestDatabase> {
  return kind === "postgres" ? createPostgresDatabase() : createPgliteDir();
}
