/**
 * meta.k8s.io/v1 Table output (what `kubectl get` asks for): the server-side columns of the real
 * printers for the kinds the sim serves, with ages as duration.HumanDuration prints them.
 */
import type { K8sObject } from "../model/store";

/* eslint-disable @typescript-eslint/no-explicit-any */

type Col = { name: string; type: string; format?: string; priority?: number; cell: (o: any, now: number) => string | number };

export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 24 * 8) return `${Math.floor(h / 24)}d${h % 24}h`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24)}d`;
  const y = Math.floor(h / 24 / 365);
  return y < 8 ? `${y}y${Math.floor(h / 24) % 365}d` : `${y}y`;
}

const age = (o: any, now: number) => (o.metadata.creationTimestamp ? humanDuration(now - Date.parse(o.metadata.creationTimestamp)) : "<unknown>");
const name: Col = { name: "Name", type: "string", format: "name", cell: (o) => o.metadata.name };
const ageCol: Col = { name: "Age", type: "string", cell: age };

function podStatus(p: any): string {
  if (p.metadata.deletionTimestamp) return "Terminating";
  let reason = p.status?.reason ?? p.status?.phase ?? "Unknown";
  for (const cs of p.status?.containerStatuses ?? []) {
    if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state?.terminated) reason = cs.state.terminated.reason ?? `ExitCode:${cs.state.terminated.exitCode}`;
    else if (cs.ready && reason !== "Running" && p.status?.phase === "Running") reason = "Running";
  }
  if (p.status?.phase === "Running" && (p.status?.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True")) reason = "Running";
  return reason;
}

function restarts(p: any, now: number): string {
  let n = 0;
  let last = 0;
  for (const cs of p.status?.containerStatuses ?? []) {
    n += cs.restartCount ?? 0;
    const f = cs.lastState?.terminated?.finishedAt;
    if (f) last = Math.max(last, Date.parse(f));
  }
  return last && n ? `${n} (${humanDuration(now - last)} ago)` : String(n);
}

function nodeStatus(n: any): string {
  const ready = (n.status?.conditions ?? []).find((c: any) => c.type === "Ready");
  const s = ready?.status === "True" ? "Ready" : ready?.status === "False" ? "NotReady" : "NotReady";
  return n.spec?.unschedulable ? `${s},SchedulingDisabled` : s;
}

function roles(n: any): string {
  const r = Object.keys(n.metadata.labels ?? {})
    .filter((k) => k.startsWith("node-role.kubernetes.io/"))
    .map((k) => k.slice("node-role.kubernetes.io/".length))
    .sort();
  return r.length ? r.join(",") : "<none>";
}

const COLUMNS: Record<string, Col[]> = {
  Pod: [
    name,
    { name: "Ready", type: "string", cell: (p) => `${(p.status?.containerStatuses ?? []).filter((c: any) => c.ready).length}/${p.spec.containers.length}` },
    { name: "Status", type: "string", cell: podStatus },
    { name: "Restarts", type: "string", cell: restarts },
    ageCol,
    { name: "IP", type: "string", priority: 1, cell: (p) => p.status?.podIP ?? "<none>" },
    { name: "Node", type: "string", priority: 1, cell: (p) => p.spec.nodeName ?? "<none>" },
    { name: "Nominated Node", type: "string", priority: 1, cell: () => "<none>" },
    { name: "Readiness Gates", type: "string", priority: 1, cell: () => "<none>" },
  ],
  Node: [
    name,
    { name: "Status", type: "string", cell: nodeStatus },
    { name: "Roles", type: "string", cell: roles },
    ageCol,
    { name: "Version", type: "string", cell: (n) => n.status?.nodeInfo?.kubeletVersion ?? "" },
    { name: "Internal-IP", type: "string", priority: 1, cell: (n) => (n.status?.addresses ?? []).find((a: any) => a.type === "InternalIP")?.address ?? "<none>" },
    { name: "External-IP", type: "string", priority: 1, cell: () => "<none>" },
    { name: "OS-Image", type: "string", priority: 1, cell: (n) => n.status?.nodeInfo?.osImage ?? "" },
    { name: "Kernel-Version", type: "string", priority: 1, cell: (n) => n.status?.nodeInfo?.kernelVersion ?? "" },
    { name: "Container-Runtime", type: "string", priority: 1, cell: (n) => n.status?.nodeInfo?.containerRuntimeVersion ?? "" },
  ],
  Deployment: [
    name,
    { name: "Ready", type: "string", cell: (d) => `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 0}` },
    { name: "Up-to-date", type: "integer", cell: (d) => d.status?.updatedReplicas ?? 0 },
    { name: "Available", type: "integer", cell: (d) => d.status?.availableReplicas ?? 0 },
    ageCol,
    { name: "Containers", type: "string", priority: 1, cell: (d) => d.spec.template.spec.containers.map((c: any) => c.name).join(",") },
    { name: "Images", type: "string", priority: 1, cell: (d) => d.spec.template.spec.containers.map((c: any) => c.image).join(",") },
  ],
  ReplicaSet: [
    name,
    { name: "Desired", type: "integer", cell: (r) => r.spec.replicas ?? 0 },
    { name: "Current", type: "integer", cell: (r) => r.status?.replicas ?? 0 },
    { name: "Ready", type: "integer", cell: (r) => r.status?.readyReplicas ?? 0 },
    ageCol,
  ],
  StatefulSet: [name, { name: "Ready", type: "string", cell: (s) => `${s.status?.readyReplicas ?? 0}/${s.spec.replicas ?? 0}` }, ageCol],
  CronJob: [
    name,
    { name: "Schedule", type: "string", cell: (c) => c.spec.schedule },
    { name: "Timezone", type: "string", cell: (c) => c.spec.timeZone ?? "<none>" },
    { name: "Suspend", type: "boolean", cell: (c) => String(Boolean(c.spec.suspend)) },
    { name: "Active", type: "integer", cell: (c) => (c.status?.active ?? []).length },
    { name: "Last Schedule", type: "string", cell: (c, now) => (c.status?.lastScheduleTime ? humanDuration(now - Date.parse(c.status.lastScheduleTime)) : "<none>") },
    ageCol,
  ],
  Job: [
    name,
    { name: "Status", type: "string", cell: (j) => ((j.status?.conditions ?? []).find((c: any) => c.status === "True")?.type ?? "Running").replace("Failed", "Failed") },
    { name: "Completions", type: "string", cell: (j) => `${j.status?.succeeded ?? 0}/${j.spec.completions ?? 1}` },
    { name: "Duration", type: "string", cell: (j, now) => (j.status?.startTime ? humanDuration((j.status.completionTime ? Date.parse(j.status.completionTime) : now) - Date.parse(j.status.startTime)) : "") },
    ageCol,
  ],
  PersistentVolumeClaim: [
    name,
    { name: "Status", type: "string", cell: (p) => p.status?.phase ?? "Pending" },
    { name: "Volume", type: "string", cell: (p) => p.spec.volumeName ?? "" },
    { name: "Capacity", type: "string", cell: (p) => p.status?.capacity?.storage ?? "" },
    { name: "Access Modes", type: "string", cell: (p) => (p.spec.accessModes ?? []).map((m: string) => ({ ReadWriteOnce: "RWO", ReadOnlyMany: "ROX", ReadWriteMany: "RWX" })[m] ?? m).join(",") },
    { name: "StorageClass", type: "string", cell: (p) => p.spec.storageClassName ?? "" },
    ageCol,
  ],
  Event: [
    { name: "Last Seen", type: "string", cell: (e, now) => humanDuration(now - Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp)) },
    { name: "Type", type: "string", cell: (e) => e.type },
    { name: "Reason", type: "string", cell: (e) => e.reason },
    { name: "Object", type: "string", cell: (e) => `${String(e.involvedObject.kind).toLowerCase()}/${e.involvedObject.name}` },
    { name: "Message", type: "string", cell: (e) => e.message },
  ],
  HorizontalPodAutoscaler: [
    name,
    { name: "Reference", type: "string", cell: (h) => `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}` },
    { name: "Targets", type: "string", cell: (h) => `cpu: ${h.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization ?? "<unknown>"}%/${h.spec.metrics?.[0]?.resource?.target?.averageUtilization ?? "?"}%` },
    { name: "MinPods", type: "integer", cell: (h) => h.spec.minReplicas ?? 1 },
    { name: "MaxPods", type: "integer", cell: (h) => h.spec.maxReplicas },
    { name: "Replicas", type: "integer", cell: (h) => h.status?.currentReplicas ?? 0 },
    ageCol,
  ],
  Namespace: [name, { name: "Status", type: "string", cell: (n) => n.status?.phase ?? "Active" }, ageCol],
};

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? "");
}

function columnsFor(kind: string): Col[] {
  return COLUMNS[kind] ?? [name, ageCol];
}

function rowOf(o: K8sObject, cols: Col[], now: number, include: string): object {
  const object =
    include === "None"
      ? undefined
      : include === "Object"
        ? o
        : { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
  return { cells: cols.map((c) => c.cell(o, now)), ...(object ? { object } : {}) };
}

export function tableOf(kind: string, objects: K8sObject[], meta: { resourceVersion: string; continue?: string; remainingItemCount?: number }, include: string, now: number, withColumns = true): object {
  const cols = columnsFor(kind);
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: meta,
    ...(withColumns ? { columnDefinitions: cols.map((c) => ({ name: c.name, type: c.type, format: c.format ?? "", description: c.name, priority: c.priority ?? 0 })) } : { columnDefinitions: null }),
    rows: objects.map((o) => rowOf(o, cols, now, include)),
  };
}
