/** K3s Node objects: K3s' own labels and annotations, nodeInfo, capacity, conditions, taints. */
import type { ClusterModel, NodeSim } from "./cluster";
import { iso } from "./cluster";
import type { K8sObject } from "./store";

export const K3S_VERSION = "v1.29.6+k3s1";
const GiB = 1024 ** 3;

export interface NodeSpec {
  name: string;
  role: "server" | "agent";
  arch: "amd64" | "arm64";
  cpuCores: number;
  memoryGiB: number;
  diskGiB: number;
  diskUsedFraction: number;
  ip: string;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  /** epoch ms the node stopped reporting (Ready=Unknown since then) */
  silentSince?: number;
  createdAt: number;
  osImage?: string;
  kernel?: string;
}

export function makeNode(c: ClusterModel, s: NodeSpec, podCidrIndex: number): K8sObject {
  const sim: NodeSim = { cpuCores: s.cpuCores, memoryBytes: s.memoryGiB * GiB, diskTotalBytes: s.diskGiB * GiB, diskUsedBytes: Math.round(s.diskGiB * GiB * s.diskUsedFraction), arch: s.arch, silentSince: s.silentSince, createdAt: s.createdAt };
  c.nodeSim.set(s.name, sim);
  const cidr = `10.42.${podCidrIndex}.0/24`;
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": s.arch,
    "beta.kubernetes.io/instance-type": "k3s",
    "beta.kubernetes.io/os": "linux",
    "k3s.io/hostname": s.name,
    "kubernetes.io/arch": s.arch,
    "kubernetes.io/hostname": s.name,
    "kubernetes.io/os": "linux",
    "node.kubernetes.io/instance-type": "k3s",
    ...(s.role === "server" ? { "node-role.kubernetes.io/control-plane": "true", "node-role.kubernetes.io/master": "true", "node-role.kubernetes.io/etcd": "true" } : {}),
    ...s.labels,
  };
  const args = s.role === "server" ? ["server", "--cluster-init", "--disable", "servicelb"] : ["agent", "--server", "https://10.0.0.2:6443"];
  const node: K8sObject = {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: s.name,
      creationTimestamp: iso(s.createdAt),
      labels,
      annotations: {
        "alpha.kubernetes.io/provided-node-ip": s.ip,
        "flannel.alpha.coreos.com/backend-data": JSON.stringify({ VNI: 1, VtepMAC: mac(c, s.name) }),
        "flannel.alpha.coreos.com/backend-type": "vxlan",
        "flannel.alpha.coreos.com/kube-subnet-manager": "true",
        "flannel.alpha.coreos.com/public-ip": s.ip,
        "k3s.io/hostname": s.name,
        "k3s.io/internal-ip": s.ip,
        "k3s.io/node-args": JSON.stringify(args),
        "k3s.io/node-config-hash": "TQGSUEGFJSKRZYWIKSZ7LHOFGH5HRD7TTUPHPCR3AZMBXQEL6TOA====",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
      finalizers: ["wrangler.cattle.io/node"],
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr], providerID: `k3s://${s.name}`, ...(s.taints?.length ? { taints: s.taints } : {}) },
    status: {
      addresses: [
        { address: s.ip, type: "InternalIP" },
        { address: s.name, type: "Hostname" },
      ],
      allocatable: resources(s, 0.95),
      capacity: resources(s, 1),
      conditions: [],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: s.arch,
        bootID: c.store.newUid(),
        containerRuntimeVersion: "containerd://1.7.17-k3s1",
        kernelVersion: s.kernel ?? (s.arch === "arm64" ? "6.1.0-rpi7-rpi-v8" : "6.1.0-21-amd64"),
        kubeProxyVersion: K3S_VERSION,
        kubeletVersion: K3S_VERSION,
        machineID: c.store.newUid().replace(/-/g, ""),
        operatingSystem: "linux",
        osImage: s.osImage ?? (s.arch === "arm64" ? "Debian GNU/Linux 12 (bookworm)" : "Ubuntu 22.04.4 LTS"),
        systemUUID: c.store.newUid(),
      },
      images: [],
    },
  };
  setConditions(c, node);
  return node;
}

function resources(s: NodeSpec, frac: number) {
  return {
    cpu: String(s.cpuCores),
    "ephemeral-storage": frac === 1 ? `${s.diskGiB * 1024 * 1024}Ki` : String(Math.round(s.diskGiB * GiB * 0.95)),
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: `${Math.round((s.memoryGiB * GiB * (frac === 1 ? 1 : 0.97)) / 1024)}Ki`,
    pods: "110",
  };
}

function mac(c: ClusterModel, seed: string): string {
  void seed;
  return Array.from({ length: 6 }, () => Math.floor(c.rng() * 256).toString(16).padStart(2, "0")).join(":");
}

/** Recompute the node's conditions and taints from its sim state (disk use, silence, cordon). */
export function setConditions(c: ClusterModel, node: K8sObject): void {
  const sim = c.nodeSim.get(node.metadata.name)!;
  const silentSince = sim.silentSince;
  const since = sim.createdAt;
  const now = c.now();
  const last = (node.status.conditions as Array<{ lastHeartbeatTime: string }>)[0]?.lastHeartbeatTime;
  // kubelets re-post an unchanged status every 5 minutes
  const heartbeat = iso(silentSince ?? (last && now - Date.parse(last) < 300_000 ? Date.parse(last) : now));
  const diskPressure = sim.diskUsedBytes / sim.diskTotalBytes >= 0.9;
  const unknown = silentSince !== undefined;
  const cond = (type: string, status: string, reason: string, message: string) => {
    const prev = (node.status.conditions as Array<{ type: string; status: string; lastTransitionTime: string }>).find((x) => x.type === type);
    const transition = prev && prev.status === status ? prev.lastTransitionTime : iso(unknown ? silentSince! : prev ? now : since);
    return { lastHeartbeatTime: heartbeat, lastTransitionTime: transition, message, reason, status, type };
  };
  const unk = (type: string) => cond(type, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.");
  node.status.conditions = unknown
    ? [unk("MemoryPressure"), unk("DiskPressure"), unk("PIDPressure"), unk("Ready")]
    : [
        cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        diskPressure ? cond("DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure") : cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ];
  const previous = (node.spec.taints ?? []) as Array<{ key: string; effect: string; value?: string; timeAdded?: string }>;
  const taints = previous.filter((t) => !t.key.startsWith("node.kubernetes.io/"));
  const keep = (key: string, effect: string, at: number) => previous.find((t) => t.key === key && t.effect === effect)?.timeAdded ?? iso(at);
  if (unknown) {
    taints.push({ key: "node.kubernetes.io/unreachable", effect: "NoSchedule", timeAdded: keep("node.kubernetes.io/unreachable", "NoSchedule", silentSince!) });
    taints.push({ key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: keep("node.kubernetes.io/unreachable", "NoExecute", silentSince!) });
  }
  if (diskPressure && !unknown) taints.push({ key: "node.kubernetes.io/disk-pressure", effect: "NoSchedule", timeAdded: keep("node.kubernetes.io/disk-pressure", "NoSchedule", now) });
  if (node.spec.unschedulable) taints.push({ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: keep("node.kubernetes.io/unschedulable", "NoSchedule", now) });
  if (taints.length) node.spec.taints = taints;
  else delete node.spec.taints;
}

export function nodeReady(node: K8sObject): "True" | "False" | "Unknown" {
  const r = (node.status?.conditions as Array<{ type: string; status: "True" | "False" | "Unknown" }> | undefined)?.find((x) => x.type === "Ready");
  return r?.status ?? "Unknown";
}

/** When the node went silent (Ready=Unknown), from its Ready condition. */
export function silentSince(node: K8sObject): number | undefined {
  const r = (node.status?.conditions as Array<{ type: string; status: string; lastTransitionTime: string }> | undefined)?.find((x) => x.type === "Ready");
  return r && r.status === "Unknown" ? Date.parse(r.lastTransitionTime) : undefined;
}

/** The node lifecycle reconciler: conditions and taints follow each node's sim state. */
export function nodeLifecycle(c: ClusterModel, now: number): void {
  // conditions follow node changes at once; heartbeats are re-posted at most every 30 s
  if (!c.nodesDirty && now - c.nodesCheckedAt < 30_000) return;
  c.nodesDirty = false;
  c.nodesCheckedAt = now;
  for (const n of c.store.objects("nodes")) {
    const before = JSON.stringify([n.status.conditions, n.spec.taints]);
    setConditions(c, n);
    if (JSON.stringify([n.status.conditions, n.spec.taints]) !== before) c.store.put("nodes", n);
  }
}
