import { links } from "./links";
import { newestKubelet, nodeHealth, nodePlacement, nodeRoles } from "./node-health";
import { podHealth, type PodHealth } from "./pod-health";
import { changeTimeline, type ChangeEntry, type ScaleChange } from "./timeline";
import { rankTriage, type ClusterState, type TriageItem } from "./triage";
import type {
  Health, SlimControllerRevision, SlimCronJob, SlimDeployment, SlimEvent, SlimHpa, SlimJob, SlimNode,
  SlimPod, SlimPvc, SlimReplicaSet, SlimStatefulSet,
} from "./types";
import { cronJobHealth, deploymentHealth, statefulSetHealth, type WorkloadHealth } from "./workload-health";

/**
 * One cluster's precomputed view: rows for every table, health counts, triage and timeline.
 * Computed when the cache changes (debounced), never per request.
 */
export interface ClusterInfo {
  name: string;
  displayName: string;
  tier: "cloud" | "edge" | "on-prem";
  production: boolean;
}

export interface ClusterObjects {
  nodes: SlimNode[];
  pods: SlimPod[];
  deployments: SlimDeployment[];
  replicaSets: SlimReplicaSet[];
  statefulSets: SlimStatefulSet[];
  controllerRevisions: SlimControllerRevision[];
  cronJobs: SlimCronJob[];
  jobs: SlimJob[];
  hpas: SlimHpa[];
  pvcs: SlimPvc[];
  events: SlimEvent[];
  /** restart times per pod key (namespace/name), tracked by the informer */
  restarts: ReadonlyMap<string, readonly number[]>;
  scaleChanges: ScaleChange[];
}

export type HealthCounts = Record<Health, number> & { total: number };

export interface NodeRow {
  cluster: string; name: string; tier: string; site: string | null; district: string | null; roles: string[];
  status: string; health: Health; problems: string[]; cpu: string; memory: string; podCapacity: string;
  pods: number; kubelet: string; arch: string; createdAt: number | null;
}
export interface WorkloadRow {
  cluster: string; kind: "Deployment" | "StatefulSet" | "CronJob"; namespace: string; name: string;
  health: Health; reason: string; message: string; desired: number; ready: number; available: number; updated: number;
  hpa: { min: number; max: number; current: number; desired: number } | null;
  images: string[]; revision: string; lastChange: number | null; schedule: string | null;
}
export interface PodRow {
  cluster: string; namespace: string; name: string; node: string; phase: string; health: Health; reason: string;
  message: string; restarts: number; ready: string; workload: { kind: string; name: string } | null; createdAt: number | null;
}
export interface PvcRow {
  cluster: string; namespace: string; name: string; phase: string; capacity: string; requested: string;
  storageClass: string; volumeName: string; accessModes: string[]; createdAt: number | null;
}

export interface ClusterSummary {
  info: ClusterInfo;
  status: ClusterState;
  computedAt: number;
  counts: { nodes: HealthCounts; workloads: HealthCounts; pods: HealthCounts };
  nodes: NodeRow[];
  workloads: WorkloadRow[];
  pods: PodRow[];
  pvcs: PvcRow[];
  triage: TriageItem[];
  timeline: ChangeEntry[];
  sites: Array<{ site: string; district: string | null; nodes: number }>;
}

export const emptyCounts = (): HealthCounts => ({ healthy: 0, degraded: 0, progressing: 0, failed: 0, total: 0 });
const count = (c: HealthCounts, h: Health) => { c[h]++; c.total++; };
const podKey = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;

/** Resolve a pod's workload: ReplicaSet → Deployment, Job → CronJob, else its direct controller. */
export function podWorkload(pod: SlimPod, rsOwner: Map<string, string>, jobOwner: Map<string, string>): { kind: string; name: string } | null {
  const o = pod.owner;
  if (!o) return null;
  if (o.kind === "ReplicaSet") {
    const d = rsOwner.get(`${pod.namespace}/${o.name}`);
    return d ? { kind: "Deployment", name: d } : { kind: "ReplicaSet", name: o.name };
  }
  if (o.kind === "Job") {
    const cj = jobOwner.get(`${pod.namespace}/${o.name}`);
    return cj ? { kind: "CronJob", name: cj } : { kind: "Job", name: o.name };
  }
  return { kind: o.kind, name: o.name };
}

const NO_RESTARTS: readonly number[] = [];
type PodAssessed = { cluster: string; pod: SlimPod; health: PodHealth };
/**
 * The row of an unchanged pod (same slim object — the informer keeps the old one when an update
 * changes nothing the console keeps —, same restart history, same workload) from an earlier
 * rebuild. Only healthy pods are reused: time alone never makes a healthy pod unhealthy (restart
 * windows and OOM recency only age out; Pending and NotReady are never healthy), so the row is
 * exactly what assessing the pod now would give. Unhealthy pods are assessed at every rebuild.
 */
const healthyMemo = new WeakMap<SlimPod, { restarts: readonly number[]; row: PodRow; assessed: PodAssessed }>();
const sameWorkload = (a: PodRow["workload"], b: PodRow["workload"]) => a === b || (!!a && !!b && a.kind === b.kind && a.name === b.name);

/** Pods assessed between two yields of a stepped rebuild (≈1–2 ms of work at a time). */
export const SUMMARY_STEP_PODS = 500;

export function summarizeCluster(info: ClusterInfo, status: ClusterState, o: ClusterObjects, now: number): ClusterSummary {
  const steps = summarizeClusterSteps(info, status, o, now);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The same summary, built in steps: the generator yields after every SUMMARY_STEP_PODS pods and
 * between phases, so a caller can let other work (a viewer's request) run between steps instead
 * of waiting for a whole 5,000-pod rebuild. `o` must not change while the steps run.
 */
export function* summarizeClusterSteps(info: ClusterInfo, status: ClusterState, o: ClusterObjects, now: number): Generator<void, ClusterSummary> {
  const cluster = info.name;
  const counts = { nodes: emptyCounts(), workloads: emptyCounts(), pods: emptyCounts() };

  const podsPerNode = new Map<string, number>();
  for (const p of o.pods) if (p.nodeName && p.phase !== "Succeeded" && p.phase !== "Failed") podsPerNode.set(p.nodeName, (podsPerNode.get(p.nodeName) ?? 0) + 1);
  const refKubelet = newestKubelet(o.nodes);
  const nodeAssessed = o.nodes.map((node) => ({ cluster, node, health: nodeHealth(node, refKubelet) }));
  const nodes: NodeRow[] = nodeAssessed.map(({ node, health }) => {
    count(counts.nodes, health.health);
    const place = nodePlacement(node.labels);
    return {
      cluster, name: node.name, tier: place.tier ?? info.tier, site: place.site, district: place.district,
      roles: nodeRoles(node.labels), status: health.status, health: health.health, problems: health.problems.map((p) => p.reason),
      cpu: node.allocatable.cpu, memory: node.allocatable.memory, podCapacity: node.allocatable.pods,
      pods: podsPerNode.get(node.name) ?? 0, kubelet: node.kubeletVersion, arch: node.architecture, createdAt: node.createdAt,
    };
  });

  const rsOwner = new Map<string, string>();
  for (const rs of o.replicaSets) if (rs.owner?.kind === "Deployment") rsOwner.set(podKey(rs), rs.owner.name);
  const jobOwner = new Map<string, string>();
  for (const j of o.jobs) if (j.owner?.kind === "CronJob") jobOwner.set(podKey(j), j.owner.name);

  const podAssessed: PodAssessed[] = [];
  const restartList: Array<{ pod: SlimPod; times: readonly number[] }> = [];
  const pods: PodRow[] = [];
  for (let i = 0; i < o.pods.length; i++) {
    if (i > 0 && i % SUMMARY_STEP_PODS === 0) yield;
    const pod = o.pods[i]!;
    const times = o.restarts.get(podKey(pod)) ?? NO_RESTARTS;
    const workload = podWorkload(pod, rsOwner, jobOwner);
    const hit = healthyMemo.get(pod);
    let row: PodRow;
    let assessed: PodAssessed;
    if (hit && hit.restarts === times && hit.row.cluster === cluster && sameWorkload(hit.row.workload, workload)) {
      ({ row, assessed } = hit);
    } else {
      const health = podHealth(pod, times, now);
      assessed = { cluster, pod: { ...pod, workload }, health };
      const regular = pod.containers.filter((c) => !c.init);
      row = {
        cluster, namespace: pod.namespace, name: pod.name, node: pod.nodeName, phase: pod.phase, health: health.health,
        reason: health.reason, message: health.message, restarts: health.restarts,
        ready: `${regular.filter((c) => c.ready).length}/${regular.length}`, workload, createdAt: pod.createdAt,
      };
      if (health.health === "healthy") healthyMemo.set(pod, { restarts: times, row, assessed });
      else healthyMemo.delete(pod);
    }
    count(counts.pods, row.health);
    podAssessed.push(assessed);
    if (times.length > 0) restartList.push({ pod: assessed.pod, times });
    pods.push(row);
  }
  yield;

  const hpaFor = new Map<string, SlimHpa>();
  for (const h of o.hpas) hpaFor.set(`${h.namespace}/${h.target.kind}/${h.target.name}`, h);
  const lastRevisionAt = new Map<string, number>();
  for (const r of [...o.replicaSets, ...o.controllerRevisions]) {
    if (!r.owner || r.createdAt === null) continue;
    const k = `${r.namespace}/${r.owner.kind}/${r.owner.name}`;
    lastRevisionAt.set(k, Math.max(lastRevisionAt.get(k) ?? 0, r.createdAt));
  }
  for (const s of o.scaleChanges) {
    const k = `${s.namespace}/${s.kind}/${s.name}`;
    lastRevisionAt.set(k, Math.max(lastRevisionAt.get(k) ?? 0, s.at));
  }

  const workloadAssessed: Array<{ cluster: string; kind: WorkloadRow["kind"]; namespace: string; name: string; health: WorkloadHealth }> = [];
  const workloads: WorkloadRow[] = [];
  const addWorkload = (kind: WorkloadRow["kind"], w: { namespace: string; name: string; images: string[] }, health: WorkloadHealth, extra: Partial<WorkloadRow>) => {
    count(counts.workloads, health.health);
    workloadAssessed.push({ cluster, kind, namespace: w.namespace, name: w.name, health });
    const h = hpaFor.get(`${w.namespace}/${kind}/${w.name}`);
    workloads.push({
      cluster, kind, namespace: w.namespace, name: w.name, health: health.health, reason: health.reason, message: health.message,
      desired: 0, ready: 0, available: 0, updated: 0, images: w.images, revision: "", schedule: null,
      hpa: h ? { min: h.min, max: h.max, current: h.current, desired: h.desired } : null,
      lastChange: lastRevisionAt.get(`${w.namespace}/${kind}/${w.name}`) ?? null,
      ...extra,
    });
  };
  for (const d of o.deployments) {
    addWorkload("Deployment", d, deploymentHealth(d), { desired: d.desired, ready: d.ready, available: d.available, updated: d.updated, revision: String(d.revision || "") });
  }
  for (const s of o.statefulSets) {
    const rev = o.controllerRevisions.find((r) => r.name === s.updateRevision && r.namespace === s.namespace)?.revision;
    addWorkload("StatefulSet", s, statefulSetHealth(s), { desired: s.desired, ready: s.ready, available: s.available, updated: s.updated, revision: rev ? String(rev) : s.updateRevision });
  }
  for (const cj of o.cronJobs) {
    addWorkload("CronJob", cj, cronJobHealth(cj, o.jobs), { schedule: cj.schedule, ready: cj.active, lastChange: cj.lastSchedule });
  }

  yield;
  const triage = rankTriage({ clusters: [{ ...info, status }], nodes: nodeAssessed, pods: podAssessed, workloads: workloadAssessed });
  yield;
  const timeline = changeTimeline({
    cluster, replicaSets: o.replicaSets, controllerRevisions: o.controllerRevisions, restarts: restartList,
    scaleChanges: o.scaleChanges, events: o.events,
  }, now);

  const siteMap = new Map<string, { site: string; district: string | null; nodes: number }>();
  for (const n of nodes) {
    if (!n.site) continue;
    const s = siteMap.get(n.site) ?? { site: n.site, district: n.district, nodes: 0 };
    s.nodes++;
    siteMap.set(n.site, s);
  }

  const pvcs: PvcRow[] = o.pvcs.map((p) => ({
    cluster, namespace: p.namespace, name: p.name, phase: p.phase, capacity: p.capacity, requested: p.requested,
    storageClass: p.storageClass, volumeName: p.volumeName, accessModes: p.accessModes, createdAt: p.createdAt,
  }));

  return { info, status, computedAt: now, counts, nodes, workloads, pods, pvcs, triage, timeline, sites: [...siteMap.values()] };
}

/** Search entries for the Ctrl-K palette. */
export interface PaletteEntry { type: "node" | "workload" | "pod" | "site" | "page"; label: string; detail: string; href: string }

export function paletteEntries(s: ClusterSummary): PaletteEntry[] {
  const c = s.info.name;
  return [
    ...s.nodes.map((n) => ({ type: "node" as const, label: n.name, detail: `node · ${c}`, href: links.node(c, n.name) })),
    ...s.workloads.map((w) => ({ type: "workload" as const, label: w.name, detail: `${w.kind} · ${w.namespace} · ${c}`, href: links.workload(c, w.kind, w.namespace, w.name) })),
    ...s.pods.map((p) => ({ type: "pod" as const, label: p.name, detail: `pod · ${p.namespace} · ${c}`, href: links.pod(c, p.namespace, p.name) })),
    ...s.sites.map((x) => ({ type: "site" as const, label: x.site, detail: `site · ${x.district ?? ""} · ${x.nodes} node(s)`, href: links.site(x.site) })),
  ];
}
