import type { V1PodTemplateSpec } from "@kubernetes/client-node";
import {
  deploymentHistory,
  imageDiff,
  planDeploymentRollback,
  planStatefulSetRollback,
  statefulSetHistory,
  templateDiff,
  type DiffLine,
  type ImageChange,
} from "@/lib/domain/rollout";
import { DomainError } from "@/server/api/errors";
import { type ActionCluster, jsonPatch, kube, labelSelectorString, listAll, strategicMergePatch, withConflictRetry } from "./kube";

/**
 * Rollback of a Deployment (ReplicaSet history) or StatefulSet (ControllerRevisions), exactly as
 * `kubectl rollout undo [--to-revision=N]`: fresh GET + LIST, the plan from lib/domain/rollout, a
 * server-side dry run (dryRun=All), then the real patch.
 */
export type WorkloadKind = "Deployment" | "StatefulSet";

export interface WorkloadRef {
  namespace: string;
  kind: WorkloadKind;
  name: string;
}

export interface RevisionOption {
  revision: number;
  images: Array<{ container: string; image: string }>;
  changeCause: string | null;
  createdAt: string | null;
  current: boolean;
  imageDiff: ImageChange[];
  templateDiff: DiffLine[];
}

async function readHistory(c: ActionCluster, ref: WorkloadRef) {
  const { namespace, name } = ref;
  if (ref.kind === "Deployment") {
    const dep = await kube(c, () => c.apps.readNamespacedDeployment({ name, namespace }));
    const labelSelector = labelSelectorString(dep.spec?.selector);
    const rss = await listAll((cont) => kube(c, () => c.apps.listNamespacedReplicaSet({ namespace, labelSelector, _continue: cont })));
    return { kind: "Deployment" as const, dep, rss, template: dep.spec?.template };
  }
  const sts = await kube(c, () => c.apps.readNamespacedStatefulSet({ name, namespace }));
  const labelSelector = labelSelectorString(sts.spec?.selector);
  const revs = await listAll((cont) =>
    kube(c, () => c.apps.listNamespacedControllerRevision({ namespace, labelSelector, _continue: cont })),
  );
  return { kind: "StatefulSet" as const, sts, revs, template: sts.spec?.template };
}

/** What the rollback dialog lists: every revision with images, change-cause, age, current, and the diff to it. */
export async function rollbackOptions(c: ActionCluster, ref: WorkloadRef): Promise<{ revisions: RevisionOption[]; paused: boolean }> {
  const h = await readHistory(c, ref);
  const current: V1PodTemplateSpec | undefined = h.template;
  const rows =
    h.kind === "Deployment"
      ? deploymentHistory(h.dep, h.rss).map((r) => ({ ...r }))
      : statefulSetHistory(h.sts, h.revs).map((r) => ({ ...r, changeCause: null }));
  return {
    paused: h.kind === "Deployment" ? Boolean(h.dep.spec?.paused) : false,
    revisions: rows
      .map((r) => ({
        revision: r.revision,
        images: r.images,
        changeCause: r.changeCause,
        createdAt: r.createdAt,
        current: r.current,
        imageDiff: imageDiff(current, r.template),
        templateDiff: r.current ? [] : templateDiff(current, r.template),
      }))
      .reverse(),
  };
}

export interface RollbackResult {
  revision: number;
  skipped: boolean;
}

/** The rollback itself; refusals become PRECONDITION_FAILED with kubectl's sentence. */
export async function performRollback(
  c: ActionCluster,
  ref: WorkloadRef,
  toRevision: number,
): Promise<{ message: string; data: RollbackResult }> {
  const { namespace, name } = ref;
  return withConflictRetry(async () => {
    const h = await readHistory(c, ref);
    if (h.kind === "Deployment") {
      const plan = planDeploymentRollback(h.dep, h.rss, toRevision);
      if (plan.kind === "refused") throw new DomainError("PRECONDITION_FAILED", plan.message);
      if (plan.kind === "skip") return { message: plan.message, data: { revision: plan.revision, skipped: true } };
      const body = plan.patch;
      await kube(c, () => c.apps.patchNamespacedDeployment({ name, namespace, body, dryRun: "All" }, jsonPatch));
      await kube(c, () => c.apps.patchNamespacedDeployment({ name, namespace, body }, jsonPatch));
      return {
        message: `deployment.apps/${name} rolled back to revision ${plan.revision}`,
        data: { revision: plan.revision, skipped: false },
      };
    }
    const plan = planStatefulSetRollback(h.sts, h.revs, toRevision);
    if (plan.kind === "refused") throw new DomainError("PRECONDITION_FAILED", plan.message);
    if (plan.kind === "skip") return { message: plan.message, data: { revision: plan.revision, skipped: true } };
    const body = plan.patch as object;
    await kube(c, () => c.apps.patchNamespacedStatefulSet({ name, namespace, body, dryRun: "All" }, strategicMergePatch));
    await kube(c, () => c.apps.patchNamespacedStatefulSet({ name, namespace, body }, strategicMergePatch));
    return {
      message: `statefulset.apps/${name} rolled back to revision ${plan.revision}`,
      data: { revision: plan.revision, skipped: false },
    };
  });
}
