/**
 * `npm run user -- add --email ops@example.org --role operator [--name "Ops"] [--password …]`
 * `npm run user -- list`
 *
 * With DATABASE_URL (PostgreSQL) this works while the console runs. Without it the console uses
 * PGlite in DATA_DIR, which only one process may open: stop the console first.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDb } from "../db/client";
import { ROLES } from "../db/schema";
import { listUsers, createUser } from "../server/services/users";

const USAGE = `usage:
  npm run user -- add --email <email> --role <admin|operator|viewer> [--name <name>] [--password <password>]
  npm run user -- list

Database: PostgreSQL from DATABASE_URL (works while the console runs), else PGlite in DATA_DIR
(default ./.data) — PGlite is single-process: STOP THE CONSOLE FIRST.`;

const storage = z
  .object({
    DATABASE_URL: z.string().optional().transform((v) => (v ? v : undefined)).pipe(z.url().optional()),
    DATA_DIR: z.string().min(1).default("./.data"),
  })
  .parse(process.env);

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question("Password for the new user (at least 10 characters): ");
  } finally {
    rl.close();
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, password: { type: "string" }, help: { type: "boolean" } },
  });
  const command = positionals[0];
  if (values.help || !command || !["add", "list"].includes(command)) {
    console.log(USAGE);
    process.exit(command ? 2 : 0);
  }
  const target = storage.DATABASE_URL
    ? ({ kind: "postgres", url: storage.DATABASE_URL } as const)
    : ({ kind: "pglite", dataDir: storage.DATA_DIR } as const);
  if (target.kind === "pglite") {
    console.log(`PGlite in ${target.dataDir}: this needs the console stopped (PGlite is single-process).`);
  }

  let input: { email: string; role: (typeof ROLES)[number]; name?: string; password: string } | undefined;
  if (command === "add") {
    const parsed = z
      .object({ email: z.email("--email must be an email address"), role: z.enum(ROLES, "--role must be admin, operator or viewer"), name: z.string().optional() })
      .safeParse(values);
    if (!parsed.success) {
      console.error(parsed.error.issues.map((i) => i.message).join("\n") + "\n\n" + USAGE);
      process.exit(2);
    }
    const password = values.password ?? (await readPassword());
    if (password.length < 10) {
      console.error("The password must have at least 10 characters.");
      process.exit(2);
    }
    input = { ...parsed.data, password };
  }

  let handle;
  try {
    handle = await openDb(target);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    console.error(
      target.kind === "pglite"
        ? `Could not open PGlite in ${target.dataDir} (${msg}). Is the console still running? Stop it first.`
        : `Could not reach PostgreSQL (${msg}).`,
    );
    process.exit(1);
  }
  try {
    if (input) {
      const user = await createUser(handle.db, { ...input, source: "cli" });
      console.log(`added ${user.email} (${user.role})`);
    } else {
      for (const u of await listUsers(handle.db)) console.log(`${u.email}\t${u.role}${u.disabled ? "\tdisabled" : ""}`);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

await main();
