import { afterAll, beforeAll } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "./databases";

/**
 * One fresh, migrated database for a vitest file: created in beforeAll, closed and dropped in afterAll.
 * `.db` is usable inside tests. (Kept apart from databases.ts, which Playwright's setup also loads.)
 */
export function freshTestDb(kind: TestDatabase["kind"] = "pglite"): { readonly db: DbHandle["db"] } {
  let database: TestDatabase | undefined;
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    handle = await openDb(database.target);
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });
  return {
    get db() {
      if (!handle) throw new Error("freshTestDb: the database opens in beforeAll; use .db inside a test");
      return handle.db;
    },
  };
}
