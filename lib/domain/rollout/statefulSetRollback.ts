import type { V1ControllerRevision, V1PodTemplateSpec, V1StatefulSet } from "@kubernetes/client-node";
import { containerImages, deepEqual } from "./templates";

/**
 * `kubectl rollout undo statefulset/NAME [--to-revision=N]` over ControllerRevisions
 * (kubectl pkg/polymorphichelpers/rollback.go StatefulSetRollbacker + history.go).
 */

export interface StatefulSetRevision {
  revision: number;
  controllerRevision: string;
  images: Array<{ container: string; image: string }>;
  createdAt: string | null;
  current: boolean;
  template: V1PodTemplateSpec;
}

export type StatefulSetRollbackPlan =
  | { kind: "patch"; revision: number; /** strategic-merge patch body = ControllerRevision.data */ patch: unknown; template: V1PodTemplateSpec }
  | { kind: "skip"; revision: number; message: string }
  | { kind: "refused"; message: string };

/** ControllerRevisions controlled by the StatefulSet (controller ownerReference with its UID). */
export function ownedControllerRevisions(sts: V1StatefulSet, revisions: V1ControllerRevision[]): V1ControllerRevision[] {
  const uid = sts.metadata?.uid;
  return revisions.filter((r) => (r.metadata?.ownerReferences ?? []).some((o) => o.controller === true && o.uid === uid));
}

/** kubectl's getStatefulSetPatch: {"spec":{"template":{...template, "$patch":"replace"}}}. */
export function statefulSetPatchOf(sts: V1StatefulSet): { spec: { template: Record<string, unknown> } } {
  const template = JSON.parse(JSON.stringify(sts.spec?.template ?? {})) as Record<string, unknown>;
  template.$patch = "replace";
  return { spec: { template } };
}

function templateOfRevision(r: V1ControllerRevision): V1PodTemplateSpec {
  const data = revisionData(r) as { spec?: { template?: Record<string, unknown> } } | undefined;
  const t = { ...(data?.spec?.template ?? {}) };
  delete t.$patch;
  return t as V1PodTemplateSpec;
}

function revisionData(r: V1ControllerRevision): unknown {
  const d = r.data as unknown;
  if (typeof d === "string") {
    try {
      return JSON.parse(d);
    } catch {
      return undefined;
    }
  }
  return d;
}

function createdAt(r: V1ControllerRevision): string | null {
  const t = r.metadata?.creationTimestamp as unknown;
  if (t instanceof Date) return t.toISOString();
  return typeof t === "string" ? t : null;
}

function revisionMatches(sts: V1StatefulSet, r: V1ControllerRevision): boolean {
  return deepEqual(JSON.parse(JSON.stringify(revisionData(r) ?? null)), statefulSetPatchOf(sts));
}

/** History of a StatefulSet, ascending by revision; current = the status.updateRevision (or matching template). */
export function statefulSetHistory(sts: V1StatefulSet, revisions: V1ControllerRevision[]): StatefulSetRevision[] {
  return ownedControllerRevisions(sts, revisions)
    .map((r) => ({
      revision: Number(r.revision),
      controllerRevision: r.metadata?.name ?? "",
      images: containerImages(templateOfRevision(r)),
      createdAt: createdAt(r),
      current: revisionMatches(sts, r),
      template: templateOfRevision(r),
    }))
    .sort((a, b) => a.revision - b.revision);
}

/** The rollback kubectl would do for a StatefulSet. */
export function planStatefulSetRollback(
  sts: V1StatefulSet,
  revisions: V1ControllerRevision[],
  toRevision = 0,
): StatefulSetRollbackPlan {
  const history = [...ownedControllerRevisions(sts, revisions)].sort((a, b) => Number(a.revision) - Number(b.revision));
  if (toRevision < 0) return { kind: "refused", message: `unable to find specified revision ${toRevision} in history` };
  if (toRevision === 0 && history.length <= 1) return { kind: "refused", message: "no last revision to roll back to" };
  const target =
    toRevision === 0 ? history[history.length - 2] : history.find((r) => Number(r.revision) === toRevision);
  if (!target) return { kind: "refused", message: `unable to find specified revision ${toRevision} in history` };
  const revision = Number(target.revision);
  if (revisionMatches(sts, target)) {
    return {
      kind: "skip",
      revision,
      message: `statefulset.apps/${sts.metadata?.name ?? ""} skipped rollback (current template already matches revision ${revision})`,
    };
  }
  return { kind: "patch", revision, patch: revisionData(target), template: templateOfRevision(target) };
}
