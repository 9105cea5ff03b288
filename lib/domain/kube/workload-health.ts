import type { Health, SlimCronJob, SlimDeployment, SlimJob, SlimStatefulSet } from "./types";

export interface WorkloadHealth {
  health: Health;
  reason: "ProgressDeadlineExceeded" | "NoReplicasAvailable" | "Unavailable" | "RollingOut" | "Paused"
    | "ScaledToZero" | "Available" | "LastRunFailed" | "Suspended" | "Running" | "Scheduled" | "ReplicaFailure";
  message: string;
  since: number | null;
}

/**
 * Deployment health from available/desired/updated replicas and the rollout conditions: a
 * Progressing=False/ProgressDeadlineExceeded rollout has failed; fewer available than desired is
 * degraded (no replica at all: failed); an unfinished rollout is progressing.
 */
export function deploymentHealth(d: SlimDeployment): WorkloadHealth {
  const progressing = d.conditions.find((c) => c.type === "Progressing");
  const failure = d.conditions.find((c) => c.type === "ReplicaFailure" && c.status === "True");
  if (progressing?.status === "False" && progressing.reason === "ProgressDeadlineExceeded") {
    return { health: "failed", reason: "ProgressDeadlineExceeded", message: `rollout stuck: ${progressing.message || "progress deadline exceeded"}`, since: progressing.lastTransition };
  }
  if (failure) return { health: "failed", reason: "ReplicaFailure", message: failure.message || "replica set cannot create pods", since: failure.lastTransition };
  if (d.desired === 0) return { health: "healthy", reason: "ScaledToZero", message: "scaled to zero", since: null };
  if (d.available === 0) {
    return { health: "failed", reason: "NoReplicasAvailable", message: `0/${d.desired} replicas available`, since: d.conditions.find((c) => c.type === "Available")?.lastTransition ?? null };
  }
  if (d.paused) return { health: "degraded", reason: "Paused", message: `rollout paused (${d.updated}/${d.desired} updated)`, since: null };
  const rolling = d.observedGeneration < d.generation || d.updated < d.desired;
  if (rolling) {
    return { health: "progressing", reason: "RollingOut", message: `rolling out: ${d.updated}/${d.desired} updated, ${d.available} available`, since: progressing?.lastTransition ?? null };
  }
  if (d.available < d.desired) {
    return { health: "degraded", reason: "Unavailable", message: `${d.available}/${d.desired} replicas available`, since: null };
  }
  return { health: "healthy", reason: "Available", message: `${d.available}/${d.desired} available`, since: null };
}

export function statefulSetHealth(s: SlimStatefulSet): WorkloadHealth {
  if (s.desired === 0) return { health: "healthy", reason: "ScaledToZero", message: "scaled to zero", since: null };
  if (s.ready === 0) return { health: "failed", reason: "NoReplicasAvailable", message: `0/${s.desired} replicas ready`, since: null };
  const rolling = s.observedGeneration < s.generation || (s.updateRevision !== "" && s.updateRevision !== s.currentRevision) || s.updated < s.desired;
  if (rolling) return { health: "progressing", reason: "RollingOut", message: `rolling out: ${s.updated}/${s.desired} updated, ${s.ready} ready`, since: null };
  if (s.ready < s.desired) return { health: "degraded", reason: "Unavailable", message: `${s.ready}/${s.desired} replicas ready`, since: null };
  return { health: "healthy", reason: "Available", message: `${s.ready}/${s.desired} ready`, since: null };
}

/** The CronJob's most recent Job decides: failed last run → failed; a run in progress → progressing. */
export function cronJobHealth(cj: SlimCronJob, jobs: SlimJob[]): WorkloadHealth {
  const mine = jobs
    .filter((j) => j.owner?.kind === "CronJob" && (j.owner.uid === cj.uid || (!j.owner.uid && j.owner.name === cj.name)))
    .sort((a, b) => (b.startedAt ?? b.createdAt ?? 0) - (a.startedAt ?? a.createdAt ?? 0));
  const finished = mine.find((j) => j.conditions.some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True"));
  const failedCond = finished?.conditions.find((c) => c.type === "Failed" && c.status === "True");
  if (failedCond) {
    return { health: "failed", reason: "LastRunFailed", message: `last run ${finished?.name} failed${failedCond.reason ? `: ${failedCond.reason}` : ""}`, since: failedCond.lastTransition };
  }
  if (cj.suspend) return { health: "healthy", reason: "Suspended", message: "suspended", since: null };
  if (cj.active > 0) return { health: "progressing", reason: "Running", message: `${cj.active} job${cj.active > 1 ? "s" : ""} running`, since: cj.lastSchedule };
  return { health: "healthy", reason: "Scheduled", message: cj.schedule ? `schedule ${cj.schedule}` : "scheduled", since: cj.lastSchedule };
}
