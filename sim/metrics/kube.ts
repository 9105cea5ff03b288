/**
 * kube-state-metrics, node-exporter and cAdvisor series, read from the EstateView at scrape time.
 * Every series carries `cluster` (as a multi-cluster Prometheus' external label would).
 */
import type { EstateView, SimNodeView, SimPodView } from "../contract";
import { hash32 } from "../faults";
import { Exposition } from "./exposition";

const PHASES = ["Pending", "Running", "Succeeded", "Failed", "Unknown"] as const;
const CONDITIONS = ["Ready", "DiskPressure", "MemoryPressure", "PIDPressure", "NetworkUnavailable"] as const;
const CPU_MODES: Array<[string, number]> = [["user", 0.62], ["system", 0.24], ["iowait", 0.05], ["softirq", 0.04], ["irq", 0.01], ["steal", 0.02], ["nice", 0.02]];

/** the sim's running counters, advanced once per scrape */
export class Counters {
  private values = new Map<string, number>();
  add(key: string, n: number): number {
    const v = (this.values.get(key) ?? 0) + Math.max(0, n);
    this.values.set(key, v);
    return v;
  }
  get(key: string): number {
    return this.values.get(key) ?? 0;
  }
}

/** a stable, slowly wandering fraction in [lo, hi] for a name at time t */
export function wander(name: string, t: number, lo: number, hi: number): number {
  const h = hash32(name);
  const phase = (h % 1000) / 1000 * Math.PI * 2;
  const x = 0.5 + 0.35 * Math.sin(t / 600_000 + phase) + 0.15 * Math.sin(t / 47_000 + phase * 3);
  return lo + (hi - lo) * Math.min(1, Math.max(0, x));
}

function conditionStatus(n: SimNodeView, c: (typeof CONDITIONS)[number]): "true" | "false" | "unknown" {
  if (n.ready === "Unknown") return "unknown";
  if (c === "Ready") return n.ready === "True" ? "true" : "false";
  if (c === "DiskPressure") return n.diskPressure ? "true" : "false";
  return "false";
}

/** how busy a pod's container is (fraction of one core) */
function podCpuCores(p: SimPodView): number {
  switch (p.app) {
    case "ai-inference":
      return 1.6;
    case "django-api":
      return 0.35;
    case "postgres":
      return 0.5;
    case "qdrant":
      return 0.3;
    default:
      return 0.08;
  }
}

function podMemoryBytes(p: SimPodView): number {
  const base: Record<string, number> = { "ai-inference": 5.5e9, "django-api": 420e6, postgres: 2.1e9, qdrant: 1.3e9, redis: 180e6, minio: 650e6, "nextjs-web": 230e6 };
  return base[p.app] ?? 120e6;
}

export function writeKubeState(exp: Exposition, view: EstateView): void {
  const restarts = exp.family("kube_pod_container_status_restarts_total", "counter", "The number of container restarts per container.");
  const waiting = exp.family("kube_pod_container_status_waiting", "gauge", "Describes whether the container is currently in waiting state.");
  const waitingReason = exp.family("kube_pod_container_status_waiting_reason", "gauge", "Describes the reason the container is currently in waiting state.");
  const lastTerminated = exp.family("kube_pod_container_status_last_terminated_reason", "gauge", "Describes the last reason the container was in terminated state.");
  const ready = exp.family("kube_pod_container_status_ready", "gauge", "Describes whether the containers readiness check succeeded.");
  const running = exp.family("kube_pod_container_status_running", "gauge", "Describes whether the container is currently in running state.");
  const phase = exp.family("kube_pod_status_phase", "gauge", "The pods current phase.");
  const info = exp.family("kube_pod_info", "gauge", "Information about pod.");
  const pendingUnsched = exp.family("kube_pod_status_unschedulable", "gauge", "Describes the unschedulable status for the pod.");
  for (const p of view.pods()) {
    const base = { cluster: p.cluster, namespace: p.namespace, pod: p.name };
    info.sample({ ...base, node: p.nodeName ?? "", created_by_kind: p.workloadKind === "Deployment" ? "ReplicaSet" : p.workloadKind, created_by_name: p.workload }, 1);
    for (const ph of PHASES) phase.sample({ ...base, phase: ph }, p.phase === ph ? 1 : 0);
    if (p.phase === "Pending" && !p.nodeName) pendingUnsched.sample(base, 1);
    // an unscheduled pod has no containerStatuses, so kube-state-metrics has no container series for it
    if (!p.nodeName) continue;
    for (const c of p.containers) {
      const cl = { ...base, container: c.name };
      restarts.sample(cl, c.restartCount);
      waiting.sample(cl, c.waitingReason ? 1 : 0);
      if (c.waitingReason) waitingReason.sample({ ...cl, reason: c.waitingReason }, 1);
      if (c.restartCount > 0) lastTerminated.sample({ ...cl, reason: "Error" }, 1);
      ready.sample(cl, c.ready ? 1 : 0);
      running.sample(cl, p.phase === "Running" && !c.waitingReason ? 1 : 0);
    }
  }
  const cond = exp.family("kube_node_status_condition", "gauge", "The condition of a cluster node.");
  const nodeInfo = exp.family("kube_node_info", "gauge", "Information about a cluster node.");
  const unsched = exp.family("kube_node_spec_unschedulable", "gauge", "Whether a node can schedule new pods.");
  const capacity = exp.family("kube_node_status_capacity", "gauge", "The capacity for different resources of a node.");
  const nodeLabels = exp.family("kube_node_labels", "gauge", "Kubernetes labels converted to Prometheus labels.");
  for (const n of view.nodes()) {
    const base = { cluster: n.cluster, node: n.name };
    for (const c of CONDITIONS) {
      const s = conditionStatus(n, c);
      for (const v of ["true", "false", "unknown"]) cond.sample({ ...base, condition: c, status: v }, s === v ? 1 : 0);
    }
    nodeInfo.sample({ ...base, kubelet_version: n.labels["grio.io/kubelet-version"] ?? "v1.29.6+k3s1", container_runtime_version: "containerd://1.7.17-k3s1", os_image: n.arch === "arm64" ? "Debian GNU/Linux 12 (bookworm)" : "Ubuntu 22.04.4 LTS" }, 1);
    unsched.sample(base, n.unschedulable ? 1 : 0);
    capacity.sample({ ...base, resource: "cpu", unit: "core" }, n.cpuCores);
    capacity.sample({ ...base, resource: "memory", unit: "byte" }, n.memoryBytes);
    const promLabels: Record<string, string> = {};
    for (const [k, v] of Object.entries(n.labels)) promLabels[`label_${k.replace(/[^a-zA-Z0-9_]/g, "_")}`] = v;
    nodeLabels.sample({ ...base, ...promLabels }, 1);
  }
  const depAvail = exp.family("kube_deployment_status_replicas_available", "gauge", "The number of available replicas per deployment.");
  const depSpec = exp.family("kube_deployment_spec_replicas", "gauge", "Number of desired pods for a deployment.");
  const stsReady = exp.family("kube_statefulset_status_replicas_ready", "gauge", "The number of ready replicas per StatefulSet.");
  const stsSpec = exp.family("kube_statefulset_replicas", "gauge", "Number of desired pods for a StatefulSet.");
  for (const w of view.workloads()) {
    const labels = { cluster: w.cluster, namespace: w.namespace, [w.kind === "Deployment" ? "deployment" : "statefulset"]: w.name };
    if (w.kind === "Deployment") {
      depAvail.sample(labels, w.available);
      depSpec.sample(labels, w.desired);
    } else {
      stsReady.sample(labels, w.available);
      stsSpec.sample(labels, w.desired);
    }
  }
}

/** node-exporter on every reachable node (a NotReady node's exporter cannot be scraped) */
export function writeNodeExporter(exp: Exposition, view: EstateView, counters: Counters, dtSeconds: number): void {
  const avail = exp.family("node_filesystem_avail_bytes", "gauge", "Filesystem space available to non-root users in bytes.");
  const free = exp.family("node_filesystem_free_bytes", "gauge", "Filesystem free space in bytes.");
  const size = exp.family("node_filesystem_size_bytes", "gauge", "Filesystem size in bytes.");
  const cpu = exp.family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.");
  const memAvail = exp.family("node_memory_MemAvailable_bytes", "gauge", "Memory information field MemAvailable_bytes.");
  const memTotal = exp.family("node_memory_MemTotal_bytes", "gauge", "Memory information field MemTotal_bytes.");
  const load1 = exp.family("node_load1", "gauge", "1m load average.");
  const now = view.now();
  const byNode = new Map<string, SimPodView[]>();
  for (const p of view.pods()) {
    if (p.phase !== "Running" || !p.nodeName) continue;
    const key = `${p.cluster}/${p.nodeName}`;
    const list = byNode.get(key);
    if (list) list.push(p);
    else byNode.set(key, [p]);
  }
  for (const n of view.nodes()) {
    if (n.ready === "Unknown") continue;
    const running = byNode.get(`${n.cluster}/${n.name}`) ?? [];
    const base = { cluster: n.cluster, node: n.name };
    const fs = { ...base, device: n.arch === "arm64" ? "/dev/mmcblk0p2" : "/dev/sda1", fstype: "ext4", mountpoint: "/" };
    const availBytes = Math.max(0, n.diskTotalBytes - n.diskUsedBytes);
    avail.sample(fs, availBytes);
    free.sample(fs, availBytes);
    size.sample(fs, n.diskTotalBytes);
    const podLoad = running.reduce((s, p) => s + podCpuCores(p), 0.15);
    const busy = Math.min(0.97, podLoad / n.cpuCores * wander(`cpu/${n.name}`, now, 0.7, 1.3));
    for (let i = 0; i < n.cpuCores; i++) {
      const key = `${n.cluster}/${n.name}/cpu${i}`;
      cpu.sample({ ...base, cpu: String(i), mode: "idle" }, counters.add(`${key}/idle`, dtSeconds * (1 - busy)));
      for (const [mode, share] of CPU_MODES) cpu.sample({ ...base, cpu: String(i), mode }, counters.add(`${key}/${mode}`, dtSeconds * busy * share));
    }
    const used = running.reduce((s, p) => s + podMemoryBytes(p), 0.9e9);
    memTotal.sample(base, n.memoryBytes);
    memAvail.sample(base, Math.max(n.memoryBytes * 0.03, n.memoryBytes - used));
    load1.sample(base, Number((busy * n.cpuCores).toFixed(2)));
  }
}

/** cAdvisor (kubelet) container usage for running containers */
export function writeCadvisor(exp: Exposition, view: EstateView, counters: Counters, dtSeconds: number): void {
  const cpu = exp.family("container_cpu_usage_seconds_total", "counter", "Cumulative cpu time consumed in seconds.");
  const mem = exp.family("container_memory_working_set_bytes", "gauge", "Current working set in bytes.");
  const now = view.now();
  for (const p of view.pods()) {
    if (p.phase !== "Running" || !p.nodeName) continue;
    for (const c of p.containers) {
      if (c.waitingReason) continue;
      const labels = { cluster: p.cluster, namespace: p.namespace, pod: p.name, container: c.name, node: p.nodeName, image: c.image };
      const cores = podCpuCores(p) * wander(`cpu/${p.name}/${c.name}`, now, 0.6, 1.4);
      cpu.sample(labels, counters.add(`${p.cluster}/${p.namespace}/${p.name}/${c.name}/${c.restartCount}`, dtSeconds * cores));
      mem.sample(labels, Math.round(podMemoryBytes(p) * wander(`mem/${p.name}/${c.name}`, now, 0.85, 1.1)));
    }
  }
}

const GiB = 1024 ** 3;
/** volumeClaimTemplate sizes of the estate's StatefulSets, and how full each volume is */
const VOLUMES: Record<string, { capacity: number; used: [number, number] }> = {
  postgres: { capacity: 200 * GiB, used: [0.58, 0.64] },
  qdrant: { capacity: 50 * GiB, used: [0.16, 0.2] },
  minio: { capacity: 500 * GiB, used: [0.68, 0.73] },
};
/** per cluster/app exceptions: the ministry's on-prem object store is nearly full (the seed: disk > 85 % → scale volume) */
const VOLUME_OVERRIDES: Record<string, { capacity: number; used: [number, number] }> = {
  "ministry-onprem/minio": { capacity: 500 * GiB, used: [0.87, 0.91] },
};

/** kubelet volume stats for the StatefulSets' claims (`data-<pod>`), from the node running the pod */
export function writeVolumeStats(exp: Exposition, view: EstateView): void {
  const capacity = exp.family("kubelet_volume_stats_capacity_bytes", "gauge", "Capacity in bytes of the volume");
  const available = exp.family("kubelet_volume_stats_available_bytes", "gauge", "Number of available bytes in the volume");
  const used = exp.family("kubelet_volume_stats_used_bytes", "gauge", "Number of used bytes in the volume");
  const now = view.now();
  for (const p of view.pods()) {
    if (p.workloadKind !== "StatefulSet" || p.phase !== "Running" || !p.nodeName) continue;
    const v = VOLUME_OVERRIDES[`${p.cluster}/${p.app}`] ?? VOLUMES[p.app] ?? { capacity: 10 * GiB, used: [0.3, 0.35] as [number, number] };
    const labels = { cluster: p.cluster, namespace: p.namespace, persistentvolumeclaim: `data-${p.name}`, node: p.nodeName };
    const bytes = Math.round(v.capacity * wander(`pvc/${p.cluster}/${p.name}`, now, v.used[0], v.used[1]));
    capacity.sample(labels, v.capacity);
    used.sample(labels, bytes);
    available.sample(labels, v.capacity - bytes);
  }
}
