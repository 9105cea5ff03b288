import { links } from "./links";
import type { NodeHealth } from "./node-health";
import type { PodHealth } from "./pod-health";
import type { SlimNode, SlimPod } from "./types";
import type { WorkloadHealth } from "./workload-health";

export type ClusterState =
  | { state: "connected" }
  | { state: "reconnecting"; since: number; reason: string }
  | { state: "unreachable"; since: number; reason: string };

export interface TriageItem {
  id: string;
  rank: number;
  severity: "critical" | "warning" | "info";
  cluster: string;
  production: boolean;
  kind: "Cluster" | "Node" | "Pod" | "Deployment" | "StatefulSet" | "CronJob";
  namespace: string;
  name: string;
  reason: string;
  /** one line for a person */
  message: string;
  href: string;
  since: number | null;
}

export interface TriageInput {
  clusters: Array<{ name: string; displayName: string; production: boolean; status: ClusterState }>;
  nodes: Array<{ cluster: string; node: SlimNode; health: NodeHealth }>;
  pods: Array<{ cluster: string; pod: SlimPod; health: PodHealth }>;
  workloads: Array<{ cluster: string; kind: "Deployment" | "StatefulSet" | "CronJob"; namespace: string; name: string; health: WorkloadHealth }>;
}

/** How urgent each reason is (higher = first). Production adds PRODUCTION_BONUS. */
export const REASON_WEIGHT: Record<string, number> = {
  ClusterUnreachable: 100,
  NotReady: 90, NodeStatusUnknown: 90,
  ProgressDeadlineExceeded: 80, NoReplicasAvailable: 80, ReplicaFailure: 80, LastRunFailed: 75,
  CrashLoopBackOff: 70,
  ImagePullBackOff: 65, ErrImagePull: 65, CreateContainerConfigError: 65, Failed: 62,
  DiskPressure: 60, MemoryPressure: 60, PIDPressure: 60, NetworkUnavailable: 60,
  Unavailable: 50, Paused: 35,
  OOMKilled: 45, Pending: 40, Evicted: 38, PodNotReady: 30,
  ClusterReconnecting: 25,
  SchedulingDisabled: 10, KubeletVersionSkew: 5,
};
const PRODUCTION_BONUS = 5;

const severityOf = (w: number): TriageItem["severity"] => (w >= 60 ? "critical" : w >= 20 ? "warning" : "info");

/** Everything wrong right now, most urgent first (production before non-production at equal urgency, then newest). */
export function rankTriage(input: TriageInput): TriageItem[] {
  const prod = new Map(input.clusters.map((c) => [c.name, c.production]));
  const items: TriageItem[] = [];
  const push = (weightKey: string, i: Omit<TriageItem, "rank" | "severity" | "production">) => {
    const w = REASON_WEIGHT[weightKey] ?? 20;
    const production = prod.get(i.cluster) ?? false;
    items.push({ ...i, production, severity: severityOf(w), rank: w + (production ? PRODUCTION_BONUS : 0) });
  };

  for (const c of input.clusters) {
    if (c.status.state === "connected") continue;
    const key = c.status.state === "unreachable" ? "ClusterUnreachable" : "ClusterReconnecting";
    push(key, {
      id: `cluster/${c.name}`, cluster: c.name, kind: "Cluster", namespace: "", name: c.displayName,
      reason: c.status.state === "unreachable" ? "Unreachable" : "Reconnecting",
      message: `${c.displayName} is ${c.status.state}: ${c.status.reason} (showing last-known data)`,
      href: links.cluster(c.name), since: c.status.since,
    });
  }

  for (const { cluster, node, health } of input.nodes) {
    if (health.problems.length === 0) continue;
    const worst = [...health.problems].sort((a, b) => (REASON_WEIGHT[b.reason] ?? 0) - (REASON_WEIGHT[a.reason] ?? 0))[0]!;
    const others = health.problems.filter((p) => p !== worst).map((p) => p.reason);
    push(worst.reason, {
      id: `node/${cluster}/${node.name}`, cluster, kind: "Node", namespace: "", name: node.name, reason: worst.reason,
      message: `${worst.message}${others.length ? ` (also ${others.join(", ")})` : ""}`,
      href: links.node(cluster, node.name), since: worst.since,
    });
  }

  for (const w of input.workloads) {
    if (w.health.health !== "failed" && w.health.health !== "degraded") continue;
    push(w.health.reason, {
      id: `${w.kind.toLowerCase()}/${w.cluster}/${w.namespace}/${w.name}`, cluster: w.cluster, kind: w.kind,
      namespace: w.namespace, name: w.name, reason: w.health.reason, message: w.health.message,
      href: links.workload(w.cluster, w.kind, w.namespace, w.name), since: w.health.since,
    });
  }

  for (const { cluster, pod, health } of input.pods) {
    if (health.health !== "failed" && health.health !== "degraded") continue;
    push(health.reason === "NotReady" ? "PodNotReady" : health.reason, {
      id: `pod/${cluster}/${pod.namespace}/${pod.name}`, cluster, kind: "Pod", namespace: pod.namespace, name: pod.name,
      reason: health.reason, message: health.message, href: links.pod(cluster, pod.namespace, pod.name), since: health.since,
    });
  }

  return items.sort((a, b) => b.rank - a.rank || (b.since ?? 0) - (a.since ?? 0) || a.id.localeCompare(b.id));
}
