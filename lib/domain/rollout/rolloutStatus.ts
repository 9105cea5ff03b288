import type { V1Deployment, V1StatefulSet } from "@kubernetes/client-node";

/**
 * `kubectl rollout status` as a pure evaluation of one observed object (kubectl
 * pkg/polymorphichelpers/rollout_status.go), plus the caller's deadline: progressing, complete,
 * failed (ProgressDeadlineExceeded) or timed out.
 */
export type RolloutPhase = "progressing" | "complete" | "failed" | "timed-out";

export interface RolloutStatus {
  phase: RolloutPhase;
  message: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
}

export interface RolloutDeadline {
  startedAt: number;
  now: number;
  timeoutMs: number;
}

type ReplicaCounts = Pick<RolloutStatus, "desired" | "updated" | "ready" | "available">;

/** The counts both kinds report: desired from spec (default 1), the rest from status (default 0). */
function replicaCounts(
  desired: number,
  st: { updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number },
): ReplicaCounts {
  return {
    desired,
    updated: st.updatedReplicas ?? 0,
    ready: st.readyReplicas ?? 0,
    available: st.availableReplicas ?? 0,
  };
}

/** A rollout still progressing past the caller's deadline has timed out; otherwise the evaluation stands. */
function withDeadline(
  counts: ReplicaCounts,
  result: { phase: RolloutPhase; message: string },
  opts: RolloutDeadline,
  timedOutPrefix: string,
): RolloutStatus {
  if (result.phase === "progressing" && opts.now - opts.startedAt > opts.timeoutMs) {
    return { ...counts, phase: "timed-out", message: `${timedOutPrefix}: ${result.message}` };
  }
  return { ...counts, ...result };
}

export function deploymentRolloutStatus(d: V1Deployment, opts: RolloutDeadline): RolloutStatus {
  const name = d.metadata?.name ?? "";
  const st = d.status ?? {};
  const desired = d.spec?.replicas ?? 1;
  const counts = replicaCounts(desired, st);
  return withDeadline(counts, evaluateDeployment(), opts, `timed out waiting for deployment "${name}" rollout`);

  function evaluateDeployment(): { phase: RolloutPhase; message: string } {
    if ((d.metadata?.generation ?? 0) > (st.observedGeneration ?? 0)) {
      return { phase: "progressing", message: "Waiting for deployment spec update to be observed..." };
    }
    const progressing = (st.conditions ?? []).find((c) => c.type === "Progressing");
    if (progressing?.reason === "ProgressDeadlineExceeded") {
      return { phase: "failed", message: `deployment "${name}" exceeded its progress deadline` };
    }
    const replicas = st.replicas ?? 0;
    if (d.spec?.replicas !== undefined && counts.updated < desired) {
      return {
        phase: "progressing",
        message: `Waiting for deployment "${name}" rollout to finish: ${counts.updated} out of ${desired} new replicas have been updated...`,
      };
    }
    if (replicas > counts.updated) {
      return {
        phase: "progressing",
        message: `Waiting for deployment "${name}" rollout to finish: ${replicas - counts.updated} old replicas are pending termination...`,
      };
    }
    if (counts.available < counts.updated) {
      return {
        phase: "progressing",
        message: `Waiting for deployment "${name}" rollout to finish: ${counts.available} of ${counts.updated} updated replicas are available...`,
      };
    }
    return { phase: "complete", message: `deployment "${name}" successfully rolled out` };
  }
}

export function statefulSetRolloutStatus(s: V1StatefulSet, opts: RolloutDeadline): RolloutStatus {
  const st = s.status ?? { replicas: 0 };
  const desired = s.spec?.replicas ?? 1;
  const counts = replicaCounts(desired, st);
  return withDeadline(counts, evaluate(), opts, "timed out waiting for the rollout");

  function evaluate(): { phase: RolloutPhase; message: string } {
    const strategy = s.spec?.updateStrategy?.type ?? "RollingUpdate";
    if (strategy !== "RollingUpdate") {
      return { phase: "failed", message: "rollout status is only available for RollingUpdate strategy type" };
    }
    if (!st.observedGeneration || (s.metadata?.generation ?? 0) > st.observedGeneration) {
      return { phase: "progressing", message: "Waiting for statefulset spec update to be observed..." };
    }
    if (s.spec?.replicas !== undefined && counts.ready < desired) {
      return { phase: "progressing", message: `Waiting for ${desired - counts.ready} pods to be ready...` };
    }
    const partition = s.spec?.updateStrategy?.rollingUpdate?.partition;
    if (s.spec?.updateStrategy?.rollingUpdate) {
      if (s.spec.replicas !== undefined && partition !== undefined && counts.updated < desired - partition) {
        return {
          phase: "progressing",
          message: `Waiting for partitioned roll out to finish: ${counts.updated} out of ${desired - (partition ?? 0)} new pods have been updated...`,
        };
      }
      return { phase: "complete", message: `partitioned roll out complete: ${counts.updated} new pods have been updated...` };
    }
    if (st.updateRevision !== st.currentRevision) {
      return {
        phase: "progressing",
        message: `waiting for statefulset rolling update to complete ${counts.updated} pods at revision ${st.updateRevision}...`,
      };
    }
    return {
      phase: "complete",
      message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...`,
    };
  }
}
