/** Builds one cluster's initial state: nodes, namespaces, workloads, history, and the trouble on purpose. */
import type { ClusterModel } from "./cluster";
import { iso } from "./cluster";
import { jobFromCronJob, nextRun } from "./controllers/jobs";
import { CRASH_RUN_MS } from "./controllers/kubelet";
import { makeNode, type NodeSpec } from "./nodes";
import { cloudNodeSpecs, edgeNodeSpec, type SiteInfo } from "./sites";
import { addWorkloads, REGISTRY, webTemplate } from "./workloads";

const DAY = 86_400_000;

export interface EstateOptions {
  seed?: number;
  /** cloud nodes in hetzner-prod (default 5: 3 servers + 2 agents) */
  nodes?: number;
  /** target pod count in hetzner-prod (extra pods fill namespace `loadtest`) */
  pods?: number;
  /** school edge sites joined to hetzner-prod (default 12) */
  sites?: number;
  /** the estate's "now" at build time (default Date.now()) */
  now?: number;
  podStartMs?: number;
  jobDurationMs?: number;
}

export function buildCluster(c: ClusterModel, o: EstateOptions, sites: SiteInfo[], start: number): void {
  const boot = start - 3 * DAY;
  c.clockOverride = boot;
  c.bootstrapping = true;
  let specs: NodeSpec[];
  if (c.name === "hetzner-prod") {
    const cloud = Math.max(3, o.nodes ?? 5);
    specs = cloudNodeSpecs(c.name, 3, cloud - 3, start, "cloud", { cpu: 8, mem: 16, disk: 240 });
    // the two first agents form the inference pool
    for (const s of specs.filter((x) => x.role === "agent").slice(0, 2)) {
      s.labels = { ...s.labels, "grio.io/pool": "inference" };
      s.taints = [{ key: "grio.io/pool", value: "inference", effect: "NoSchedule" }];
    }
    specs[1]!.diskUsedFraction = 0.88; // over the seed's 85 % threshold
    specs[2]!.diskUsedFraction = 0.95; // DiskPressure
    specs.push(...sites.map((s, i) => edgeNodeSpec(s, i, c.rng, start)));
  } else if (c.name === "hetzner-staging") {
    specs = cloudNodeSpecs(c.name, 1, 0, start, "cloud", { cpu: 8, mem: 32, disk: 240 });
  } else {
    specs = cloudNodeSpecs(c.name, 3, 0, start, "on-prem", { cpu: 16, mem: 64, disk: 1800 });
  }
  specs.forEach((s, i) => c.store.put("nodes", makeNode(c, s, i)));
  for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease", "grio", ...(o.pods ? ["loadtest"] : [])]) {
    c.store.put("namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: ns, creationTimestamp: iso(start - 220 * DAY), labels: { "kubernetes.io/metadata.name": ns } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
  }
  const prod = c.name === "hetzner-prod";
  addWorkloads(c, { scale: 1, single: c.name === "hetzner-staging", apiRevision: c.name === "hetzner-staging" ? 4 : 3, inferencePool: prod, troubled: prod }, start);
  if (prod && o.pods) addLoad(c, o.pods, start);
  settle(c, boot, 40);
  if (prod) {
    // a rollout of nextjs-web stuck on an image the registry does not have
    const bad = `${REGISTRY}/grio-web:8c1d4e7`;
    c.unpullableImages.add(bad);
    c.clockOverride = start - 2 * 3_600_000;
    const web = c.store.get("deployments", "grio", "nextjs-web")!;
    web.spec.template = webTemplate("8c1d4e7");
    web.metadata.generation = Number(web.metadata.generation ?? 1) + 1;
    web.metadata.annotations = { ...web.metadata.annotations, "kubernetes.io/change-cause": "CI #233: app router migration" };
    c.store.put("deployments", web);
    settle(c, start - 2 * 3_600_000, 10);
  }
  c.clockOverride = start;
  seedJobHistory(c, start);
  c.clockOverride = undefined;
  c.bootstrapping = false;
  // events older than an hour are gone (the apiserver's event TTL)
  for (const e of c.store.objects("events")) c.store.remove("events", e.metadata.namespace, e.metadata.name);
  if (prod) startCrashLoop(c, start);
  for (const p of c.store.objects("pods")) {
    if (p.status?.conditions?.[0]?.reason === "Unschedulable") c.event(p, "Warning", "FailedScheduling", p.status.conditions[0].message, { component: "default-scheduler" });
  }
  c.store.compact();
}

/** Run the controllers with a simulated clock until the cluster is steady. */
function settle(c: ClusterModel, from: number, passes: number): void {
  let quiet = 0;
  for (let i = 0; i < passes && quiet < 3; i++) {
    c.clockOverride = from + i * 3_000;
    const rv = c.store.currentRv();
    c.reconcile(true);
    quiet = c.store.currentRv() === rv ? quiet + 1 : 0;
  }
}

function addLoad(c: ClusterModel, pods: number, start: number): void {
  const per = 100;
  const base = 20;
  const extra = Math.max(0, pods - base);
  for (let i = 0; i * per < extra; i++) {
    const replicas = Math.min(per, extra - i * per);
    const name = `load-${String(i + 1).padStart(3, "0")}`;
    c.store.put("deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: "loadtest", generation: 1, creationTimestamp: iso(start - 30 * DAY), labels: { app: name } },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name, tier: "load" } }, spec: { containers: [{ name: "worker", image: `${REGISTRY}/grio-worker:5e1a0b9`, resources: { requests: { cpu: "5m", memory: "16Mi" } } }] } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {},
    });
  }
}

function seedJobHistory(c: ClusterModel, start: number): void {
  for (const cj of c.store.objects("cronjobs")) {
    const runs: number[] = [];
    let t = start - 22 * DAY;
    for (;;) {
      const n = nextRun(cj.spec.schedule, t);
      if (n === undefined || n > start) break;
      runs.push(n);
      t = n;
    }
    for (const at of runs.slice(-3)) {
      const job = jobFromCronJob(cj, `${cj.metadata.name}-${Math.floor(at / 60000)}`, at, false);
      const done = at + 60_000 + Math.floor(c.rng() * 120_000);
      job.status = { startTime: iso(at), completionTime: iso(done), succeeded: 1, ready: 0, uncountedTerminatedPods: {}, conditions: [{ type: "Complete", status: "True", lastProbeTime: iso(done), lastTransitionTime: iso(done) }] };
      c.store.put("jobs", job);
    }
    const last = runs[runs.length - 1];
    if (last !== undefined) {
      cj.status = { lastScheduleTime: iso(last), lastSuccessfulTime: c.store.objects("jobs").filter((j) => j.metadata.ownerReferences?.[0]?.uid === cj.metadata.uid).map((j) => j.status.completionTime as string).sort().pop() };
    }
    c.store.put("cronjobs", cj);
  }
}

/** One ai-inference pod starts crash-looping when the sim starts. */
function startCrashLoop(c: ClusterModel, start: number): void {
  const pod = c.store
    .objects("pods", "grio")
    .filter((p) => p.metadata.labels?.app === "ai-inference" && p.spec.nodeName)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
  if (!pod) return;
  const sim = c.podSim.get(pod.metadata.uid!)!;
  for (const cs of sim.containers.values()) {
    cs.behaviour = "crash";
    cs.backoffMs = 0;
    cs.state = "running";
    cs.since = start;
    cs.until = start + CRASH_RUN_MS;
  }
  sim.nextAt = start;
  c.dueAt(start);
}
