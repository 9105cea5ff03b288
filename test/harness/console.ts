import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { openDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { envSchema } from "@/server/config";
import { createUser } from "@/server/services/users";
import { freePort, waitFor } from "@/server/testing/ports";
import { createTestDatabase, type TestDatabase } from "./databases";
import { HttpSession } from "./http";

export const DEMO_PASSWORD = "grio-demo";
export const DEMO = {
  admin: "admin@grio.local",
  operator: "oncall@grio.local",
  viewer: "ministry@grio.local",
} as const;

export interface ConsoleOptions {
  /** extra environment for the console (overrides the defaults below) */
  env?: Record<string, string | undefined>;
  database?: "pglite" | "postgres";
  /** users created before start (demo users come from GRIO_DEMO=1, on by default) */
  users?: Array<{ email: string; password: string; role: Role }>;
  /** the built output to start; default $NEXT_DIST_DIR or .next-test */
  distDir?: string;
  /** keep the database after stop (to restart a console on the same data) */
  keepDatabase?: boolean;
  /** reuse a database (e.g. from an earlier console) */
  reuseDatabase?: TestDatabase;
  port?: number;
}

export interface ConsoleHandle {
  url: string;
  port: number;
  database: TestDatabase;
  /** server output so far (for failure messages) */
  logs(): string;
  /** a fresh cookie jar signed in as this user */
  signIn(email: string, password?: string): Promise<HttpSession>;
  /** a client without a session */
  anonymous(): HttpSession;
  /** a client presenting an API token */
  withToken(secret: string): HttpSession;
  stop(): Promise<void>;
  /** SIGKILL the server, as a crash would (the database is kept) */
  crash(): Promise<void>;
}

/** Starts the BUILT console (`next build` first) on a free port with a fresh database. */
export async function startConsole(opts: ConsoleOptions = {}): Promise<ConsoleHandle> {
  const root = process.cwd();
  const distDir = opts.distDir ?? process.env.NEXT_DIST_DIR ?? ".next-test";
  const database = opts.reuseDatabase ?? (await createTestDatabase(opts.database ?? "pglite"));
  try {
    if (opts.users?.length) {
      // Seed before start: PGlite is single-process, so nothing else may open it once the server runs.
      const handle = await openDb(database.target, { cwd: root });
      try {
        for (const u of opts.users) await createUser(handle.db, { ...u, source: "credentials" });
      } finally {
        await handle.close();
      }
    }
  } catch (e) {
    if (!opts.reuseDatabase) await database.drop();
    throw e;
  }
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in envSchema.shape)));
  const env: Record<string, string> = {
    ...(inherited as Record<string, string>),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    GRIO_DEMO: "1",
    LOG_LEVEL: "warn",
    ...database.env,
  };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  let output = "";
  const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let alive = true;
  void exited.then(() => (alive = false));

  const stop = async () => {
    if (alive) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    if (!opts.keepDatabase && !opts.reuseDatabase) await database.drop().catch(() => undefined);
  };

  try {
    await waitFor(async () => {
      if (!alive) throw new Error("exited");
      const res = await fetch(`${url}/api/health?deep=1`);
      if (res.status !== 200) throw new Error(`health ${res.status}`);
    }, 90_000, 250);
  } catch (e) {
    await stop();
    throw new Error(`console did not start (${e instanceof Error ? e.message : String(e)}):\n${output.slice(-3000)}`, { cause: e });
  }

  return {
    url,
    port,
    database,
    logs: () => output,
    async signIn(email, password = DEMO_PASSWORD) {
      return new HttpSession(url).signIn(email, password);
    },
    anonymous: () => new HttpSession(url),
    withToken: (secret) => new HttpSession(url, { bearer: secret }),
    stop,
    async crash() {
      if (alive) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** Resolves once cluster.list, as `session` sees it, lists clusters and every one is connected (90 s at most). */
export async function clustersConnected(session: HttpSession): Promise<void> {
  await waitFor(async () => {
    const list = await session.query<Array<{ name: string; status: { state: string } }>>("cluster.list");
    const waiting = (list.data ?? []).filter((c) => c.status.state !== "connected");
    if (!list.data?.length || waiting.length) throw new Error(`not connected: ${waiting.map((c) => c.name).join(", ") || "no clusters"}`);
  }, 90_000, 300);
}
