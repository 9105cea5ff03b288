import type { SlimControllerRevision, SlimDeployment, SlimReplicaSet, SlimStatefulSet } from "./types";

export interface RolloutRevision {
  revision: number;
  name: string; // ReplicaSet or ControllerRevision name
  images: string[];
  changeCause: string;
  createdAt: number | null;
  current: boolean;
}

const ownedBy = (o: { owner: { kind: string; name: string; uid: string } | null }, kind: string, w: { name: string; uid: string }) =>
  o.owner?.kind === kind && (o.owner.uid ? o.owner.uid === w.uid : o.owner.name === w.name);

/** Deployment history as `kubectl rollout history` lists it: owned ReplicaSets by revision, newest first. */
export function deploymentHistory(d: SlimDeployment, replicaSets: SlimReplicaSet[]): RolloutRevision[] {
  const rows = replicaSets
    .filter((rs) => rs.namespace === d.namespace && ownedBy(rs, "Deployment", d))
    .map((rs) => ({ revision: rs.revision, name: rs.name, images: rs.images, changeCause: rs.changeCause, createdAt: rs.createdAt, current: false }))
    .sort((a, b) => b.revision - a.revision || (b.createdAt ?? 0) - (a.createdAt ?? 0));
  const current = rows.find((r) => r.revision === d.revision) ?? rows[0];
  if (current) current.current = true;
  return rows;
}

/** StatefulSet history from its ControllerRevisions; the update revision is current. */
export function statefulSetHistory(s: SlimStatefulSet, revisions: SlimControllerRevision[]): RolloutRevision[] {
  const rows = revisions
    .filter((r) => r.namespace === s.namespace && ownedBy(r, "StatefulSet", s))
    .map((r) => ({ revision: r.revision, name: r.name, images: r.images, changeCause: r.changeCause, createdAt: r.createdAt, current: r.name === s.updateRevision }))
    .sort((a, b) => b.revision - a.revision);
  if (rows.length && !rows.some((r) => r.current) && rows[0]) rows[0].current = true;
  return rows;
}

/** "api:1.4 → api:1.5" naming only the images that changed. */
export function imageChange(from: string[], to: string[]): string {
  const removed = from.filter((i) => !to.includes(i));
  const added = to.filter((i) => !from.includes(i));
  if (!removed.length && !added.length) return "same images (template change)";
  return `${removed.join(", ") || "—"} → ${added.join(", ") || "—"}`;
}
