/**
 * The simulated estate: three clusters built deterministically from a seed, their controllers running
 * on a timer, the read-only EstateView the other servers use, and the scenario verbs tests drive.
 */
import type { ClusterName, EstateView, JobHooks, SimContainerView, SimDeploymentView, SimNodeView, SimPodView } from "../contract";
import { ClusterModel } from "./cluster";
import { podGc } from "./controllers/common";
import { deployments } from "./controllers/deployments";
import { cronJobs, jobs, nextRun } from "./controllers/jobs";
import { kubelet, CRASH_RUN_MS } from "./controllers/kubelet";
import { replicaSets } from "./controllers/replicasets";
import { statefulSets } from "./controllers/statefulsets";
import { nodeLifecycle, nodeReady } from "./nodes";
import { buildCluster, type EstateOptions } from "./build";
import { makeSites, type SiteInfo } from "./sites";
import type { K8sObject } from "./store";

export type { EstateOptions } from "./build";

export class Estate {
  readonly clusters = new Map<string, ClusterModel>();
  readonly sites: SiteInfo[];
  readonly startedAt: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly servicesDown = new Set<string>();

  constructor(readonly options: EstateOptions) {
    this.startedAt = options.now ?? Date.now();
    const seed = options.seed ?? 42;
    const siteRng = new ClusterModel("sites", seed * 7 + 1).rng;
    this.sites = makeSites(options.sites ?? 12, siteRng, this.startedAt);
    const names = ["hetzner-prod", "hetzner-staging", "ministry-onprem"];
    names.forEach((name, i) => {
      const c = new ClusterModel(name, seed * 1000 + i);
      c.reconcilers = [nodeLifecycle, podGc, cronJobs, jobs, deployments, statefulSets, replicaSets, kubelet];
      if (options.podStartMs !== undefined) c.podStartMs = options.podStartMs;
      if (options.jobDurationMs !== undefined) c.jobDurationMs = options.jobDurationMs;
      buildCluster(c, options, this.sites, this.startedAt);
      this.clusters.set(name, c);
    });
  }

  cluster(name: string): ClusterModel {
    const c = this.clusters.get(name);
    if (!c) throw new Error(`no cluster named ${name}`);
    return c;
  }

  setHooks(hooks: JobHooks): void {
    for (const c of this.clusters.values()) c.hooks = hooks;
  }

  start(intervalMs = 250): void {
    this.timer ??= setInterval(() => {
      for (const c of this.clusters.values()) c.reconcile();
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  // ── scenario verbs ──────────────────────────────────────────────────────────────────────────

  /** A fresh crash loop in one pod (back-off starts again at 10 s). */
  crashPod(cluster: string, ns: string, pod: string): void {
    const c = this.cluster(cluster);
    const p = c.store.get("pods", ns, pod);
    if (!p) throw new Error(`no pod ${ns}/${pod} in ${cluster}`);
    const sim = c.podSim.get(p.metadata.uid!)!;
    const now = Date.now();
    for (const cs of sim.containers.values()) {
      cs.behaviour = "crash";
      cs.backoffMs = 0;
      if (cs.state === "running") cs.until = Math.min(cs.until, now + CRASH_RUN_MS);
    }
    sim.nextAt = now;
    c.kick();
  }

  /** Every pod of a workload (and its replacements) crash-loops. */
  crashWorkload(cluster: string, ns: string, workload: string): void {
    const c = this.cluster(cluster);
    c.crashingWorkloads.add(`${ns}/${workload}`);
    for (const p of this.podsOfWorkload(c, ns, workload)) this.crashPod(cluster, ns, p.metadata.name);
  }

  healWorkload(cluster: string, ns: string, workload: string): void {
    const c = this.cluster(cluster);
    c.crashingWorkloads.delete(`${ns}/${workload}`);
    for (const p of this.podsOfWorkload(c, ns, workload)) this.healPod(cluster, ns, p.metadata.name);
  }

  healPod(cluster: string, ns: string, pod: string): void {
    const c = this.cluster(cluster);
    const p = c.store.get("pods", ns, pod);
    if (!p) return;
    const sim = c.podSim.get(p.metadata.uid!)!;
    for (const cs of sim.containers.values()) {
      if (cs.behaviour !== "crash") continue;
      cs.behaviour = "ok";
      if (cs.state === "running") cs.until = Infinity;
    }
    sim.nextAt = Date.now();
    c.kick();
  }

  private podsOfWorkload(c: ClusterModel, ns: string, workload: string): K8sObject[] {
    return c.store.objects("pods", ns).filter((p) => p.metadata.labels?.app === workload || p.metadata.name.startsWith(`${workload}-`));
  }

  /** The kubelet stops posting status: Ready=Unknown, unreachable taints. */
  breakNode(cluster: string, node: string): void {
    const c = this.cluster(cluster);
    const sim = c.nodeSim.get(node);
    if (!sim) throw new Error(`no node ${node} in ${cluster}`);
    sim.silentSince = Date.now();
    c.nodesDirty = true;
    c.kick();
  }

  healNode(cluster: string, node: string): void {
    const c = this.cluster(cluster);
    const sim = c.nodeSim.get(node);
    if (!sim) throw new Error(`no node ${node} in ${cluster}`);
    sim.silentSince = undefined;
    c.nodesDirty = true;
    c.kick();
  }

  setNodeDisk(cluster: string, node: string, usedFraction: number): void {
    const c = this.cluster(cluster);
    const sim = c.nodeSim.get(node);
    if (!sim) throw new Error(`no node ${node} in ${cluster}`);
    sim.diskUsedBytes = Math.round(sim.diskTotalBytes * usedFraction);
    c.nodesDirty = true;
    c.kick();
  }

  setServiceDown(name: string, down: boolean): void {
    if (down) this.servicesDown.add(name);
    else this.servicesDown.delete(name);
  }

  /** Run a CronJob's next scheduled time now (as if the clock reached it). */
  nextScheduled(cluster: string, ns: string, cronJob: string): number | undefined {
    const cj = this.cluster(cluster).store.get("cronjobs", ns, cronJob);
    return cj ? nextRun(cj.spec.schedule, Date.now()) : undefined;
  }

  // ── EstateView ──────────────────────────────────────────────────────────────────────────────

  view(): EstateView {
    return {
      now: () => Date.now(),
      clusters: () => [...this.clusters.keys()],
      nodes: (cluster) => this.selected(cluster).flatMap((c) => c.store.objects("nodes").map((n) => nodeView(c, n))),
      pods: (cluster) => this.selected(cluster).flatMap((c) => c.store.objects("pods").map((p) => podView(c, p))),
      workloads: (cluster) => this.selected(cluster).flatMap((c) => [...c.store.objects("deployments"), ...c.store.objects("statefulsets")].map((w) => workloadView(c, w))),
      serviceUp: (name) => {
        if (this.servicesDown.has(name)) return false;
        const c = this.clusters.get("hetzner-prod");
        if (!c) return true;
        const w = c.store.get("deployments", "grio", name) ?? c.store.get("statefulsets", "grio", name);
        return w ? Number(w.status?.readyReplicas ?? w.status?.availableReplicas ?? 0) > 0 : true;
      },
    };
  }

  private selected(cluster?: ClusterName): ClusterModel[] {
    return cluster ? [this.cluster(cluster)] : [...this.clusters.values()];
  }
}

function nodeView(c: ClusterModel, n: K8sObject): SimNodeView {
  const sim = c.nodeSim.get(n.metadata.name)!;
  return {
    cluster: c.name,
    name: n.metadata.name,
    labels: { ...n.metadata.labels },
    arch: sim.arch,
    ready: nodeReady(n),
    diskPressure: sim.diskUsedBytes / sim.diskTotalBytes >= 0.9 && sim.silentSince === undefined,
    unschedulable: Boolean(n.spec.unschedulable),
    cpuCores: sim.cpuCores,
    memoryBytes: sim.memoryBytes,
    diskTotalBytes: sim.diskTotalBytes,
    diskUsedBytes: sim.diskUsedBytes,
  };
}

function podView(c: ClusterModel, p: K8sObject): SimPodView {
  const ref = p.metadata.ownerReferences?.[0];
  let workload = ref?.name ?? p.metadata.name;
  let workloadKind: SimPodView["workloadKind"] = "Pod";
  if (ref?.kind === "ReplicaSet") {
    const rs = c.store.get("replicasets", p.metadata.namespace, ref.name);
    workload = rs?.metadata.ownerReferences?.[0]?.name ?? ref.name;
    workloadKind = "Deployment";
  } else if (ref?.kind === "StatefulSet") workloadKind = "StatefulSet";
  else if (ref?.kind === "Job") {
    const job = c.store.get("jobs", p.metadata.namespace, ref.name);
    const cj = job?.metadata.ownerReferences?.find((r) => r.kind === "CronJob");
    workload = cj?.name ?? ref.name;
    workloadKind = cj ? "CronJob" : "Job";
  }
  const sim = c.podSim.get(p.metadata.uid!);
  const containers: SimContainerView[] = ((p.status?.containerStatuses ?? p.spec.containers) as Array<Record<string, unknown>>).map((s) => {
    const cs = sim?.containers.get(String(s.name));
    const waiting = (s.state as { waiting?: { reason?: string } } | undefined)?.waiting?.reason;
    return { name: String(s.name), image: String(s.image), ready: Boolean(s.ready), restartCount: Number(s.restartCount ?? 0), ...(waiting ? { waitingReason: waiting } : {}), recentRestarts: [...(cs?.restarts ?? [])] };
  });
  return {
    cluster: c.name,
    namespace: p.metadata.namespace!,
    name: p.metadata.name,
    nodeName: p.spec.nodeName,
    app: p.metadata.labels?.app ?? workload,
    workload,
    workloadKind,
    phase: p.status?.phase ?? "Pending",
    containers,
    createdAt: Date.parse(p.metadata.creationTimestamp!),
  };
}

function workloadView(c: ClusterModel, w: K8sObject): SimDeploymentView {
  return {
    cluster: c.name,
    namespace: w.metadata.namespace!,
    name: w.metadata.name,
    kind: w.kind as "Deployment" | "StatefulSet",
    desired: Number(w.spec.replicas ?? 1),
    available: Number(w.status?.availableReplicas ?? 0),
    images: (w.spec.template.spec.containers as Array<{ image: string }>).map((x) => x.image),
  };
}

