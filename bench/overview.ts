/**
 * Overview benchmark: the sim at ~60 nodes / 5,000 pods (in its own process), the BUILT console
 * pointed at it, then — after a discarded warm-up — 1 viewer and 50 viewers polling the overview,
 * 1 viewer polling as a browser does (If-None-Match: 304 when unchanged), a serial back-to-back run
 * and a burst of 50 simultaneous requests. Prints latency p50/p95/p99,
 * Kubernetes API requests per minute (counted at the sim), the console server's CPU and its RSS.
 *
 *   NEXT_DIST_DIR=.next-x SKIP_ENV_VALIDATION=1 ./node_modules/.bin/next build   # once
 *   NEXT_DIST_DIR=.next-x npx tsx bench/overview.ts [--seconds 60] [--seconds-one 180] [--poll-one 1000] [--poll-fifty 2000] [--pglite]
 *
 * The console uses PostgreSQL (127.0.0.1:5432, as in production) unless --pglite: PGlite's wasm
 * Postgres lives inside the server process and adds ~300 MB RSS on its own.
 * Process layout: this process only sends requests and times them; the sim runs in a child process
 * (bench/sim-child.ts) and the console in another (`next start`). All share the machine's cores, so
 * the load average is printed with the results.
 * Targets (issue 4): p95 ≤ 20 ms, API requests with 50 viewers ≈ with 1, RSS ≤ 350 MB.
 */
import { execFileSync, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Overview } from "../lib/domain/kube/overview";
import { waitFor } from "../server/testing/ports";
import type { EstateInfo } from "../sim/contract";
import { DEMO, startConsole } from "../test/harness/console";
import type { HttpSession } from "../test/harness/http";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PHASE_S = arg("seconds", 60);
/** The 1-viewer phase runs longer: at 1 request/s, 60 s give 60 samples and a p95 decided by 3 of them. */
const PHASE_ONE_S = arg("seconds-one", 180);
const POLL_ONE_MS = arg("poll-one", 1000);
const POLL_FIFTY_MS = arg("poll-fifty", 2000);
const SERIAL_N = arg("serial", 500);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const load = () => os.loadavg().map((x) => x.toFixed(1)).join("/");

function serverPid(port: number): string {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on ${port}`);
  return pid;
}

/** CPU seconds (user + system) the server process has used: immune to other processes' load. */
function serverCpuSeconds(pid: string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function serverRssMb(pid: string): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return kb / 1024;
}

/** The sim in a child process; resolves once its estate is up. */
async function startSimChild(nodes: number, pods: number) {
  const child = fork(path.join(import.meta.dirname, "sim-child.ts"), [String(nodes), String(pods)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const estate = await new Promise<EstateInfo>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`sim exited (${code})`)));
    child.on("message", (m: { estate?: EstateInfo }) => m.estate && resolve(m.estate));
  });
  const count = () =>
    new Promise<number>((resolve) => {
      const on = (m: { count?: number }) => {
        if (typeof m.count !== "number") return;
        child.off("message", on);
        resolve(m.count);
      };
      child.on("message", on);
      child.send("count");
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.send("stop");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  return { estate, count, stop };
}

/** The ETag each session last received, for viewers that poll as a browser does (If-None-Match). */
const heldTags = new WeakMap<HttpSession, string>();
let notModified = 0;

/**
 * Time to the whole response body (the client's JSON/superjson decoding is not the server's
 * latency). `conditional`: send the held ETag, as a browser revalidating its cached answer does.
 */
async function timedGet(s: HttpSession, procedure = "cluster.overview", conditional = false): Promise<number> {
  const held = conditional ? heldTags.get(s) : undefined;
  const t0 = performance.now();
  const res = await s.get(`/api/trpc/${procedure}`, { "accept-encoding": "gzip", ...(held ? { "if-none-match": held } : {}) });
  await res.text();
  const dt = performance.now() - t0;
  if (res.status === 304 && held) notModified++;
  else if (res.status !== 200) throw new Error(`${procedure} answered ${res.status}`);
  const tag = res.headers.get("etag");
  if (conditional && tag) heldTags.set(s, tag);
  return dt;
}
const timedOverview = (s: HttpSession, conditional = false) => timedGet(s, "cluster.overview", conditional);

interface Row { label: string; latencies: number[]; apiPerMin?: number; cpuPct?: number; cpuPerReqMs?: number; load: string }

/** Each session polls every `pollMs` (staggered start) for `seconds`. */
async function pollingPhase(label: string, sessions: HttpSession[], pollMs: number, seconds: number, count: () => Promise<number>, pid: string, conditional = false): Promise<Row> {
  const latencies: number[] = [];
  notModified = 0;
  const before = await count();
  const cpu0 = serverCpuSeconds(pid);
  const t0 = Date.now();
  const end = t0 + seconds * 1000;
  await Promise.all(sessions.map(async (s, i) => {
    await new Promise((r) => setTimeout(r, (i * pollMs) / sessions.length));
    while (Date.now() < end) {
      const started = Date.now();
      latencies.push(await timedOverview(s, conditional));
      await new Promise((r) => setTimeout(r, Math.max(0, pollMs - (Date.now() - started))));
    }
  }));
  const minutes = (Date.now() - t0) / 60_000;
  const cpu = serverCpuSeconds(pid) - cpu0;
  if (conditional) label += ` (${notModified} of ${latencies.length} answered 304)`;
  return { label, latencies, apiPerMin: ((await count()) - before) / minutes, cpuPct: (cpu / (minutes * 60)) * 100, cpuPerReqMs: (cpu / latencies.length) * 1000, load: load() };
}

async function serialPhase(label: string, s: HttpSession, n: number, pid: string, path = "cluster.overview"): Promise<Row> {
  const latencies: number[] = [];
  const cpu0 = serverCpuSeconds(pid);
  for (let i = 0; i < n; i++) latencies.push(await timedGet(s, path));
  return { label, latencies, cpuPerReqMs: ((serverCpuSeconds(pid) - cpu0) / n) * 1000, load: load() };
}

function printTable(rows: Row[]) {
  const f = (x: number | undefined, d = 1) => (x === undefined || Number.isNaN(x) ? "-" : x.toFixed(d));
  const head = ["phase", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "K8s req/min", "srv CPU %", "CPU ms/req", "load 1/5/15"];
  const body = rows.map((r) => [r.label, String(r.latencies.length), f(pct(r.latencies, 50)), f(pct(r.latencies, 95)), f(pct(r.latencies, 99)), f(Math.max(...r.latencies)), f(r.apiPerMin), f(r.cpuPct), f(r.cpuPerReqMs, 2), r.load]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) console.log(line(b));
}

const sim = await startSimChild(44, 5000);
let grio: Awaited<ReturnType<typeof startConsole>> | undefined;
try {
  const database = process.argv.includes("--pglite") ? "pglite" : "postgres";
  grio = await startConsole({ database, env: { KUBECONFIG: sim.estate.kubeconfig, GRIO_DEMO: "1", LOG_LEVEL: "warn" } });
  const sessions: HttpSession[] = [];
  for (let i = 0; i < 50; i++) sessions.push(await grio.signIn(DEMO.viewer));
  const t0 = Date.now();
  const first = await waitFor(async () => {
    const r = await sessions[0]!.query<Overview>("cluster.overview");
    if (!r.data?.clusters.length || !r.data.clusters.every((c) => c.synced && c.status.state === "connected")) throw new Error("not synced");
    return r.data;
  }, 120_000, 250);
  const totalNodes = first.clusters.reduce((n, c) => n + c.counts.nodes.total, 0);
  const totalPods = first.clusters.reduce((n, c) => n + c.counts.pods.total, 0);
  const pid = serverPid(grio.port);
  const rssWarm = serverRssMb(pid);
  console.log(`console database: ${database}; estate: ${first.clusters.length} clusters, ${totalNodes} nodes, ${totalPods} pods; caches warm ${Date.now() - t0} ms after first sign-in`);

  // Warm-up, discarded: JIT of every path involved (serial, then concurrent), connection pools.
  await serialPhase("warm-up", sessions[0]!, 200, pid);
  await serialPhase("warm-up", sessions[0]!, 100, pid, "me.get");
  await pollingPhase("warm-up", sessions, 500, 10, sim.count, pid);

  const rows: Row[] = [];
  rows.push(await pollingPhase(`1 viewer, poll ${POLL_ONE_MS / 1000} s, ${PHASE_ONE_S} s`, sessions.slice(0, 1), POLL_ONE_MS, PHASE_ONE_S, sim.count, pid));
  rows.push(await pollingPhase(`50 viewers, poll ${POLL_FIFTY_MS / 1000} s, ${PHASE_S} s`, sessions, POLL_FIFTY_MS, PHASE_S, sim.count, pid));
  const rss = serverRssMb(pid);
  rows.push(await pollingPhase(`1 viewer as a browser (If-None-Match), poll ${POLL_ONE_MS / 1000} s, ${PHASE_S} s`, sessions.slice(0, 1), POLL_ONE_MS, PHASE_S, sim.count, pid, true));
  rows.push(await serialPhase("1 viewer, back-to-back", sessions[0]!, SERIAL_N, pid));
  const burst: number[] = [];
  for (let round = 0; round < 10; round++) burst.push(...(await Promise.all(sessions.map((s) => timedOverview(s)))));
  rows.push({ label: "burst: 50 at once ×10", latencies: burst, load: load() });
  rows.push(await serialPhase("me.get back-to-back (auth+tRPC floor)", sessions[0]!, SERIAL_N, pid, "me.get"));
  const payload = (await (await sessions[0]!.get("/api/trpc/cluster.overview")).text()).length;

  console.log(`\nmachine: ${os.cpus().length} cores; tRPC GET cluster.overview as a signed-in viewer over HTTP; overview response ${(payload / 1024).toFixed(1)} kB; latency = request sent → whole body received\n`);
  printTable(rows);
  console.log(`\nConsole server RSS: ${rssWarm.toFixed(0)} MB with caches warm before any viewer, ${rss.toFixed(0)} MB after the 50-viewer phase, ${serverRssMb(pid).toFixed(0)} MB at the end (after the bursts)`);
  console.log("K8s API requests are counted at the sim; watches renew every 300 s (33 requests per 5 min for 3 clusters × 11 resources), whatever the number of viewers.");
  console.log("Targets (issue 4): p95 ≤ 20 ms; K8s req/min with 50 viewers ≈ with 1; RSS ≤ 350 MB.");
} finally {
  await grio?.stop();
  await sim.stop();
}
process.exit(0);
