import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from "@kubernetes/client-node";
import { canonicalQuantities } from "./quantity";
import { POD_TEMPLATE_HASH, cloneTemplate, containerImages, templatesEqualIgnoringHash } from "./templates";

/**
 * `kubectl rollout undo deployment/NAME [--to-revision=N]` and `kubectl rollout history`, as pure
 * functions over the Deployment and the ReplicaSets listed by its selector
 * (kubectl pkg/polymorphichelpers/rollback.go + pkg/util/deployment/deployment.go).
 */

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";

/** Deployment annotations kubectl keeps from the Deployment and never copies from the ReplicaSet. */
export const ANNOTATIONS_TO_SKIP = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION_ANNOTATION,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

export type JsonPatchOp = { op: "replace"; path: string; value: unknown };

export interface DeploymentRevision {
  revision: number;
  replicaSet: string;
  images: Array<{ container: string; image: string }>;
  changeCause: string | null;
  /** RFC 3339 creation time of the ReplicaSet */
  createdAt: string | null;
  /** this revision's template is the Deployment's current template */
  current: boolean;
  template: V1PodTemplateSpec;
}

export type RollbackPlan =
  | {
      kind: "patch";
      revision: number;
      /** the JSON Patch kubectl sends (Content-Type application/json-patch+json) */
      patch: JsonPatchOp[];
      template: V1PodTemplateSpec;
      annotations: Record<string, string>;
    }
  | { kind: "skip"; revision: number; message: string }
  | { kind: "refused"; message: string };

/** Revision of a ReplicaSet: missing annotation → 0, unparsable → undefined (kubectl skips it). */
export function replicaSetRevision(rs: V1ReplicaSet): number | undefined {
  const v = rs.metadata?.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v.trim()) ? Number.parseInt(v, 10) : undefined;
}

/** ReplicaSets controlled by the Deployment (ownerReference controller=true with its UID). */
export function ownedReplicaSets(deployment: V1Deployment, replicaSets: V1ReplicaSet[]): V1ReplicaSet[] {
  const uid = deployment.metadata?.uid;
  return replicaSets.filter((rs) =>
    (rs.metadata?.ownerReferences ?? []).some((o) => o.controller === true && o.uid === uid),
  );
}

function creationMs(rs: V1ReplicaSet): number {
  const t = rs.metadata?.creationTimestamp as unknown;
  if (t instanceof Date) return t.getTime();
  return typeof t === "string" ? Date.parse(t) : 0;
}

/** kubectl's FindNewReplicaSet: oldest (then by name) owned RS whose template equals the Deployment's. */
export function findNewReplicaSet(deployment: V1Deployment, owned: V1ReplicaSet[]): V1ReplicaSet | undefined {
  const sorted = [...owned].sort(
    (a, b) => creationMs(a) - creationMs(b) || (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""),
  );
  return sorted.find((rs) => templatesEqualIgnoringHash(rs.spec?.template, deployment.spec?.template));
}

/** All owned ReplicaSets in kubectl's order: old ones (list order), then the new one. */
function allReplicaSets(deployment: V1Deployment, replicaSets: V1ReplicaSet[]): V1ReplicaSet[] {
  const owned = ownedReplicaSets(deployment, replicaSets);
  const newRS = findNewReplicaSet(deployment, owned);
  const old = owned.filter((rs) => rs !== newRS);
  return newRS ? [...old, newRS] : old;
}

function createdAt(rs: V1ReplicaSet): string | null {
  const t = rs.metadata?.creationTimestamp as unknown;
  if (t instanceof Date) return t.toISOString();
  return typeof t === "string" ? t : null;
}

/** `kubectl rollout history deployment/NAME`, with images and which revision is current; ascending. */
export function deploymentHistory(deployment: V1Deployment, replicaSets: V1ReplicaSet[]): DeploymentRevision[] {
  const owned = ownedReplicaSets(deployment, replicaSets);
  const newRS = findNewReplicaSet(deployment, owned);
  const out: DeploymentRevision[] = [];
  for (const rs of owned) {
    const revision = replicaSetRevision(rs);
    if (revision === undefined) continue;
    out.push({
      revision,
      replicaSet: rs.metadata?.name ?? "",
      images: containerImages(rs.spec?.template),
      changeCause: rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? null,
      createdAt: createdAt(rs),
      current: rs === newRS,
      template: cloneTemplate(rs.spec?.template),
    });
  }
  return out.sort((a, b) => a.revision - b.revision);
}

/** kubectl's deploymentRevision(): the RS for revision N, or the second-highest when N is 0. */
export function replicaSetForRevision(
  deployment: V1Deployment,
  replicaSets: V1ReplicaSet[],
  toRevision: number,
): { rs: V1ReplicaSet; revision: number } | { error: string } {
  const name = deployment.metadata?.name ?? "";
  if (toRevision < 0) return { error: `unable to find specified revision ${toRevision} in history` };
  let latest: { rs: V1ReplicaSet; revision: number } | undefined;
  let previous: { rs: V1ReplicaSet; revision: number } | undefined;
  for (const rs of allReplicaSets(deployment, replicaSets)) {
    const v = replicaSetRevision(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if ((latest?.revision ?? -1) < v) {
        previous = latest;
        latest = { rs, revision: v };
      } else if ((previous?.revision ?? -1) < v) {
        previous = { rs, revision: v };
      }
    } else if (toRevision === v) {
      return { rs, revision: v };
    }
  }
  if (toRevision > 0) return { error: `unable to find specified revision ${toRevision} in history` };
  if (!previous) return { error: `no rollout history found for deployment "${name}"` };
  return previous;
}

/**
 * The rollback kubectl would do: refuse a paused Deployment, skip when the chosen revision's template
 * is already the Deployment's, else a JSON Patch replacing /spec/template (pod-template-hash removed)
 * and /metadata/annotations (the six deployment-owned annotations kept, the rest from the ReplicaSet).
 */
export function planDeploymentRollback(
  deployment: V1Deployment,
  replicaSets: V1ReplicaSet[],
  toRevision = 0,
): RollbackPlan {
  const name = deployment.metadata?.name ?? "";
  const found = replicaSetForRevision(deployment, replicaSets, toRevision);
  if ("error" in found) return { kind: "refused", message: found.error };
  if (deployment.spec?.paused) {
    return {
      kind: "refused",
      message: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    };
  }
  const { rs, revision } = found;
  if (templatesEqualIgnoringHash(rs.spec?.template, deployment.spec?.template)) {
    return {
      kind: "skip",
      revision,
      message: `deployment.apps/${name} skipped rollback (current template already matches revision ${revision})`,
    };
  }
  // kubectl round-trips the template through Go types: quantities come out canonical ("1024Mi" → "1Gi")
  const template = canonicalQuantities(cloneTemplate(rs.spec?.template));
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  const annotations: Record<string, string> = {};
  const current = deployment.metadata?.annotations ?? {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = current[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  }
  return {
    kind: "patch",
    revision,
    template,
    annotations,
    patch: [
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ],
  };
}
