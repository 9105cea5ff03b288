/**
 * The kubelet and scheduler: binds pending pods to nodes, starts containers, crash-loops the ones that
 * crash with the kubelet's real back-off (10 s doubling to 5 min, reset after 10 min of stable running),
 * retries image pulls, runs Job containers to completion — and writes pod status and events as it goes.
 */
import type { ClusterModel, ContainerSim, PodSim } from "../cluster";
import { iso } from "../cluster";
import { nodeUsage, schedule, type NodeUsage } from "../pods";
import type { K8sObject } from "../store";

/* eslint-disable @typescript-eslint/no-explicit-any */

export const CRASH_RUN_MS = 3_000;
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
export const BACKOFF_RESET_MS = 600_000;
const HOUR = 3_600_000;

export function kubelet(c: ClusterModel, now: number): void {
  let usage: Map<string, NodeUsage> | undefined;
  for (const pod of c.store.objects("pods")) {
    if (pod.metadata.deletionTimestamp) continue;
    const sim = c.podSim.get(pod.metadata.uid!);
    if (!pod.spec.nodeName) {
      // the scheduler retries an unschedulable pod with back-off, not on every pass
      if (sim?.bindRetryAt !== undefined && sim.bindRetryAt > now) {
        c.dueAt(sim.bindRetryAt);
        continue;
      }
      usage ??= nodeUsage(c);
      bind(c, pod, usage, now);
      if (sim && !pod.spec.nodeName) {
        sim.bindRetryAt = now + 5_000;
        c.dueAt(sim.bindRetryAt);
      }
      continue;
    }
    if (!sim) continue;
    if (c.nodeSim.get(pod.spec.nodeName)?.silentSince !== undefined) continue; // its kubelet is not reporting
    if (sim.nextAt > now) {
      c.dueAt(sim.nextAt);
      continue;
    }
    step(c, pod, sim, now);
    c.dueAt(sim.nextAt);
  }
}

function bind(c: ClusterModel, pod: K8sObject, usage: Map<string, NodeUsage>, now: number): void {
  const r = schedule(c, pod, usage);
  if ("node" in r) {
    pod.spec.nodeName = r.node;
    const sim = c.podSim.get(pod.metadata.uid!);
    if (sim) {
      sim.startAt = Math.max(sim.startAt, now + 500);
      sim.nextAt = now;
    }
    pod.status = { ...pod.status, conditions: [{ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: iso(now) }] };
    c.store.put("pods", pod);
    c.event(pod, "Normal", "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${r.node}`, { component: "default-scheduler" });
    return;
  }
  const prev = pod.status?.conditions?.[0];
  if (prev?.reason === "Unschedulable" && prev.message === r.message) return;
  pod.status = {
    phase: "Pending",
    conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: r.message, lastProbeTime: null, lastTransitionTime: iso(now) }],
    qosClass: pod.status?.qosClass ?? "Burstable",
  };
  c.store.put("pods", pod);
  c.event(pod, "Warning", "FailedScheduling", r.message, { component: "default-scheduler" });
}

/** Advance every container's state machine to `now`, then rewrite the pod status if it changed. */
function step(c: ClusterModel, pod: K8sObject, sim: PodSim, now: number): void {
  const node = pod.spec.nodeName as string;
  const source = { component: "kubelet", host: node };
  const name = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
  let next = Infinity;
  for (const ct of pod.spec.containers as any[]) {
    const cs = sim.containers.get(ct.name);
    if (!cs) continue;
    for (let guard = 0; guard < 1000; guard++) {
      const t = transitionTime(cs, sim);
      if (t > now) break;
      advance(c, pod, sim, cs, ct, t, source, name);
    }
    cs.restarts = cs.restarts.filter((r) => r > now - HOUR);
    next = Math.min(next, transitionTime(cs, sim));
  }
  if (sim.job && !sim.job.started && [...sim.containers.values()].every((x) => x.state === "running")) startJob(c, pod, sim);
  sim.nextAt = next;
  const status = renderStatus(pod, sim, now);
  if (JSON.stringify(status) !== JSON.stringify(pod.status)) {
    pod.status = status;
    c.store.put("pods", pod);
  }
}

function transitionTime(cs: ContainerSim, sim: PodSim): number {
  if (cs.state === "creating") return sim.startAt;
  if (cs.behaviour === "job" && cs.state === "running") return sim.job?.result ? Math.max(cs.until, 0) : Infinity;
  return cs.until;
}

function advance(c: ClusterModel, pod: K8sObject, sim: PodSim, cs: ContainerSim, ct: any, t: number, source: { component: string; host: string }, podName: string): void {
  const containerEvents = (restart: boolean) => {
    if (!restart) c.event(pod, "Normal", "Pulled", `Container image "${ct.image}" already present on machine`, source);
    c.event(pod, "Normal", "Created", `Created container ${ct.name}`, source);
    c.event(pod, "Normal", "Started", `Started container ${ct.name}`, source);
  };
  switch (cs.state) {
    case "creating":
      if (cs.behaviour === "pull") {
        c.event(pod, "Normal", "Pulling", `Pulling image "${ct.image}"`, source);
        c.event(pod, "Warning", "Failed", `Failed to pull image "${ct.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${ct.image}": not found`, source);
        c.event(pod, "Warning", "Failed", "Error: ErrImagePull", source);
        cs.backoffMs = BACKOFF_INITIAL_MS;
        cs.state = "backoff";
        cs.since = t;
        cs.until = t + cs.backoffMs;
        return;
      }
      cs.state = "running";
      cs.since = t;
      cs.until = cs.behaviour === "crash" ? t + CRASH_RUN_MS : cs.behaviour === "job" ? t + (sim.job?.durationMs ?? 3000) : Infinity;
      containerEvents(false);
      return;
    case "running":
      if (cs.behaviour === "job") {
        const ok = sim.job?.result?.succeeded ?? true;
        cs.state = "terminated";
        cs.exitCode = ok ? 0 : 1;
        cs.lastTerminated = { startedAt: cs.since, finishedAt: t, exitCode: cs.exitCode, reason: ok ? "Completed" : "Error" };
        cs.since = t;
        cs.until = Infinity;
        return;
      }
      // the process exited with an error: the kubelet backs off before restarting it
      cs.lastTerminated = { startedAt: cs.since, finishedAt: t, exitCode: 1, reason: "Error" };
      cs.backoffMs = cs.backoffMs === 0 || t - cs.since >= BACKOFF_RESET_MS ? BACKOFF_INITIAL_MS : Math.min(cs.backoffMs * 2, BACKOFF_MAX_MS);
      cs.state = "backoff";
      cs.since = t;
      cs.until = t + cs.backoffMs;
      c.event(pod, "Warning", "BackOff", `Back-off restarting failed container ${ct.name} in pod ${podName}`, source);
      return;
    case "backoff":
      if (cs.behaviour === "pull") {
        c.event(pod, "Normal", "BackOff", `Back-off pulling image "${ct.image}"`, source);
        c.event(pod, "Warning", "Failed", "Error: ImagePullBackOff", source);
        cs.backoffMs = Math.min(cs.backoffMs * 2, BACKOFF_MAX_MS);
        cs.since = t;
        cs.until = t + cs.backoffMs;
        return;
      }
      cs.restartCount++;
      cs.restarts.push(t);
      cs.state = "running";
      cs.since = t;
      cs.until = cs.behaviour === "crash" ? t + CRASH_RUN_MS : Infinity;
      containerEvents(true);
      return;
    case "terminated":
      cs.until = Infinity;
      return;
  }
}

function startJob(c: ClusterModel, pod: K8sObject, sim: PodSim): void {
  const job = sim.job!;
  job.started = true;
  const run = c.hooks
      ? c.hooks.onJobRun(c.name, job.cronJob, job.jobName).catch((e: unknown) => ({ succeeded: false, message: e instanceof Error ? e.message : String(e) }))
      : Promise.resolve({ succeeded: true });
  void run.then((result) => {
    job.result = result;
    sim.nextAt = 0;
    c.kick();
  });
}

function renderStatus(pod: K8sObject, sim: PodSim, now: number): any {
  const cts = pod.spec.containers as any[];
  const statuses = cts.map((ct) => containerStatus(ct, sim.containers.get(ct.name)!, pod));
  const started = now >= sim.startAt;
  const allReady = statuses.every((s) => s.ready);
  const terminated = statuses.every((s) => s.state.terminated);
  const failed = terminated && statuses.some((s) => s.state.terminated.exitCode !== 0);
  const pulling = statuses.some((s) => s.state.waiting && /ImagePull|ErrImage/.test(s.state.waiting.reason));
  const phase = terminated ? (failed ? "Failed" : "Succeeded") : !started || pulling && !statuses.some((s) => s.state.running || s.lastState.terminated) ? "Pending" : "Running";
  const scheduledAt = pod.status?.conditions?.find((x: any) => x.type === "PodScheduled")?.lastTransitionTime ?? iso(now);
  const readyAt = iso(Math.max(...[...sim.containers.values()].map((x) => x.since)));
  const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
  const cond = (type: string, ok: boolean, at: string, reason?: string, message?: string) => ({
    type,
    status: ok ? "True" : "False",
    lastProbeTime: null,
    lastTransitionTime: at,
    ...(reason && !ok ? { reason } : terminated && type !== "PodScheduled" && type !== "Initialized" ? { reason: "PodCompleted" } : {}),
    ...(message && !ok ? { message } : {}),
  });
  const ready = allReady && !terminated;
  const nr = `containers with unready status: [${notReady.join(" ")}]`;
  return {
    phase,
    conditions: [
      cond("PodReadyToStartContainers", started && !terminated, iso(sim.startAt)),
      cond("Initialized", true, scheduledAt),
      cond("Ready", ready, ready ? readyAt : iso(now), "ContainersNotReady", nr),
      cond("ContainersReady", ready, ready ? readyAt : iso(now), "ContainersNotReady", nr),
      cond("PodScheduled", true, scheduledAt),
    ].map((x) => (x.type === "Ready" || x.type === "ContainersReady" ? { ...x, lastTransitionTime: pod.status?.conditions?.find((y: any) => y.type === x.type && y.status === x.status)?.lastTransitionTime ?? x.lastTransitionTime } : x)),
    hostIP: nodeIp(pod),
    hostIPs: [{ ip: nodeIp(pod) }],
    podIP: podIp(pod),
    podIPs: [{ ip: podIp(pod) }],
    startTime: scheduledAt,
    containerStatuses: statuses,
    qosClass: pod.status?.qosClass ?? "Burstable",
  };
}

function containerStatus(ct: any, cs: ContainerSim, pod: K8sObject): any {
  const imageID = `${ct.image.includes("/") ? "" : "docker.io/library/"}${ct.image.split(":")[0]}@sha256:${cs.containerId.slice(13, 77).padEnd(64, "0")}`;
  const last = cs.lastTerminated
    ? { terminated: { containerID: cs.containerId, exitCode: cs.lastTerminated.exitCode, finishedAt: iso(cs.lastTerminated.finishedAt), reason: cs.lastTerminated.reason, startedAt: iso(cs.lastTerminated.startedAt) } }
    : {};
  const base = { name: ct.name, image: ct.image, restartCount: cs.restartCount };
  switch (cs.state) {
    case "creating":
      return { ...base, imageID: "", lastState: {}, ready: false, started: false, state: { waiting: { reason: "ContainerCreating" } } };
    case "running":
      return { ...base, containerID: cs.containerId, imageID, lastState: last, ready: true, started: true, state: { running: { startedAt: iso(cs.since) } } };
    case "terminated":
      return { ...base, containerID: cs.containerId, imageID, lastState: {}, ready: false, started: false, state: last };
    case "backoff":
      if (cs.behaviour === "pull") {
        return { ...base, imageID: "", lastState: {}, ready: false, started: false, state: { waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${ct.image}"` } } };
      }
      return {
        ...base,
        containerID: cs.containerId,
        imageID,
        lastState: last,
        ready: false,
        started: false,
        state: { waiting: { reason: "CrashLoopBackOff", message: `back-off ${goDuration(cs.backoffMs)} restarting failed container=${ct.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` } },
      };
  }
}

function nodeIp(pod: K8sObject): string {
  const n = String(pod.spec.nodeName ?? "");
  let h = 0;
  for (const ch of n) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `10.0.${(h >>> 8) % 250}.${(h % 250) + 2}`;
}

function podIp(pod: K8sObject): string {
  let h = 0;
  for (const ch of pod.metadata.uid ?? "") h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `10.42.${h % 200}.${((h >>> 8) % 250) + 2}`;
}

/** Go's time.Duration.String() for whole seconds: 10s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  return m > 0 ? `${m}m${total % 60}s` : `${total}s`;
}
