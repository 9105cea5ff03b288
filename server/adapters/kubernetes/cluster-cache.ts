import { trackRestarts } from "@/lib/domain/kube/pod-health";
import {
  slimControllerRevision, slimCronJob, slimDeployment, slimEvent, slimHpa, slimJob, slimNode, slimPod, slimPvc,
  slimReplicaSet, slimStatefulSet,
} from "@/lib/domain/kube/slim";
import { summarizeCluster, summarizeClusterSteps, type ClusterInfo, type ClusterObjects, type ClusterSummary } from "@/lib/domain/kube/summary";
import type { ScaleChange } from "@/lib/domain/kube/timeline";
import type { ClusterState } from "@/lib/domain/kube/triage";
import type { SlimDeployment, SlimPod, SlimStatefulSet } from "@/lib/domain/kube/types";
import { setWatchState } from "@/server/observability/metrics";
import type { KubeTarget } from "./http";
import { Informer } from "./informer";

/** After this long without a watch (or this many failed attempts) a cluster is "unreachable". */
const UNREACHABLE_AFTER_MS = 20_000;
const UNREACHABLE_AFTER_FAILURES = 6;
/** Summaries are recomputed at most this often (5,000 pods ≈ 50 ms of CPU), however fast the cache churns. */
const SUMMARY_DEBOUNCE_MS = 1000;
/** Time alone changes health (crash-loop windows, pending grace): recompute at least this often. */
const SUMMARY_MAX_AGE_MS = 15_000;
const MAX_EVENTS = 5000;
const DAY_MS = 24 * 3600_000;

/**
 * One cluster's shared informer caches (11 resources), restart and scale tracking, its status, and
 * the summary recomputed (debounced) whenever the cache changes.
 */
export class ClusterCache {
  readonly nodes; readonly pods; readonly deployments; readonly replicaSets; readonly statefulSets;
  readonly controllerRevisions; readonly cronJobs; readonly jobs; readonly hpas; readonly pvcs; readonly events;
  private readonly all: Informer<unknown>[];
  private readonly restarts = new Map<string, number[]>();
  private readonly scaleChanges: ScaleChange[] = [];
  /** increments on every cache change */
  version = 0;
  private summaryVersion = -1;
  /** increments each time the summary is recomputed */
  summarySeq = 0;
  private summary: ClusterSummary | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** a stepped rebuild is under way */
  private building = false;
  private stopped = false;
  private ticker: NodeJS.Timeout | null = null;
  private lastState = "";

  constructor(readonly info: ClusterInfo, private readonly target: KubeTarget, private readonly onSummary: () => void) {
    const mk = <T>(path: string, slim: (raw: unknown) => T, onChange?: (next: T | null, prev: T | null) => void) =>
      new Informer<T>({
        target, path, slim,
        onChange: (_kind, next, prev) => { onChange?.(next, prev); this.changed(); },
        onState: () => this.stateChanged(),
      });
    this.nodes = mk("/api/v1/nodes", slimNode);
    this.pods = mk("/api/v1/pods", slimPod, (n, p) => this.trackPod(n, p));
    this.deployments = mk("/apis/apps/v1/deployments", slimDeployment, (n, p) => this.trackScale(n, p));
    this.replicaSets = mk("/apis/apps/v1/replicasets", slimReplicaSet);
    this.statefulSets = mk("/apis/apps/v1/statefulsets", slimStatefulSet, (n, p) => this.trackScale(n, p));
    this.controllerRevisions = mk("/apis/apps/v1/controllerrevisions", slimControllerRevision);
    this.cronJobs = mk("/apis/batch/v1/cronjobs", slimCronJob);
    this.jobs = mk("/apis/batch/v1/jobs", slimJob);
    this.hpas = mk("/apis/autoscaling/v2/horizontalpodautoscalers", slimHpa);
    this.pvcs = mk("/api/v1/persistentvolumeclaims", slimPvc);
    this.events = mk("/api/v1/events", slimEvent, () => this.pruneEvents());
    this.all = [this.nodes, this.pods, this.deployments, this.replicaSets, this.statefulSets, this.controllerRevisions,
      this.cronJobs, this.jobs, this.hpas, this.pvcs, this.events] as Informer<unknown>[];
  }

  get kubeTarget(): KubeTarget {
    return this.target;
  }

  start(): void {
    this.stopped = false;
    setWatchState(this.info.name, "syncing");
    for (const i of this.all) i.start();
    this.ticker = setInterval(() => this.changed(), SUMMARY_MAX_AGE_MS);
    this.ticker.unref?.();
  }

  stop(): void {
    this.stopped = true;
    for (const i of this.all) i.stop();
    if (this.timer) clearTimeout(this.timer);
    if (this.ticker) clearInterval(this.ticker);
  }

  /** connected | reconnecting since T | unreachable (reason), from every informer's state. */
  status(now = Date.now()): ClusterState {
    const lost = this.all.filter((i) => !i.state.watching);
    if (lost.length === 0) return { state: "connected" };
    const since = Math.min(...lost.map((i) => i.state.lostAt ?? now));
    const reason = lost.find((i) => i.state.error)?.state.error ?? "connecting";
    const failures = Math.max(...lost.map((i) => i.state.failures));
    if (now - since >= UNREACHABLE_AFTER_MS || failures >= UNREACHABLE_AFTER_FAILURES) return { state: "unreachable", since, reason };
    return { state: "reconnecting", since, reason };
  }

  /** full lists done by all informers together (re-lists after 410 Gone add to it) */
  get lists(): number {
    return this.all.reduce((n, i) => n + i.state.lists, 0);
  }

  /** listed at least once: data exists (possibly stale) */
  get synced(): boolean {
    return this.all.every((i) => i.state.synced);
  }

  private stateChanged() {
    const s = this.status();
    const key = s.state;
    if (key !== this.lastState) {
      this.lastState = key;
      setWatchState(this.info.name, !this.synced && s.state !== "unreachable" ? "syncing" : s.state);
      this.version++;
      this.schedule();
    }
  }

  private changed() {
    this.version++;
    this.schedule();
  }

  private schedule() {
    if (this.timer || this.building) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.building = true;
      this.stateChanged();
      this.rebuildInSteps();
    }, SUMMARY_DEBOUNCE_MS);
    this.timer.unref?.();
  }

  /**
   * Rebuild the summary a step at a time (a few hundred pods per step), giving the event loop back
   * between steps: a viewer's request that arrives mid-rebuild waits for one step (~1–2 ms), not
   * for the whole 5,000-pod rebuild. Changes that arrive meanwhile schedule the next rebuild.
   */
  private rebuildInSteps() {
    const version = this.version;
    const steps = summarizeClusterSteps(this.info, this.status(), this.objects(), Date.now());
    const step = () => {
      if (this.stopped) {
        this.building = false;
        return;
      }
      const r = steps.next();
      if (!r.done) {
        setImmediate(step);
        return;
      }
      this.building = false;
      this.publish(r.value, version);
      if (this.version !== version) this.schedule();
    };
    step();
  }

  private publish(summary: ClusterSummary, version: number) {
    if (version < this.summaryVersion) return; // a synchronous rebuild already published newer data
    this.summary = summary;
    this.summaryVersion = version;
    this.summarySeq++;
    this.onSummary();
  }

  private trackPod(next: SlimPod | null, prev: SlimPod | null) {
    const now = Date.now();
    if (!next) {
      if (prev) this.restarts.delete(`${prev.namespace}/${prev.name}`);
      return;
    }
    const key = `${next.namespace}/${next.name}`;
    const before = this.restarts.get(key) ?? [];
    const times = trackRestarts(prev ?? undefined, next, before, now);
    if (times.length) this.restarts.set(key, times);
    else this.restarts.delete(key);
  }

  private trackScale(next: SlimDeployment | SlimStatefulSet | null, prev: SlimDeployment | SlimStatefulSet | null) {
    if (!next || !prev || next.desired === prev.desired) return;
    const now = Date.now();
    this.scaleChanges.push({ at: now, kind: next.kind, namespace: next.namespace, name: next.name, from: prev.desired, to: next.desired });
    while (this.scaleChanges.length > 500 || (this.scaleChanges[0] && this.scaleChanges[0].at < now - DAY_MS)) this.scaleChanges.shift();
  }

  private pruneEvents() {
    const store = this.events.store;
    if (store.size <= MAX_EVENTS) return;
    const oldest = [...store.entries()].sort((a, b) => (a[1].lastSeen ?? 0) - (b[1].lastSeen ?? 0)).slice(0, store.size - MAX_EVENTS * 0.9);
    for (const [k] of oldest) store.delete(k);
  }

  /** A snapshot of the caches (arrays copied: a stepped rebuild reads it while watches go on). */
  objects(): ClusterObjects {
    const v = <T>(i: Informer<T>) => [...i.store.values()];
    return {
      nodes: v(this.nodes), pods: v(this.pods), deployments: v(this.deployments), replicaSets: v(this.replicaSets),
      statefulSets: v(this.statefulSets), controllerRevisions: v(this.controllerRevisions), cronJobs: v(this.cronJobs),
      jobs: v(this.jobs), hpas: v(this.hpas), pvcs: v(this.pvcs), events: v(this.events),
      restarts: new Map(this.restarts), scaleChanges: [...this.scaleChanges],
    };
  }

  get hasSummary(): boolean {
    return this.summary !== null;
  }

  /**
   * The summary as of the last rebuild. Computed here, synchronously, only when none exists yet
   * (a request before the first rebuild) or when the cache changed with no rebuild on its way.
   */
  getSummary(): ClusterSummary {
    if (!this.summary || (this.summaryVersion !== this.version && !this.timer && !this.building)) {
      const version = this.version;
      this.publish(summarizeCluster(this.info, this.status(), this.objects(), Date.now()), version);
    }
    return this.summary!;
  }
}
