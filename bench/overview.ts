/**
 * Overview benchmark: the sim at ~60 nodes / 5,000 pods, the BUILT console pointed at it, then
 *   1 viewer and 50 viewers polling the overview every 4 s (as the page does), and a burst of 50
 *   simultaneous requests — printing latency p50/p95, Kubernetes API requests per minute (counted
 *   at the sim) and the console server's RSS.
 *
 *   NEXT_DIST_DIR=.next-x SKIP_ENV_VALIDATION=1 ./node_modules/.bin/next build   # once
 *   NEXT_DIST_DIR=.next-x npx tsx bench/overview.ts [--seconds 30] [--pglite]
 *
 * The console uses PostgreSQL (127.0.0.1:5432, as in production) unless --pglite: PGlite's wasm
 * Postgres lives inside the server process and adds ~300 MB RSS on its own.
 * The sim runs in this process, on the same cores as the console: latencies include that contention.
 * Targets (issue 4): p95 ≤ 20 ms, API requests with 50 viewers ≈ with 1, RSS ≤ 350 MB.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import type { Overview } from "../lib/domain/kube/overview";
import { startSim } from "../sim/index";
import { waitFor } from "../server/testing/ports";
import { DEMO, startConsole } from "../test/harness/console";
import type { HttpSession } from "../test/harness/http";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PHASE_S = arg("seconds", 60);
const POLL_MS = 4000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

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
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

async function timedOverview(s: HttpSession): Promise<number> {
  const t0 = performance.now();
  const r = await s.query<Overview>("cluster.overview");
  const dt = performance.now() - t0;
  if (r.status !== 200) throw new Error(`overview answered ${r.status}`);
  return dt;
}

/** `viewers` sessions each polling every POLL_MS (staggered), for PHASE_S seconds. */
async function pollingPhase(sessions: HttpSession[], countRequests: () => number, pid: string) {
  const latencies: number[] = [];
  const before = countRequests();
  const cpu0 = serverCpuSeconds(pid);
  const t0 = Date.now();
  const end = t0 + PHASE_S * 1000;
  await Promise.all(sessions.map(async (s, i) => {
    await new Promise((r) => setTimeout(r, (i * POLL_MS) / sessions.length));
    while (Date.now() < end) {
      const started = Date.now();
      latencies.push(await timedOverview(s));
      await new Promise((r) => setTimeout(r, Math.max(0, POLL_MS - (Date.now() - started))));
    }
  }));
  const minutes = (Date.now() - t0) / 60_000;
  const cpu = serverCpuSeconds(pid) - cpu0;
  return { latencies, apiPerMin: (countRequests() - before) / minutes, cpuPct: (cpu / (minutes * 60)) * 100 };
}

const sim = await startSim({ nodes: 44, pods: 5000 });
const nodes = sim.estate.clusters.length;
let grio: Awaited<ReturnType<typeof startConsole>> | undefined;
try {
  const database = process.argv.includes("--pglite") ? "pglite" : "postgres";
  console.log(`console database: ${database}`);
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
  console.log(`estate: ${nodes} clusters, ${totalNodes} nodes, ${totalPods} pods; caches warm ${Date.now() - t0} ms after first sign-in`);
  // warm-up (JIT, first render of the summary)
  for (let i = 0; i < 30; i++) await timedOverview(sessions[0]!);

  const pid = serverPid(grio.port);
  const count = () => sim.k8sRequestCount();
  const one = await pollingPhase(sessions.slice(0, 1), count, pid);
  const fifty = await pollingPhase(sessions, count, pid);
  const burst: number[] = [];
  for (let round = 0; round < 5; round++) burst.push(...(await Promise.all(sessions.map((s) => timedOverview(s)))));
  const seq: number[] = [];
  const cpuSeq0 = serverCpuSeconds(pid);
  for (let i = 0; i < 200; i++) seq.push(await timedOverview(sessions[0]!));
  const cpuPerRequestMs = ((serverCpuSeconds(pid) - cpuSeq0) / 200) * 1000;
  // the same request path with a tiny answer (session check + tRPC + Next), for comparison
  const cpuMe0 = serverCpuSeconds(pid);
  for (let i = 0; i < 200; i++) await sessions[0]!.query("me.get");
  const cpuMeMs = ((serverCpuSeconds(pid) - cpuMe0) / 200) * 1000;

  const rss = serverRssMb(pid);
  console.log(`\nmachine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")} (1/5/15 min)`);
  console.log("\nOverview latency (tRPC GET cluster.overview, signed-in viewer, over HTTP)");
  console.log(`  1 viewer polling every 4 s:   n=${one.latencies.length}  p50 ${ms(pct(one.latencies, 50))}  p95 ${ms(pct(one.latencies, 95))}  K8s API ${one.apiPerMin.toFixed(1)} req/min  server CPU ${one.cpuPct.toFixed(1)} %`);
  console.log(`  50 viewers polling every 4 s: n=${fifty.latencies.length}  p50 ${ms(pct(fifty.latencies, 50))}  p95 ${ms(pct(fifty.latencies, 95))}  K8s API ${fifty.apiPerMin.toFixed(1)} req/min  server CPU ${fifty.cpuPct.toFixed(1)} %`);
  console.log(`  1 viewer, 200 back-to-back:   p50 ${ms(pct(seq, 50))}  p95 ${ms(pct(seq, 95))}  server CPU per request ${cpuPerRequestMs.toFixed(2)} ms (me.get, same path with a tiny answer: ${cpuMeMs.toFixed(2)} ms)`);
  console.log(`  burst of 50 at once (×5):     p50 ${ms(pct(burst, 50))}  p95 ${ms(pct(burst, 95))}`);
  console.log(`Console server RSS: ${rss.toFixed(0)} MB`);
  console.log("K8s API requests are counted at the sim; watches renew every 300 s (33 requests per 5 min for 3 clusters × 11 resources), whatever the number of viewers.");
} finally {
  await grio?.stop();
  await sim.stop();
}
process.exit(0);
