/**
 * The sim's Kubernetes API at scale: start-up, full pod LIST latency (measured by curl in its own
 * process), watch event latency (patch → event, client-node Watch) and the event loop's lag.
 *
 *   npx tsx bench/sim-k8s.ts [--nodes 60] [--pods 5000] [--sites 500]
 *
 * Target (issue 3): 60 nodes / 5,000 pods in hetzner-prod / 500 sites — a full pod LIST well under a
 * second, watch events within milliseconds, on this 2-core machine.
 */
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import * as k8s from "@kubernetes/client-node";
import { startSim } from "../sim/index";

const run = promisify(execFile);
const WATCHER = `
const https = require("node:https");
const [url, token] = process.argv.slice(1);
https.get(url, { headers: { authorization: "Bearer " + token }, rejectUnauthorized: false }, (res) => {
  let buf = "";
  res.on("data", (d) => {
    const at = Date.now();
    buf += d;
    let i;
    while ((i = buf.indexOf("\\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const m = /"bench":"(m\\d+)"/.exec(line);
      if (m) process.stdout.write(m[1] + " " + at + "\\n");
    }
  });
});`;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

const t0 = Date.now();
const sim = await startSim({ nodes: arg("nodes", 60), pods: arg("pods", 5000), sites: arg("sites", 500) });
const prod = sim.estate.clusters.find((c) => c.name === "hetzner-prod")!;
const model = sim.model.cluster("hetzner-prod");
console.log(`start-up: ${Date.now() - t0} ms — hetzner-prod has ${model.store.count("nodes")} nodes, ${model.store.count("pods")} pods`);

const lists: number[] = [];
let bytes = 0;
for (let i = 0; i < 7; i++) {
  const out = (await run("curl", ["-sk", "-m", "20", "-o", "/dev/null", "-w", "%{time_total} %{size_download}", "-H", `Authorization: Bearer ${prod.token}`, `${prod.server}/api/v1/pods`])).stdout;
  const [t, b] = out.split(" ");
  lists.push(Number(t) * 1000);
  bytes = Number(b);
}
console.log(`full pod LIST (${(bytes / 1e6).toFixed(1)} MB): p50 ${pct(lists, 50).toFixed(0)} ms, max ${Math.max(...lists).toFixed(0)} ms`);

// watch latency seen by a client in its own process: it stamps each event's arrival (wall clock)
const watcher = spawn(process.execPath, ["-e", WATCHER, `${prod.server}/apis/apps/v1/namespaces/grio/deployments?watch=1&fieldSelector=metadata.name%3Dredis`, prod.token], { stdio: ["ignore", "pipe", "inherit"] });
const arrivals = new Map<string, number>();
let buf = "";
watcher.stdout.on("data", (d: Buffer) => {
  buf += d.toString();
  let i;
  while ((i = buf.indexOf("\n")) >= 0) {
    const [mark, at] = buf.slice(0, i).split(" ");
    buf = buf.slice(i + 1);
    if (mark && at) arrivals.set(mark, Number(at));
  }
});
await new Promise((r) => setTimeout(r, 1500));
const kc = new k8s.KubeConfig();
kc.loadFromFile(sim.estate.kubeconfig);
kc.setCurrentContext("hetzner-prod");
const apps = kc.makeApiClient(k8s.AppsV1Api);
const sent = new Map<string, number>();
for (let i = 0; i < 20; i++) {
  const mark = `m${i}`;
  sent.set(mark, Date.now());
  await apps.patchNamespacedDeployment({ name: "redis", namespace: "grio", body: { metadata: { annotations: { bench: mark } } } }, k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch));
  await new Promise((r) => setTimeout(r, 100));
}
await new Promise((r) => setTimeout(r, 1000));
watcher.kill();
const latencies = [...sent].filter(([m]) => arrivals.has(m)).map(([m, t]) => arrivals.get(m)! - t);
console.log(`watch event seen by a separate client after a PATCH is sent: p50 ${pct(latencies, 50)} ms, p95 ${pct(latencies, 95)} ms (${latencies.length}/20 events)`);

let maxLag = 0;
let last = performance.now();
const iv = setInterval(() => {
  const n = performance.now();
  maxLag = Math.max(maxLag, n - last - 20);
  last = n;
}, 20);
await new Promise((r) => setTimeout(r, 5000));
clearInterval(iv);
console.log(`event-loop lag over 5 s idle (controllers running): max ${maxLag.toFixed(0)} ms`);
await sim.stop();
