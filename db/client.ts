import fs from "node:fs/promises";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/**
 * One database type for both engines: PGlite (a data directory, single process) when there is no
 * DATABASE_URL, PostgreSQL (node-postgres pool) otherwise. Migrations are applied when a client is
 * opened, under a PostgreSQL advisory lock so that two replicas starting together are safe.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export interface DbHandle {
  db: Db;
  target: DbTarget;
  /** closes the pool or the PGlite instance; safe to call twice */
  close(): Promise<void>;
}

/** Any number, constant: every replica must take the same lock. "grio" in ASCII. */
const MIGRATION_LOCK_ID = 0x6772696f;

/** Migrations ship with the app; resolved from the working directory (drizzle reads them from disk). */
export function migrationsFolder(cwd = process.cwd()): string {
  return path.join(cwd, "db", "migrations");
}

export async function openDb(target: DbTarget, opts: { migrate?: boolean; cwd?: string } = {}): Promise<DbHandle> {
  const folder = migrationsFolder(opts.cwd);
  const shouldMigrate = opts.migrate ?? true;
  if (target.kind === "postgres") return openPostgres(target, folder, shouldMigrate);
  return openPglite(target, folder, shouldMigrate);
}

async function openPostgres(target: { kind: "postgres"; url: string }, folder: string, shouldMigrate: boolean): Promise<DbHandle> {
  const pg = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new pg.default.Pool({ connectionString: target.url, max: 10 });
  // An idle client losing its connection (database restarted) must not crash the process.
  pool.on("error", (e) => console.error(`[db] idle PostgreSQL client error: ${e.message}`));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await pool.end();
  };
  try {
    if (shouldMigrate) {
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
        try {
          await migrate(drizzle({ client, schema }), { migrationsFolder: folder });
        } finally {
          await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
        }
      } finally {
        client.release();
      }
    }
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
  return { db: drizzle({ client: pool, schema }) as unknown as Db, target, close };
}

async function openPglite(target: { kind: "pglite"; dataDir: string }, folder: string, shouldMigrate: boolean): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = path.resolve(target.dataDir);
  await fs.mkdir(dataDir, { recursive: true }); // PGlite does not create parent folders
  const pidFile = await claimPgliteDir(dataDir);
  let client;
  try {
    client = await PGlite.create({ dataDir });
  } catch (e) {
    await fs.rm(pidFile, { force: true });
    throw e;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.close();
    await fs.rm(pidFile, { force: true });
  };
  const db = drizzle({ client, schema });
  try {
    if (shouldMigrate) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
      try {
        await migrate(db, { migrationsFolder: folder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
      }
    }
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
  return { db: db as unknown as Db, target, close };
}

/**
 * PGlite is single-process: a second process opening the same data directory would corrupt it.
 * The owner's pid is kept in the directory; another live owner is refused with a clear message.
 */
async function claimPgliteDir(dataDir: string): Promise<string> {
  const pidFile = path.join(dataDir, "grio-owner.pid");
  const text = await fs.readFile(pidFile, "utf8").catch(() => "");
  const owner = Number(text.trim());
  if (owner && owner !== process.pid && processAlive(owner)) {
    throw new Error(`the PGlite data directory ${dataDir} is in use by process ${owner} (the console?). PGlite is single-process: stop that process first, or use PostgreSQL (DATABASE_URL).`);
  }
  await fs.writeFile(pidFile, String(process.pid));
  return pidFile;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
