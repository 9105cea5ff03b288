/** One simulated cluster: its object store, private kubelet/node state, event recorder and reconcile loop. */
import type { JobHooks } from "../contract";
import { rng } from "../faults";
import { ObjectStore, safeString, type K8sObject } from "./store";

export interface ContainerSim {
  /** "ok" runs; "crash" exits after a few seconds and restarts with back-off; "pull" never pulls its image; "job" runs to completion */
  behaviour: "ok" | "crash" | "pull" | "job";
  state: "creating" | "running" | "backoff" | "terminated";
  /** when the current state began */
  since: number;
  /** when the current state ends (running crash → exit, backoff → restart); Infinity if it does not */
  until: number;
  /** current back-off in ms (0 = none yet) */
  backoffMs: number;
  restartCount: number;
  exitCode?: number;
  lastTerminated?: { startedAt: number; finishedAt: number; exitCode: number; reason: string };
  /** epoch ms of each restart (last hour) */
  restarts: number[];
  containerId: string;
}

export interface PodSim {
  containers: Map<string, ContainerSim>;
  /** when the containers start (ContainerCreating until then) */
  startAt: number;
  /** earliest time something changes; Infinity when steady */
  nextAt: number;
  /** an unschedulable pod's next scheduling attempt */
  bindRetryAt?: number;
  job?: { cronJob: string | undefined; jobName: string; durationMs: number; result?: { succeeded: boolean; message?: string }; started: boolean };
}

export interface NodeSim {
  cpuCores: number;
  memoryBytes: number;
  diskTotalBytes: number;
  diskUsedBytes: number;
  arch: "amd64" | "arm64";
  /** epoch ms the kubelet stopped posting status (Ready=Unknown), if it did */
  silentSince?: number;
  createdAt: number;
}

export type Rng = () => number;

export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export class ClusterModel {
  readonly store: ObjectStore;
  readonly nodeSim = new Map<string, NodeSim>();
  readonly podSim = new Map<string, PodSim>(); // by pod uid
  readonly rng: Rng;
  /** pods whose containers should crash-loop, by "ns/name" of pod or "ns/workload" */
  readonly crashingWorkloads = new Set<string>();
  /** images the registry does not have (ErrImagePull → ImagePullBackOff) */
  readonly unpullableImages = new Set<string>();
  /** how long a Job's container runs */
  jobDurationMs = 2_000;
  /** how long a new pod spends in ContainerCreating */
  podStartMs = 1_200;
  hooks: JobHooks | undefined;
  private reconcileQueued = false;
  reconcilers: Array<(c: ClusterModel, now: number) => void> = [];
  /** a node's sim state or spec changed: recompute conditions and taints */
  nodesDirty = true;
  nodesCheckedAt = 0;
  /** something changed since the last pass (any store write) */
  private dirty = true;
  /** earliest time a timed transition is due (pod start, crash, back-off end, retry) */
  nextDueAt = 0;
  private lastFullPass = 0;
  private podIndex: Map<string, K8sObject[]> | undefined;
  private readonly eventIndex = new Map<string, K8sObject>();

  /** set while the estate is built (history is simulated in the past), then cleared */
  clockOverride: number | undefined;
  /** while the estate's past is built: no events, no CronJob runs (their history is seeded) */
  bootstrapping = false;

  constructor(
    readonly name: string,
    seed: number,
  ) {
    this.store = new ObjectStore(name);
    this.rng = rng(seed);
    this.store.subscribe((ev) => {
      if (ev.resource === "events") {
        if (ev.type === "DELETED") this.eventIndex.delete(eventKey(ev.obj));
        return;
      }
      this.dirty = true;
      if (ev.resource === "pods") this.podIndex = undefined;
    });
  }

  now(): number {
    return this.clockOverride ?? Date.now();
  }

  suffix(len = 5): string {
    return safeString(Math.floor(this.rng() * 2 ** 32), len);
  }

  /** Run the controllers soon (after an API write), coalescing bursts. */
  kick(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    setImmediate(() => {
      this.reconcileQueued = false;
      this.reconcile(true);
    });
  }

  /** Run every controller once — skipped when nothing changed and nothing is due (steady state is free). */
  reconcile(force = false): void {
    const now = this.now();
    if (!force && !this.dirty && now < this.nextDueAt && now - this.lastFullPass < 5_000) return;
    this.dirty = false;
    this.lastFullPass = now;
    this.nextDueAt = now + 5_000;
    for (const r of this.reconcilers) r(this, now);
  }

  /** A controller asks to run again at `t`. */
  dueAt(t: number): void {
    if (t < this.nextDueAt) this.nextDueAt = t;
  }

  /** Pods by the uid of their controlling owner (cached until a pod changes). */
  podsByOwner(): Map<string, K8sObject[]> {
    if (this.podIndex) return this.podIndex;
    const idx = new Map<string, K8sObject[]>();
    for (const o of this.store.objects("pods")) {
      const ref = o.metadata.ownerReferences?.find((r) => r.controller);
      if (!ref) continue;
      const l = idx.get(ref.uid);
      if (l) l.push(o);
      else idx.set(ref.uid, [o]);
    }
    this.podIndex = idx;
    return idx;
  }

  /** Record (or aggregate) an Event about an object, as the real recorders do. */
  event(obj: K8sObject, type: "Normal" | "Warning", reason: string, message: string, source: { component: string; host?: string }): void {
    if (this.bootstrapping) return; // history is built silently (events expire after an hour anyway)
    const ns = obj.metadata.namespace ?? "default";
    const nowIso = iso(this.now());
    const key = `${obj.metadata.uid}|${reason}|${message}`;
    const existing = this.eventIndex.get(key);
    if (existing) {
      existing.count = Number(existing.count ?? 1) + 1;
      existing.lastTimestamp = nowIso;
      this.store.put("events", existing);
      return;
    }
    const name = `${obj.metadata.name}.${(Math.floor(this.now() * 1000) + Math.floor(this.rng() * 1e6)).toString(16)}`;
    const ev: K8sObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: ns, creationTimestamp: nowIso },
      involvedObject: {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion,
        ...(obj.kind === "Pod" && reason !== "Scheduled" && reason !== "FailedScheduling" ? { fieldPath: `spec.containers{${obj.spec?.containers?.[0]?.name}}` } : {}),
      },
      reason,
      message,
      source,
      firstTimestamp: nowIso,
      lastTimestamp: nowIso,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? "",
    };
    this.eventIndex.set(key, ev);
    this.store.put("events", ev);
    this.trimEvents();
  }

  private trimEvents(): void {
    const max = 2000;
    if (this.store.count("events") <= max) return;
    const all = this.store.objects("events").sort((a, b) => String(a.lastTimestamp).localeCompare(String(b.lastTimestamp)));
    for (const e of all.slice(0, all.length - max * 0.75)) this.store.remove("events", e.metadata.namespace, e.metadata.name);
  }
}

function eventKey(e: K8sObject): string {
  return `${(e.involvedObject as { uid?: string }).uid}|${String(e.reason)}|${String(e.message)}`;
}
