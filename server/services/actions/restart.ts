import { RESTARTED_AT_ANNOTATION, restartPatch, restartRefusal } from "@/lib/domain/rollout";
import { DomainError } from "@/server/api/errors";
import { type ActionCluster, FIELD_MANAGER, kube, strategicMergePatch } from "./kube";
import type { WorkloadRef } from "./rollback";

/** `kubectl rollout restart`: the restartedAt strategic-merge patch on the pod template. */
export async function performRestart(c: ActionCluster, ref: WorkloadRef, now: Date): Promise<{ message: string; data: { restartedAt: string } }> {
  const { namespace, name } = ref;
  const obj =
    ref.kind === "Deployment"
      ? await kube(c, () => c.apps.readNamespacedDeployment({ name, namespace }))
      : await kube(c, () => c.apps.readNamespacedStatefulSet({ name, namespace }));
  const refusal = restartRefusal(
    {
      kind: ref.kind,
      name,
      paused: ref.kind === "Deployment" ? Boolean((obj.spec as { paused?: boolean } | undefined)?.paused) : false,
      restartedAt: obj.spec?.template.metadata?.annotations?.[RESTARTED_AT_ANNOTATION],
    },
    now,
  );
  if (refusal) throw new DomainError("PRECONDITION_FAILED", refusal);
  const body = restartPatch(now);
  if (ref.kind === "Deployment") {
    await kube(c, () => c.apps.patchNamespacedDeployment({ name, namespace, body, fieldManager: FIELD_MANAGER }, strategicMergePatch));
  } else {
    await kube(c, () => c.apps.patchNamespacedStatefulSet({ name, namespace, body, fieldManager: FIELD_MANAGER }, strategicMergePatch));
  }
  const restartedAt = body.spec.template.metadata.annotations[RESTARTED_AT_ANNOTATION] ?? "";
  return { message: `${ref.kind.toLowerCase()}.apps/${name} restarted`, data: { restartedAt } };
}
