import type { Health, SlimPod } from "./types";

/** The named reasons a pod can be unwell, in one place. */
export type PodReason =
  | "CrashLoopBackOff" | "ImagePullBackOff" | "ErrImagePull" | "OOMKilled" | "Pending" | "NotReady"
  | "Failed" | "Evicted" | "ContainerCreating" | "Terminating" | "CreateContainerConfigError"
  | "Completed" | "Running";

export interface PodHealth {
  health: Health;
  reason: PodReason;
  /** one line for a person: "container api waits in CrashLoopBackOff (6 restarts, last OOMKilled)" */
  message: string;
  crashLooping: boolean;
  restarts: number;
  since: number | null;
}

/** The seed's alert rule: 3 or more restarts within 10 minutes. */
export const CRASH_LOOP_RESTARTS = 3;
export const CRASH_LOOP_WINDOW_MS = 10 * 60_000;
const RESTART_HISTORY_MS = 24 * 3600_000;
const MAX_RESTART_TIMES = 64;
const PENDING_GRACE_MS = 2 * 60_000;
const NOT_READY_GRACE_MS = 60_000;
const RECENT_OOM_MS = 3600_000;

const PULL_REASONS = new Set(["ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull"]);

/**
 * Restart times of a pod, as the informer sees restartCount grow. `previous` is the pod as last
 * seen (undefined on first sight), `times` the restart times recorded so far. On first sight we only
 * know each container's last termination time; afterwards every increase is stamped with the
 * container's newest finishedAt when the API gives a new one, else `now`.
 */
export function trackRestarts(previous: SlimPod | undefined, next: SlimPod, times: readonly number[], now: number): number[] {
  const out = [...times];
  for (const c of next.containers) {
    const before = previous?.containers.find((p) => p.name === c.name);
    const finished = c.lastTermination?.finishedAt ?? null;
    if (!before) {
      if (c.restartCount > 0 && finished !== null && !out.includes(finished)) out.push(finished);
      continue;
    }
    const delta = c.restartCount - before.restartCount;
    const previousFinish = before.lastTermination?.finishedAt ?? null;
    // Restarts since the last look happened by the newest termination time, when the API says it.
    const t = finished !== null && (previousFinish === null || finished > previousFinish) ? Math.min(finished, now) : now;
    for (let i = 0; i < delta; i++) out.push(t);
  }
  out.sort((a, b) => a - b);
  const cutoff = now - RESTART_HISTORY_MS;
  return out.filter((t) => t >= cutoff).slice(-MAX_RESTART_TIMES);
}

export function restartsWithin(times: readonly number[], now: number, windowMs: number): number {
  let n = 0;
  for (const t of times) if (now - t <= windowMs && t <= now) n++;
  return n;
}

/**
 * Crash-looping: a container waits in CrashLoopBackOff, or the pod restarted 3+ times in the last
 * 10 minutes (the kubelet's back-off soon slows a long loop below that rate, so both are needed).
 */
export function isCrashLooping(pod: SlimPod, restartTimes: readonly number[], now: number): boolean {
  if (pod.containers.some((c) => c.current.state === "waiting" && c.current.reason === "CrashLoopBackOff")) return true;
  return restartsWithin(restartTimes, now, CRASH_LOOP_WINDOW_MS) >= CRASH_LOOP_RESTARTS;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function podHealth(pod: SlimPod, restartTimes: readonly number[], now: number): PodHealth {
  const restarts = pod.containers.reduce((s, c) => s + c.restartCount, 0);
  const result = (health: Health, reason: PodReason, message: string, since: number | null = null): PodHealth => ({
    health, reason, message, crashLooping: reason === "CrashLoopBackOff", restarts, since,
  });
  const age = pod.createdAt === null ? Infinity : now - pod.createdAt;

  if (pod.deleting) return result("progressing", "Terminating", "being deleted");
  if (pod.phase === "Succeeded") return result("healthy", "Completed", "completed");
  if (pod.phase === "Failed") {
    if (pod.reason === "Evicted") return result("failed", "Evicted", "evicted by the kubelet");
    const t = pod.containers.find((c) => c.current.state === "terminated" && c.current.exitCode !== 0);
    const why = t ? `container ${t.name} exited ${t.current.exitCode ?? "?"}${t.current.reason ? ` (${t.current.reason})` : ""}` : pod.reason || "pod failed";
    return result("failed", "Failed", why, t?.current.finishedAt ?? null);
  }

  if (isCrashLooping(pod, restartTimes, now)) {
    const c = pod.containers.find((x) => x.current.reason === "CrashLoopBackOff")
      ?? [...pod.containers].sort((a, b) => b.restartCount - a.restartCount)[0];
    const recent = restartsWithin(restartTimes, now, CRASH_LOOP_WINDOW_MS);
    const last = c?.lastTermination;
    const lastWhy = last ? `, last exit ${last.exitCode ?? "?"}${last.reason ? ` ${last.reason}` : ""}` : "";
    const total = c?.restartCount ?? restarts;
    const rate = recent >= CRASH_LOOP_RESTARTS ? `${plural(recent, "restart")} in 10 min` : total > 0 ? plural(total, "restart") : "waiting in back-off";
    return result("failed", "CrashLoopBackOff", `container ${c?.name ?? "?"} is crash-looping (${rate}${lastWhy})`, restartTimes.at(-1) ?? null);
  }

  for (const c of pod.containers) {
    if (c.current.state !== "waiting") continue;
    if (PULL_REASONS.has(c.current.reason)) {
      const reason = c.current.reason === "ErrImagePull" ? "ErrImagePull" : "ImagePullBackOff";
      return result("failed", reason, `cannot pull ${c.image}${c.current.message ? `: ${c.current.message}` : ""}`);
    }
    if (c.current.reason === "CreateContainerConfigError") {
      return result("failed", "CreateContainerConfigError", c.current.message || `container ${c.name} config error`);
    }
  }

  if (pod.phase === "Pending") {
    const sched = pod.conditions.find((c) => c.type === "PodScheduled");
    const why = sched?.status === "False" ? `${sched.reason || "Unschedulable"}: ${sched.message}`.replace(/: $/, "")
      : pod.containers.find((c) => c.current.state === "waiting")?.current.reason || "waiting to start";
    const health: Health = age > PENDING_GRACE_MS ? "degraded" : "progressing";
    return result(health, health === "progressing" && why === "ContainerCreating" ? "ContainerCreating" : "Pending", `Pending — ${why}`, pod.createdAt);
  }

  const oom = pod.containers.find((c) => c.lastTermination?.reason === "OOMKilled" && c.lastTermination.finishedAt !== null
    && now - c.lastTermination.finishedAt < RECENT_OOM_MS);
  if (oom) {
    return result("degraded", "OOMKilled", `container ${oom.name} was OOMKilled (${plural(oom.restartCount, "restart")})`, oom.lastTermination?.finishedAt ?? null);
  }

  const ready = pod.conditions.find((c) => c.type === "Ready");
  if (pod.phase === "Running" && ready && ready.status !== "True") {
    const notReady = pod.containers.filter((c) => !c.init && !c.ready).map((c) => c.name);
    const health: Health = age > NOT_READY_GRACE_MS ? "degraded" : "progressing";
    return result(health, "NotReady", `running but not ready${notReady.length ? ` (${notReady.join(", ")})` : ""}`, ready.lastTransition);
  }
  if (pod.phase === "Unknown") return result("failed", "NotReady", "pod status unknown (node lost?)");
  return result("healthy", "Running", "running");
}
