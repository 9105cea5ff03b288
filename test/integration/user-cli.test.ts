import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/harness/databases";

const run = promisify(execFile);
const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");

const dbs: TestDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.drop();
});

async function user(db: TestDatabase, ...args: string[]) {
  try {
    const r = await run(tsx, ["scripts/user.ts", ...args], { env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, ...db.env }, timeout: 60_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe("npm run user", () => {
  it("adds a user to a PGlite database and says the console must be stopped", async () => {
    const db = await createTestDatabase("pglite");
    dbs.push(db);
    const add = await user(db, "add", "--email", "Ops@Grio.local", "--role", "operator", "--password", "a-good-password");
    expect(add.code, add.out).toBe(0);
    expect(add.out).toContain("needs the console stopped");
    expect(add.out).toContain("added ops@grio.local (operator)");
    const list = await user(db, "list");
    expect(list.out).toContain("ops@grio.local\toperator");
  });

  it("refuses to open a PGlite directory another live process owns", async () => {
    const db = await createTestDatabase("pglite");
    dbs.push(db);
    const dir = (db.target as { dataDir: string }).dataDir;
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "grio-owner.pid"), String(process.pid)); // this test process is alive
    const add = await user(db, "add", "--email", "x@grio.local", "--role", "viewer", "--password", "a-good-password");
    expect(add.code).toBe(1);
    expect(add.out).toMatch(/in use by process \d+/);
  });

  it("rejects a bad role with the usage", async () => {
    const db = await createTestDatabase("pglite");
    dbs.push(db);
    const add = await user(db, "add", "--email", "x@grio.local", "--role", "boss", "--password", "a-good-password");
    expect(add.code).toBe(2);
    expect(add.out).toContain("--role must be admin, operator or viewer");
  });
});
