import { scaleWarning, validateReplicas, type AutoscalerRef } from "@/lib/domain/rollout";
import { DomainError } from "@/server/api/errors";
import { type ActionCluster, FIELD_MANAGER, kube, mergePatch } from "./kube";
import type { WorkloadRef } from "./rollback";

/** Current replicas and the autoscaler warning for the scale dialog. */
export async function scaleOptions(c: ActionCluster, ref: WorkloadRef, requested?: number) {
  const { namespace, name } = ref;
  const scale =
    ref.kind === "Deployment"
      ? await kube(c, () => c.apps.readNamespacedDeploymentScale({ name, namespace }))
      : await kube(c, () => c.apps.readNamespacedStatefulSetScale({ name, namespace }));
  const hpas = await kube(c, () => c.autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace }));
  const refs: AutoscalerRef[] = hpas.items.map((h) => ({
    name: h.metadata?.name ?? "",
    scaleTargetRef: h.spec?.scaleTargetRef ?? { kind: "", name: "" },
    minReplicas: h.spec?.minReplicas,
    maxReplicas: h.spec?.maxReplicas ?? 0,
  }));
  const replicas = scale.spec?.replicas ?? 0;
  return { replicas, warning: scaleWarning({ kind: ref.kind, name }, refs, requested ?? replicas) };
}

/** `kubectl scale --replicas=N`: a merge patch on the scale subresource. */
export async function performScale(c: ActionCluster, ref: WorkloadRef, replicas: number) {
  const invalid = validateReplicas(replicas);
  if (invalid) throw new DomainError("BAD_REQUEST", invalid);
  const { namespace, name } = ref;
  const body = { spec: { replicas } };
  if (ref.kind === "Deployment") {
    await kube(c, () => c.apps.patchNamespacedDeploymentScale({ name, namespace, body, fieldManager: FIELD_MANAGER }, mergePatch));
  } else {
    await kube(c, () => c.apps.patchNamespacedStatefulSetScale({ name, namespace, body, fieldManager: FIELD_MANAGER }, mergePatch));
  }
  return { message: `${ref.kind.toLowerCase()}.apps/${name} scaled to ${replicas}`, data: { replicas } };
}
