import { planPromotion } from "@/lib/domain/rollout";
import { DomainError } from "@/server/api/errors";
import { type ActionCluster, FIELD_MANAGER, kube, strategicMergePatch } from "./kube";

/** Staging images next to production's for one Deployment present in both clusters. */
export async function promotionPlan(staging: ActionCluster, production: ActionCluster, namespace: string, name: string) {
  const [s, p] = await Promise.all([
    kube(staging, () => staging.apps.readNamespacedDeployment({ name, namespace })),
    kube(production, () => production.apps.readNamespacedDeployment({ name, namespace })),
  ]);
  return planPromotion(s.spec?.template, p.spec?.template);
}

/** Set production's container images to staging's (the manual `kubectl set image` step), dry run first. */
export async function performPromotion(staging: ActionCluster, production: ActionCluster, namespace: string, name: string) {
  const plan = await promotionPlan(staging, production, namespace, name);
  if (!plan.patch) throw new DomainError("PRECONDITION_FAILED", `Production already runs staging's images for ${name}; nothing to promote.`);
  const body = plan.patch;
  await kube(production, () =>
    production.apps.patchNamespacedDeployment({ name, namespace, body, dryRun: "All", fieldManager: FIELD_MANAGER }, strategicMergePatch),
  );
  await kube(production, () =>
    production.apps.patchNamespacedDeployment({ name, namespace, body, fieldManager: FIELD_MANAGER }, strategicMergePatch),
  );
  const changed = plan.lines.filter((l) => l.change === "update").map((l) => `${l.container}=${l.staging}`);
  return { message: `deployment.apps/${name} on ${production.name} now runs ${changed.join(", ")}`, data: { lines: plan.lines } };
}
