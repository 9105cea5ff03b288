import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envSchema } from "@/server/config";
import { freePort, waitFor } from "@/server/testing/ports";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/harness/databases";
import { HttpSession } from "@/test/harness/http";

/**
 * `npm run start:standalone` = what the container runs: the standalone server assembled by
 * scripts/assemble-standalone.sh (the Dockerfile runs the same script) and started by the image's
 * entrypoint. This suite assembles the build `npm test` made, starts the entrypoint from a foreign
 * working directory, signs in, and checks the server wrote nothing outside /tmp and Next's cache
 * (the container's root filesystem is read-only).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = process.env.NEXT_DIST_DIR ?? ".next-test";
const OUT = path.join(ROOT, DIST, "standalone");
const METRICS_TOKEN = "metrics-" + randomBytes(12).toString("hex");
/** refuses and records any non-loopback connection or DNS lookup of the server (no network at start) */
const NO_NETWORK = `--import ${pathToFileURL(path.join(ROOT, "test/harness/no-network.mjs")).href}`;

/** path → size:mtime of every file under dir, except Next's cache (an emptyDir in Kubernetes) */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (rel === path.join(DIST, "cache")) continue;
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.lstatSync(p);
        out.set(rel, `${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out;
}

async function startEntrypoint(database: TestDatabase) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Only what an operator would put in the ConfigMap/Secret: nothing inherited that the console reads.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in envSchema.shape) && k !== "NEXT_DIST_DIR"));
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "grio-standalone-cwd-"));
  const networkLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grio-netlog-")), "network.log");
  let output = "";
  const child: ChildProcess = spawn(path.join(OUT, "entrypoint.sh"), [], {
    cwd,
    env: {
      ...inherited,
      PORT: String(port),
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      GRIO_DEMO: "1",
      METRICS_TOKEN,
      NODE_OPTIONS: NO_NETWORK,
      GRIO_NETWORK_LOG: networkLog,
      ...database.env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  let alive = true;
  void exited.then(() => (alive = false));
  const stop = async () => {
    if (!alive) return exited;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const code = await exited;
    clearTimeout(killer);
    fs.rmSync(cwd, { recursive: true, force: true });
    return code;
  };
  try {
    await waitFor(async () => {
      if (!alive) throw new Error("exited");
      const res = await fetch(`${url}/api/health?deep=1`);
      if (res.status !== 200) throw new Error(`health ${res.status}: ${await res.text()}`);
    }, 90_000, 250);
  } catch (e) {
    await stop();
    throw new Error(`standalone server did not start (${e instanceof Error ? e.message : String(e)}):\n${output.slice(-3000)}`, { cause: e });
  }
  const network = () => {
    if (!fs.existsSync(`${networkLog}.loaded`)) throw new Error("the no-network preload did not load in the server");
    return fs.existsSync(networkLog) ? fs.readFileSync(networkLog, "utf8").split("\n").filter(Boolean) : [];
  };
  return { url, stop, logs: () => output, cwd, network };
}

beforeAll(() => {
  execFileSync("sh", [path.join(ROOT, "scripts/assemble-standalone.sh"), DIST], { cwd: ROOT, stdio: "pipe" });
});

describe("npm run start:standalone (the image's entrypoint)", async () => {
  const kinds = await databaseKinds();

  it("has everything the image ships beside server.js: static assets, migrations, entrypoint", () => {
    expect(fs.existsSync(path.join(OUT, "server.js"))).toBe(true);
    expect(fs.readdirSync(path.join(OUT, DIST, "static")).length).toBeGreaterThan(0);
    const shipped = fs.readdirSync(path.join(OUT, "db/migrations"));
    expect(shipped).toEqual(fs.readdirSync(path.join(ROOT, "db/migrations")));
    expect(shipped.some((f) => f.endsWith(".sql"))).toBe(true);
    expect(fs.statSync(path.join(OUT, "entrypoint.sh")).mode & 0o111).toBeTruthy();
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["start:standalone"]).toBe("bash scripts/start-standalone.sh");
  });

  it("would notice outbound network use (the preload records and refuses it)", () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grio-netlog-")), "network.log");
    const probe = `fetch("http://203.0.113.10:8080/").catch(() => {}).finally(() => require("node:dns").lookup("registry.npmjs.org", () => {}))`;
    execFileSync(process.execPath, ["-e", probe], { env: { ...process.env, NODE_OPTIONS: NO_NETWORK, GRIO_NETWORK_LOG: log }, timeout: 20_000 });
    expect(fs.readFileSync(log, "utf8")).toContain("connect 203.0.113.10:8080");
    expect(fs.readFileSync(log, "utf8")).toContain("dns lookup registry.npmjs.org");
  });

  describe.each(kinds)("on %s", (kind) => {
    let database: TestDatabase;
    let server: Awaited<ReturnType<typeof startEntrypoint>>;
    let before: Map<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      before = snapshot(OUT);
      server = await startEntrypoint(database);
    });
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("serves pages and their static assets, signs in, answers tRPC and /api/metrics", async () => {
      const anon = new HttpSession(server.url);
      const signin = await anon.get("/signin");
      expect(signin.status).toBe(200);
      const html = await signin.text();
      const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
      expect(chunk, "a script chunk in the sign-in page").toBeDefined();
      expect((await anon.get(chunk!)).status).toBe(200);

      const admin = await new HttpSession(server.url).signIn("admin@grio.local", "grio-demo");
      const me = await admin.query<{ email: string; role: string }>("me.get");
      expect(me.data).toMatchObject({ email: "admin@grio.local", role: "admin" });
      expect((await anon.query("me.get")).status).toBe(401);

      expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401);
      const metrics = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toMatch(/grio_trpc_request_duration_seconds_count\{procedure="me.get",type="query",result="ok"\} 1/);
      expect(text).toMatch(/grio_trpc_request_duration_seconds_count\{procedure="me.get",type="query",result="UNAUTHORIZED"\} 1/);
      expect(text).toMatch(/grio_http_request_duration_seconds_count\{route="health",method="GET",status="200"\} [1-9]/);
      expect(text).toMatch(/grio_http_request_duration_seconds_count\{route="auth",method="POST",status="302"\} 1/);
    });

    it("logs JSON lines with request ids and no secrets", () => {
      const lines = server
        .logs()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const trpc = lines.filter((l) => l.msg === "trpc call");
      expect(trpc.length).toBeGreaterThanOrEqual(2);
      for (const l of trpc) expect(l.requestId).toEqual(expect.any(String));
      expect(server.logs()).not.toContain("grio-demo");
      expect(server.logs()).not.toContain(METRICS_TOKEN);
    });

    it("needs no network: no outbound connection or DNS lookup from start-up to sign-in", () => {
      expect(server.network()).toEqual([]);
    });

    it("writes nothing outside /tmp and Next's cache (read-only root filesystem), and stops on SIGTERM", async () => {
      expect(fs.readdirSync(server.cwd)).toEqual([]);
      const t0 = Date.now();
      await server.stop();
      expect(Date.now() - t0).toBeLessThan(10_000);
      const after = snapshot(OUT);
      const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
      expect(changed).toEqual([]);
    });
  });
});
