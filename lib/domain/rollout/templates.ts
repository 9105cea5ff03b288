import type { V1PodTemplateSpec } from "@kubernetes/client-node";
import { canonicalQuantities } from "./quantity";

/** The label the Deployment controller adds to every ReplicaSet's pod template. */
export const POD_TEMPLATE_HASH = "pod-template-hash";

/** Structural equality of JSON-like values; an `undefined` field equals a missing one (like Go's omitempty). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) {
      if (!deepEqual(ao[k], bo[k])) return false;
    }
    return true;
  }
  // null and undefined both mean "absent" in a Kubernetes object
  return (a === null || a === undefined) && (b === null || b === undefined);
}

/** A deep copy of a pod template (JSON round-trip: Dates become RFC 3339 strings, as on the wire). */
export function cloneTemplate(t: V1PodTemplateSpec | undefined): V1PodTemplateSpec {
  return JSON.parse(JSON.stringify(t ?? {})) as V1PodTemplateSpec;
}

/** The template without the pod-template-hash label (kubectl's EqualIgnoreHash). */
export function withoutTemplateHash(t: V1PodTemplateSpec | undefined): V1PodTemplateSpec {
  const copy = cloneTemplate(t);
  const labels = copy.metadata?.labels;
  if (labels && POD_TEMPLATE_HASH in labels) {
    delete labels[POD_TEMPLATE_HASH];
  }
  return copy;
}

/** kubectl's EqualIgnoreHash: templates equal once the pod-template-hash label is removed (quantities compared by value). */
export function templatesEqualIgnoringHash(a: V1PodTemplateSpec | undefined, b: V1PodTemplateSpec | undefined): boolean {
  return deepEqual(
    canonicalQuantities(normalise(withoutTemplateHash(a))),
    canonicalQuantities(normalise(withoutTemplateHash(b))),
  );
}

/** Drop empty label/annotation maps so `{}` equals absent, as apiequality.Semantic does for nil vs empty maps. */
function normalise(t: V1PodTemplateSpec): V1PodTemplateSpec {
  const meta = t.metadata;
  if (meta) {
    if (meta.labels && Object.keys(meta.labels).length === 0) delete meta.labels;
    if (meta.annotations && Object.keys(meta.annotations).length === 0) delete meta.annotations;
    if (meta.creationTimestamp === null) delete meta.creationTimestamp;
  }
  return t;
}

/** Container name → image, init containers included (prefixed "init:"). */
export function containerImages(t: V1PodTemplateSpec | undefined): Array<{ container: string; image: string }> {
  const spec = t?.spec;
  const out: Array<{ container: string; image: string }> = [];
  for (const c of spec?.initContainers ?? []) out.push({ container: `init:${c.name}`, image: c.image ?? "" });
  for (const c of spec?.containers ?? []) out.push({ container: c.name, image: c.image ?? "" });
  return out;
}
