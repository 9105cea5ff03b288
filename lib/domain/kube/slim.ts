import type {
  Condition, ContainerState, Labels, ObjectMeta, OwnerRef, SlimContainer, SlimControllerRevision,
  SlimCronJob, SlimDeployment, SlimEvent, SlimHpa, SlimJob, SlimNode, SlimPod, SlimPvc,
  SlimReplicaSet, SlimStatefulSet,
} from "./types";

/**
 * Raw API JSON (as listed/watched) → slim objects. Accepts dates as RFC 3339 strings or Date
 * objects (the typed client deserialises them), so the same functions serve both paths.
 */
type Raw = Record<string, unknown>;

const obj = (v: unknown): Raw => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const time = (v: unknown): number | null => {
  if (v instanceof Date) return v.getTime();
  if (typeof v !== "string" || v === "") return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
};
const labels = (v: unknown): Labels => {
  const out: Labels = {};
  for (const [k, val] of Object.entries(obj(v))) out[k] = str(val);
  return out;
};
const intAnnotation = (a: Labels, key: string): number => {
  const n = Number.parseInt(a[key] ?? "", 10);
  return Number.isNaN(n) ? 0 : n;
};

export function slimMeta(raw: unknown): ObjectMeta {
  const m = obj(obj(raw).metadata);
  const refs = arr(m.ownerReferences).map(obj);
  const ctrl = refs.find((r) => r.controller === true) ?? refs[0];
  const owner: OwnerRef | null = ctrl ? { kind: str(ctrl.kind), name: str(ctrl.name), uid: str(ctrl.uid) } : null;
  return {
    name: str(m.name),
    namespace: str(m.namespace),
    uid: str(m.uid),
    createdAt: time(m.creationTimestamp),
    labels: labels(m.labels),
    owner,
  };
}

const annotations = (raw: unknown): Labels => labels(obj(obj(raw).metadata).annotations);

export function slimConditions(v: unknown): Condition[] {
  return arr(v).map((c0) => {
    const c = obj(c0);
    const s = str(c.status);
    return {
      type: str(c.type),
      status: s === "True" || s === "False" ? s : "Unknown",
      reason: str(c.reason),
      message: str(c.message),
      lastTransition: time(c.lastTransitionTime) ?? time(c.lastUpdateTime),
    };
  });
}

const resources = (v: unknown) => {
  const r = obj(v);
  return { cpu: str(r.cpu), memory: str(r.memory), pods: str(r.pods), ephemeralStorage: str(r["ephemeral-storage"]) };
};

export function slimNode(raw: unknown): SlimNode {
  const spec = obj(obj(raw).spec);
  const status = obj(obj(raw).status);
  const info = obj(status.nodeInfo);
  const internal = arr(status.addresses).map(obj).find((a) => a.type === "InternalIP");
  return {
    ...slimMeta(raw),
    unschedulable: spec.unschedulable === true,
    taints: arr(spec.taints).map(obj).map((t) => ({ key: str(t.key), value: str(t.value), effect: str(t.effect) })),
    conditions: slimConditions(status.conditions),
    capacity: resources(status.capacity),
    allocatable: resources(status.allocatable),
    kubeletVersion: str(info.kubeletVersion),
    architecture: str(info.architecture),
    osImage: str(info.osImage),
    internalIP: internal ? str(internal.address) : "",
  };
}

function containerState(v: unknown): ContainerState | null {
  const s = obj(v);
  if (s.running) {
    return { state: "running", reason: "", message: "", startedAt: time(obj(s.running).startedAt), exitCode: null, finishedAt: null };
  }
  if (s.waiting) {
    const w = obj(s.waiting);
    return { state: "waiting", reason: str(w.reason), message: str(w.message), startedAt: null, exitCode: null, finishedAt: null };
  }
  if (s.terminated) {
    const t = obj(s.terminated);
    return {
      state: "terminated", reason: str(t.reason), message: str(t.message), startedAt: time(t.startedAt),
      exitCode: typeof t.exitCode === "number" ? t.exitCode : null, finishedAt: time(t.finishedAt),
    };
  }
  return null;
}

function containers(specList: unknown, statusList: unknown, init: boolean): SlimContainer[] {
  const statuses = new Map(arr(statusList).map(obj).map((s) => [str(s.name), s]));
  return arr(specList).map(obj).map((c) => {
    const s = statuses.get(str(c.name)) ?? {};
    return {
      name: str(c.name),
      image: str(c.image),
      ready: s.ready === true,
      restartCount: num(s.restartCount),
      current: containerState(s.state) ?? { state: "unknown", reason: "", message: "", startedAt: null, exitCode: null, finishedAt: null },
      lastTermination: containerState(s.lastState),
      init,
    };
  });
}

export function slimPod(raw: unknown): SlimPod {
  const spec = obj(obj(raw).spec);
  const status = obj(obj(raw).status);
  return {
    ...slimMeta(raw),
    nodeName: str(spec.nodeName),
    phase: str(status.phase) || "Unknown",
    reason: str(status.reason),
    conditions: slimConditions(status.conditions),
    containers: [
      ...containers(spec.initContainers, status.initContainerStatuses, true),
      ...containers(spec.containers, status.containerStatuses, false),
    ],
    deleting: Boolean(obj(obj(raw).metadata).deletionTimestamp),
    podIP: str(status.podIP),
  };
}

const templateImages = (template: unknown): string[] =>
  arr(obj(obj(template).spec).containers).map((c) => str(obj(c).image));

export function slimDeployment(raw: unknown): SlimDeployment {
  const spec = obj(obj(raw).spec);
  const status = obj(obj(raw).status);
  const desired = spec.replicas === undefined ? 1 : num(spec.replicas);
  return {
    ...slimMeta(raw),
    kind: "Deployment",
    generation: num(obj(obj(raw).metadata).generation),
    observedGeneration: num(status.observedGeneration),
    desired,
    updated: num(status.updatedReplicas),
    ready: num(status.readyReplicas),
    available: num(status.availableReplicas),
    unavailable: num(status.unavailableReplicas),
    paused: spec.paused === true,
    revision: intAnnotation(annotations(raw), "deployment.kubernetes.io/revision"),
    images: templateImages(spec.template),
    selector: labels(obj(spec.selector).matchLabels),
    conditions: slimConditions(status.conditions),
  };
}

export function slimStatefulSet(raw: unknown): SlimStatefulSet {
  const spec = obj(obj(raw).spec);
  const status = obj(obj(raw).status);
  return {
    ...slimMeta(raw),
    kind: "StatefulSet",
    generation: num(obj(obj(raw).metadata).generation),
    observedGeneration: num(status.observedGeneration),
    desired: spec.replicas === undefined ? 1 : num(spec.replicas),
    updated: num(status.updatedReplicas),
    ready: num(status.readyReplicas),
    available: status.availableReplicas === undefined ? num(status.readyReplicas) : num(status.availableReplicas),
    currentRevision: str(status.currentRevision),
    updateRevision: str(status.updateRevision),
    images: templateImages(spec.template),
    selector: labels(obj(spec.selector).matchLabels),
    conditions: slimConditions(status.conditions),
  };
}

export function slimReplicaSet(raw: unknown): SlimReplicaSet {
  const a = annotations(raw);
  const spec = obj(obj(raw).spec);
  return {
    ...slimMeta(raw),
    revision: intAnnotation(a, "deployment.kubernetes.io/revision"),
    changeCause: a["kubernetes.io/change-cause"] ?? "",
    images: templateImages(spec.template),
    desired: num(spec.replicas),
    ready: num(obj(obj(raw).status).readyReplicas),
  };
}

export function slimControllerRevision(raw: unknown): SlimControllerRevision {
  const data = obj(obj(raw).data);
  return {
    ...slimMeta(raw),
    revision: num(obj(raw).revision),
    changeCause: annotations(raw)["kubernetes.io/change-cause"] ?? "",
    images: templateImages(obj(data.spec).template),
  };
}

export function slimCronJob(raw: unknown): SlimCronJob {
  const spec = obj(obj(raw).spec);
  const status = obj(obj(raw).status);
  return {
    ...slimMeta(raw),
    kind: "CronJob",
    schedule: str(spec.schedule),
    suspend: spec.suspend === true,
    lastSchedule: time(status.lastScheduleTime),
    lastSuccessful: time(status.lastSuccessfulTime),
    active: arr(status.active).length,
    images: templateImages(obj(obj(spec.jobTemplate).spec).template),
  };
}

export function slimJob(raw: unknown): SlimJob {
  const status = obj(obj(raw).status);
  return {
    ...slimMeta(raw),
    active: num(status.active),
    succeeded: num(status.succeeded),
    failed: num(status.failed),
    startedAt: time(status.startTime),
    completedAt: time(status.completionTime),
    conditions: slimConditions(status.conditions),
  };
}

export function slimHpa(raw: unknown): SlimHpa {
  const spec = obj(obj(raw).spec);
  const status = obj(obj(raw).status);
  const ref = obj(spec.scaleTargetRef);
  return {
    ...slimMeta(raw),
    target: { kind: str(ref.kind), name: str(ref.name) },
    min: spec.minReplicas === undefined ? 1 : num(spec.minReplicas),
    max: num(spec.maxReplicas),
    current: num(status.currentReplicas),
    desired: num(status.desiredReplicas),
  };
}

export function slimPvc(raw: unknown): SlimPvc {
  const spec = obj(obj(raw).spec);
  const status = obj(obj(raw).status);
  return {
    ...slimMeta(raw),
    phase: str(status.phase),
    storageClass: str(spec.storageClassName),
    volumeName: str(spec.volumeName),
    requested: str(obj(obj(spec.resources).requests).storage),
    capacity: str(obj(status.capacity).storage),
    accessModes: arr(spec.accessModes).map(str),
  };
}

export function slimEvent(raw: unknown): SlimEvent {
  const r = obj(raw);
  const m = obj(r.metadata);
  const io = obj(r.involvedObject ?? r.regarding);
  const series = obj(r.series);
  const src = obj(r.source);
  return {
    uid: str(m.uid),
    namespace: str(m.namespace),
    type: str(r.type) || "Normal",
    reason: str(r.reason),
    message: str(r.message ?? r.note),
    object: { kind: str(io.kind), name: str(io.name), namespace: str(io.namespace) },
    count: num(r.count) || num(series.count) || 1,
    firstSeen: time(r.firstTimestamp) ?? time(r.eventTime) ?? time(m.creationTimestamp),
    lastSeen: time(r.lastTimestamp) ?? time(series.lastObservedTime) ?? time(r.eventTime) ?? time(m.creationTimestamp),
    source: str(src.component) || str(r.reportingController),
  };
}
