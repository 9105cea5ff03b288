/**
 * The demo: the simulated estate (sim/index.ts, when present), any extra steps in scripts/demo.d/,
 * then the built console on http://127.0.0.1:3000 (PORT to change) pointed at all of it, with the
 * demo users. Ctrl-C stops everything.
 *
 * A step is `scripts/demo.d/<NN-name>.ts` exporting a default `async (ctx: DemoContext) => DemoStep`:
 * it may start something (e.g. Prometheus scraping the sim), add console env, and return `stop`.
 * Steps run in file-name order, after the sim and before the console.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { EstateInfo } from "../sim/contract";

export interface DemoContext {
  root: string;
  /** the running sim, when sim/index.ts exists */
  sim: { estate: EstateInfo; stop(): Promise<void> } | undefined;
  /** the console's environment so far (read it; return additions in `env`) */
  env: Record<string, string>;
  /** a folder for this step's files (under .sim-out-demo/) */
  workDir: string;
}
export interface DemoStep {
  env?: Record<string, string>;
  stop?: () => Promise<void>;
  /** lines printed with the demo banner */
  notes?: string[];
  /** runs once the console is healthy (e.g. register things through its API) */
  afterConsole?: (consoleUrl: string) => Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const url = `http://127.0.0.1:${port}`;
const outDir = path.join(root, ".sim-out-demo");
const stops: Array<() => Promise<void>> = [];
const notes: string[] = [];
const afterConsole: Array<(consoleUrl: string) => Promise<void>> = [];

async function importIfPresent<T>(relative: string): Promise<T | undefined> {
  const file = path.join(root, relative);
  return fs.existsSync(file) ? ((await import(file)) as T) : undefined;
}

let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(`stop failed: ${e instanceof Error ? e.message : e}`));
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const env: Record<string, string> = {};

  const simModule = await importIfPresent<{ startSim: (o?: Record<string, unknown>) => Promise<NonNullable<DemoContext["sim"]>> }>("sim/index.ts");
  let sim: DemoContext["sim"];
  if (simModule) {
    console.log("starting the simulated estate …");
    sim = await simModule.startSim({ outDir: path.join(outDir, "sim") });
    stops.push(() => sim!.stop());
    const harness = await importIfPresent<{ simConsoleEnv: (e: EstateInfo) => Record<string, string | undefined> }>("test/harness/sim.ts");
    const simEnv = harness ? harness.simConsoleEnv(sim.estate) : { KUBECONFIG: sim.estate.kubeconfig };
    for (const [k, v] of Object.entries(simEnv)) if (v !== undefined) env[k] = v;
    notes.push(`simulated estate: ${sim.estate.clusters.map((c) => c.name).join(", ")} (control API ${sim.estate.control.url})`);
  }

  const stepDir = path.join(root, "scripts", "demo.d");
  const steps = fs.existsSync(stepDir) ? fs.readdirSync(stepDir).filter((f) => /\.(ts|mts)$/.test(f) && !f.endsWith(".test.ts")).sort() : [];
  for (const file of steps) {
    const mod = (await import(path.join(stepDir, file))) as { default: (ctx: DemoContext) => Promise<DemoStep | void> };
    const workDir = path.join(outDir, file.replace(/\.m?ts$/, ""));
    fs.mkdirSync(workDir, { recursive: true });
    console.log(`demo step ${file} …`);
    const step = (await mod.default({ root, sim, env: { ...env }, workDir })) ?? {};
    Object.assign(env, step.env ?? {});
    if (step.stop) stops.push(step.stop);
    notes.push(...(step.notes ?? []));
    if (step.afterConsole) afterConsole.push(step.afterConsole);
  }

  const consoleEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("hex"),
    DATA_DIR: process.env.DATA_DIR ?? path.join(root, ".data-demo"),
    GRIO_DEMO: "1",
    ...env,
  };
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env: consoleEnv,
    stdio: ["ignore", "inherit", "inherit"],
  });
  stops.unshift(async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  });
  child.once("exit", (code) => {
    if (stopping) return;
    console.error(`the console exited (${code}); stopping the demo`);
    void stopAll().then(() => process.exit(code ?? 1));
  });

  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health?deep=1`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error("the console did not become healthy within 90 s");
    await new Promise((r) => setTimeout(r, 300));
  }
  for (const hook of afterConsole) await hook(url);

  console.log(`
━━━ Grio Ops demo ━━━
  ${url}
  admin@grio.local     (admin)     password grio-demo
  oncall@grio.local    (operator)  password grio-demo
  ministry@grio.local  (viewer)    password grio-demo
${notes.map((n) => `  ${n}`).join("\n")}
Ctrl-C stops everything.`);
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    void stopAll().then(() => process.exit(0));
  });
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  await stopAll();
  process.exit(1);
});
