import { deploymentHistory, statefulSetHistory, type RolloutRevision } from "@/lib/domain/kube/rollout-history";
import type { ClusterSummary, NodeRow, PaletteEntry, PodRow, PvcRow, WorkloadRow } from "@/lib/domain/kube/summary";
import { paletteEntries } from "@/lib/domain/kube/summary";
import type { ClusterState } from "@/lib/domain/kube/triage";
import type { SlimEvent, SlimHpa, SlimNode, SlimPod } from "@/lib/domain/kube/types";
import type { WorkloadKind } from "@/lib/domain/kube/links";
import { getClusterRegistry, type ClusterHandle } from "@/server/adapters/kubernetes";
import { DomainError } from "@/server/api/errors";
import { SECTIONS } from "@/components/shell/sections";
import { hasRole, type Principal } from "@/server/auth/principal";

/**
 * Read models for the cluster pages, all answered from the shared caches' precomputed summaries.
 * Each list carries every cluster's status, so a page shows stale data beside an unreachable
 * cluster's error while the others stay current.
 */
export interface ClusterStatusLine {
  name: string;
  displayName: string;
  tier: string;
  production: boolean;
  status: ClusterState;
  stale: boolean;
}

const statusLine = (c: ClusterHandle): ClusterStatusLine => {
  const status = c.status;
  return { name: c.name, displayName: c.displayName, tier: c.tier, production: c.production, status, stale: status.state !== "connected" };
};

function selected(cluster: string | undefined): Array<{ handle: ClusterHandle; summary: ClusterSummary }> {
  const r = getClusterRegistry();
  const list = cluster ? r.clusters.filter((c) => c.name === cluster) : r.clusters;
  if (cluster && list.length === 0) throw new DomainError("NOT_FOUND", `No cluster named "${cluster}" is configured.`);
  return list.map((handle) => ({ handle, summary: handle.cache.getSummary() }));
}

function one(cluster: string): ClusterHandle {
  const c = getClusterRegistry().get(cluster);
  if (!c) throw new DomainError("NOT_FOUND", `No cluster named "${cluster}" is configured.`);
  return c;
}

export function clusterList(): ClusterStatusLine[] {
  return getClusterRegistry().clusters.map(statusLine);
}

export function overview() {
  return getClusterRegistry().overview();
}

const withClusters = <T>(cluster: string | undefined, rows: T[]) => ({
  clusters: selected(cluster).map((s) => statusLine(s.handle)),
  rows,
});

export function nodeList(cluster?: string): { clusters: ClusterStatusLine[]; rows: NodeRow[] } {
  return withClusters(cluster, selected(cluster).flatMap((s) => s.summary.nodes));
}

export function workloadList(cluster?: string, namespace?: string): { clusters: ClusterStatusLine[]; rows: WorkloadRow[] } {
  return withClusters(cluster, selected(cluster).flatMap((s) => s.summary.workloads).filter((w) => !namespace || w.namespace === namespace));
}

export function volumeList(cluster?: string): { clusters: ClusterStatusLine[]; rows: PvcRow[] } {
  return withClusters(cluster, selected(cluster).flatMap((s) => s.summary.pvcs));
}

export interface PodFilter {
  cluster?: string; namespace?: string; status?: string; node?: string; workload?: string; q?: string; limit: number;
}

export function podList(f: PodFilter) {
  const all = selected(f.cluster).flatMap((s) => s.summary.pods);
  const q = f.q?.toLowerCase();
  const rows = all.filter((p) =>
    (!f.namespace || p.namespace === f.namespace) &&
    (!f.status || p.health === f.status || p.reason === f.status) &&
    (!f.node || p.node.includes(f.node)) &&
    (!f.workload || (p.workload?.name ?? "").includes(f.workload)) &&
    (!q || p.name.toLowerCase().includes(q)));
  rows.sort((a, b) => healthRank(a) - healthRank(b) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return {
    clusters: selected(f.cluster).map((s) => statusLine(s.handle)),
    rows: rows.slice(0, f.limit),
    total: rows.length,
    namespaces: [...new Set(all.map((p) => p.namespace))].sort(),
  };
}
const HEALTH_RANK: Record<string, number> = { failed: 0, degraded: 1, progressing: 2, healthy: 3 };
const healthRank = (p: PodRow) => HEALTH_RANK[p.health] ?? 4;

function eventsFor(c: ClusterHandle, kind: string, namespace: string, name: string): SlimEvent[] {
  return [...c.cache.events.store.values()]
    .filter((e) => e.object.kind === kind && e.object.name === name && (e.object.namespace || "") === namespace)
    .sort((a, b) => (b.lastSeen ?? 0) - (a.lastSeen ?? 0))
    .slice(0, 100);
}

export function nodeDetail(cluster: string, name: string) {
  const c = one(cluster);
  const node: SlimNode | undefined = c.cache.nodes.store.get(name);
  const summary = c.cache.getSummary();
  const row = summary.nodes.find((n) => n.name === name);
  if (!node || !row) throw new DomainError("NOT_FOUND", `Node ${name} is not in ${c.displayName}.`);
  return {
    cluster: statusLine(c), row, node,
    pods: summary.pods.filter((p) => p.node === name),
    events: eventsFor(c, "Node", "", name),
  };
}

export function podDetail(cluster: string, namespace: string, name: string) {
  const c = one(cluster);
  const pod: SlimPod | undefined = c.cache.pods.store.get(`${namespace}/${name}`);
  const row = c.cache.getSummary().pods.find((p) => p.namespace === namespace && p.name === name);
  if (!pod || !row) throw new DomainError("NOT_FOUND", `Pod ${namespace}/${name} is not in ${c.displayName}.`);
  return { cluster: statusLine(c), row, pod, events: eventsFor(c, "Pod", namespace, name) };
}

export function workloadDetail(cluster: string, kind: WorkloadKind, namespace: string, name: string) {
  const c = one(cluster);
  const summary = c.cache.getSummary();
  const row = summary.workloads.find((w) => w.kind === kind && w.namespace === namespace && w.name === name);
  if (!row) throw new DomainError("NOT_FOUND", `${kind} ${namespace}/${name} is not in ${c.displayName}.`);
  let history: RolloutRevision[] = [];
  let selector: Record<string, string> = {};
  if (kind === "Deployment") {
    const d = c.cache.deployments.store.get(`${namespace}/${name}`);
    if (d) {
      history = deploymentHistory(d, [...c.cache.replicaSets.store.values()]);
      selector = d.selector;
    }
  } else if (kind === "StatefulSet") {
    const s = c.cache.statefulSets.store.get(`${namespace}/${name}`);
    if (s) {
      history = statefulSetHistory(s, [...c.cache.controllerRevisions.store.values()]);
      selector = s.selector;
    }
  }
  const hpa: SlimHpa | undefined = [...c.cache.hpas.store.values()].find((h) => h.namespace === namespace && h.target.kind === kind && h.target.name === name);
  const jobs = kind === "CronJob"
    ? [...c.cache.jobs.store.values()].filter((j) => j.namespace === namespace && j.owner?.kind === "CronJob" && j.owner.name === name)
      .sort((a, b) => (b.startedAt ?? b.createdAt ?? 0) - (a.startedAt ?? a.createdAt ?? 0)).slice(0, 20)
    : [];
  return {
    cluster: statusLine(c), row, history, selector, hpa: hpa ?? null, jobs,
    pods: summary.pods.filter((p) => p.namespace === namespace && p.workload?.kind === kind && p.workload.name === name),
    events: eventsFor(c, kind, namespace, name),
  };
}

/** Palette search: pages (the caller may see), sites, nodes, workloads and pods whose name contains the query (prefix matches first). */
export function search(principal: Pick<Principal, "role">, q: string, limit = 20): PaletteEntry[] {
  const pages: PaletteEntry[] = SECTIONS.filter((s) => hasRole(principal, s.role)).map((s) => ({ type: "page", label: s.label, detail: "page", href: s.href }));
  const needle = q.trim().toLowerCase();
  if (!needle) return pages.slice(0, limit);
  const entries = [...pages, ...getClusterRegistry().clusters.flatMap((c) => paletteEntries(c.cache.getSummary()))];
  const hits = entries.filter((e) => e.label.toLowerCase().includes(needle));
  const TYPE_ORDER = { page: 0, site: 1, node: 2, workload: 3, pod: 4 } as const;
  hits.sort((a, b) => Number(!a.label.toLowerCase().startsWith(needle)) - Number(!b.label.toLowerCase().startsWith(needle))
    || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.label.localeCompare(b.label));
  return hits.slice(0, limit);
}
