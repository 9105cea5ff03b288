import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import { createTestDatabase, postgresReachable, type TestDatabase } from "@/test/harness/databases";

/** Every handle and database opened by a test is closed/dropped before the test ends. */
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function fresh(kind: "pglite" | "postgres"): Promise<TestDatabase> {
  const db = await createTestDatabase(kind);
  cleanup.push(() => db.drop());
  return db;
}

async function open(target: TestDatabase["target"]): Promise<DbHandle> {
  const h = await openDb(target);
  cleanup.push(() => h.close());
  return h;
}

async function tableNames(h: DbHandle): Promise<string[]> {
  const res = await h.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
  const rows = (res as unknown as { rows: Array<{ table_name: string }> }).rows;
  return rows.map((r) => r.table_name);
}

const pgAvailable = await postgresReachable();

describe.each([
  ["pglite", true],
  ["postgres", pgAvailable],
] as const)("migrations on a fresh %s database", (kind, available) => {
  it.skipIf(!available)("creates the foundation tables, and applying them again changes nothing", async () => {
    const db = await fresh(kind);
    const first = await open(db.target);
    const tables = await tableNames(first);
    expect(tables).toEqual(expect.arrayContaining(["users", "api_tokens", "audit_events", "sign_in_failures"]));
    await first.db.insert(users).values({ email: "a@grio.local", name: "A", role: "admin" });
    await first.close();

    const second = await open(db.target);
    expect(await tableNames(second)).toEqual(tables);
    const rows = await second.db.select().from(users);
    expect(rows.map((r) => r.email)).toEqual(["a@grio.local"]);
  });
});

describe.skipIf(!pgAvailable)("two replicas starting together on PostgreSQL", () => {
  it("both apply migrations safely under the advisory lock", async () => {
    const db = await fresh("postgres");
    const [a, b] = await Promise.all([open(db.target), open(db.target)]);
    const [ta, tb] = await Promise.all([tableNames(a), tableNames(b)]);
    expect(ta).toEqual(tb);
    expect(ta).toContain("audit_events");
    const res = await a.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const n = (res as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
    expect(n).toBeGreaterThan(0);
  });
});
