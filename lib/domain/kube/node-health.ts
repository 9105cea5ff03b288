import type { Health, SlimNode } from "./types";

export interface NodeProblem {
  reason: "NotReady" | "NodeStatusUnknown" | "MemoryPressure" | "DiskPressure" | "PIDPressure"
    | "NetworkUnavailable" | "SchedulingDisabled" | "KubeletVersionSkew";
  message: string;
  since: number | null;
}

export interface NodeHealth {
  health: Health;
  /** kubectl's STATUS column: Ready, NotReady, Unknown, with ",SchedulingDisabled" when cordoned */
  status: string;
  problems: NodeProblem[];
}

/** "v1.25.4+k3s1" → [1, 25]; null when unparsable */
export function kubeletMinor(version: string): [number, number] | null {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Newest kubelet minor version among the cluster's nodes: the reference for version skew. */
export function newestKubelet(nodes: Pick<SlimNode, "kubeletVersion">[]): string {
  let best = "";
  let bestMinor = -1;
  for (const n of nodes) {
    const v = kubeletMinor(n.kubeletVersion);
    if (v && v[0] * 1000 + v[1] > bestMinor) {
      bestMinor = v[0] * 1000 + v[1];
      best = n.kubeletVersion;
    }
  }
  return best;
}

const PRESSURES = ["MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"] as const;

/**
 * A node's health from its conditions, cordon state and kubelet version (compared with the newest
 * kubelet in its cluster, `referenceKubelet`).
 */
export function nodeHealth(node: SlimNode, referenceKubelet = ""): NodeHealth {
  const problems: NodeProblem[] = [];
  const ready = node.conditions.find((c) => c.type === "Ready");
  let readyWord = "Unknown";
  if (ready?.status === "True") readyWord = "Ready";
  else if (ready?.status === "False") {
    readyWord = "NotReady";
    problems.push({ reason: "NotReady", message: ready.message || "kubelet reports the node is not ready", since: ready.lastTransition });
  } else {
    problems.push({
      reason: "NodeStatusUnknown",
      message: ready?.message || "kubelet stopped posting node status",
      since: ready?.lastTransition ?? null,
    });
  }
  for (const type of PRESSURES) {
    const c = node.conditions.find((x) => x.type === type);
    if (c?.status === "True") problems.push({ reason: type, message: c.message || `${type} is True`, since: c.lastTransition });
  }
  if (node.unschedulable) problems.push({ reason: "SchedulingDisabled", message: "cordoned: new pods will not be scheduled here", since: null });

  const mine = kubeletMinor(node.kubeletVersion);
  const ref = kubeletMinor(referenceKubelet);
  if (mine && ref && ref[0] === mine[0] && ref[1] > mine[1]) {
    const behind = ref[1] - mine[1];
    problems.push({
      reason: "KubeletVersionSkew",
      message: `kubelet ${node.kubeletVersion} is ${behind} minor version${behind > 1 ? "s" : ""} behind ${referenceKubelet}`,
      since: null,
    });
  }

  let health: Health = "healthy";
  if (readyWord !== "Ready") health = "failed";
  else if (problems.length > 0) health = "degraded";

  return { health, status: node.unschedulable ? `${readyWord},SchedulingDisabled` : readyWord, problems };
}

/** node-role.kubernetes.io/<role> labels → ["control-plane", "master"]; none → ["worker"] */
export function nodeRoles(labels: Record<string, string>): string[] {
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith("node-role.kubernetes.io/"))
    .map((k) => k.slice("node-role.kubernetes.io/".length))
    .filter(Boolean)
    .sort();
  return roles.length ? roles : ["worker"];
}

/** Edge placement from grio.io labels (edge nodes carry grio.io/tier=edge). */
export function nodePlacement(labels: Record<string, string>): { tier: string | null; site: string | null; district: string | null } {
  return {
    tier: labels["grio.io/tier"] ?? null,
    site: labels["grio.io/site"] ?? null,
    district: labels["grio.io/district"] ?? null,
  };
}
