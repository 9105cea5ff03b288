import { openDb, type Db, type DbHandle, type DbTarget } from "@/db/client";
import { env } from "@/server/config";
import { ensureStartupUsers } from "@/server/services/startup-users";

export type { Db } from "@/db/client";

export function dbTargetFromEnv(e = env()): DbTarget {
  return e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: e.DATA_DIR };
}

// Kept on globalThis so that every route bundle in the server process shares one database handle
// (PGlite can be opened once per process only).
const globalStore = globalThis as unknown as { __grioDb?: Promise<DbHandle> };

/** The console's database: opened once per process, migrations applied, start-up users ensured. */
export async function getDb(): Promise<Db> {
  if (!globalStore.__grioDb) {
    const opening = (async () => {
      const handle = await openDb(dbTargetFromEnv());
      await ensureStartupUsers(handle.db, env());
      return handle;
    })();
    globalStore.__grioDb = opening;
    // Do not cache a failed start-up: the next request tries again.
    opening.catch(() => {
      if (globalStore.__grioDb === opening) globalStore.__grioDb = undefined;
    });
  }
  return (await globalStore.__grioDb).db;
}
