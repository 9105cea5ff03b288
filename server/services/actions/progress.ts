import { deploymentRolloutStatus, jobPhase, statefulSetRolloutStatus, type RolloutStatus } from "@/lib/domain/rollout";
import { type ActionCluster, kube, labelSelectorString } from "./kube";
import type { WorkloadRef } from "./rollback";

export const ROLLOUT_TIMEOUT_MS = 10 * 60_000;

export interface RolloutProgress extends RolloutStatus {
  pods: Array<{ name: string; phase: string; ready: boolean; createdAt: string | null }>;
}

/** One `kubectl rollout status` observation (fresh GET), plus the workload's pods coming up. */
export async function rolloutProgress(
  c: ActionCluster,
  ref: WorkloadRef,
  opts: { startedAt: number; now: number; timeoutMs?: number },
): Promise<RolloutProgress> {
  const { namespace, name } = ref;
  const clock = { ...opts, timeoutMs: opts.timeoutMs ?? ROLLOUT_TIMEOUT_MS };
  const obj =
    ref.kind === "Deployment"
      ? await kube(c, () => c.apps.readNamespacedDeployment({ name, namespace }))
      : await kube(c, () => c.apps.readNamespacedStatefulSet({ name, namespace }));
  const status =
    ref.kind === "Deployment"
      ? deploymentRolloutStatus(obj as Parameters<typeof deploymentRolloutStatus>[0], clock)
      : statefulSetRolloutStatus(obj as Parameters<typeof statefulSetRolloutStatus>[0], clock);
  const labelSelector = labelSelectorString(obj.spec?.selector);
  const pods = await kube(c, () => c.core.listNamespacedPod({ namespace, labelSelector }));
  return {
    ...status,
    pods: pods.items.map((p) => ({
      name: p.metadata?.name ?? "",
      phase: p.status?.phase ?? "Unknown",
      ready: (p.status?.conditions ?? []).some((x) => x.type === "Ready" && x.status === "True"),
      createdAt: p.metadata?.creationTimestamp ? new Date(p.metadata.creationTimestamp).toISOString() : null,
    })),
  };
}

/** A Job's state for the run-now progress panel. */
export async function jobProgress(c: ActionCluster, namespace: string, name: string) {
  const job = await kube(c, () => c.batch.readNamespacedJob({ name, namespace }));
  const { phase, message } = jobPhase(job);
  return {
    phase,
    message,
    active: job.status?.active ?? 0,
    succeeded: job.status?.succeeded ?? 0,
    failed: job.status?.failed ?? 0,
    startedAt: job.status?.startTime ? new Date(job.status.startTime).toISOString() : null,
    completedAt: job.status?.completionTime ? new Date(job.status.completionTime).toISOString() : null,
  };
}
