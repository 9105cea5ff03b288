/** LIST/GET/CREATE/PATCH/UPDATE/DELETE on the store, with the apiserver's semantics. */
import type { ClusterModel } from "../model/cluster";
import { iso } from "../model/cluster";
import { canon, deletePod } from "../model/controllers/common";
import { defaultJobSpec, deleteJob } from "../model/controllers/jobs";
import { canonicalizeResources, newContainerSim } from "../model/pods";
import type { K8sObject } from "../model/store";
import { applyPatch, type PatchType } from "./patch";
import { apiVersionOf, type ResourceDef } from "./resources";
import type { Matcher } from "./selectors";
import { ApiError, statusErrors, successStatus } from "./status";

/* eslint-disable @typescript-eslint/no-explicit-any */

const GENERATION_KINDS = new Set(["Deployment", "StatefulSet", "ReplicaSet", "CronJob", "Job", "HorizontalPodAutoscaler"]);

export interface ListPage {
  entries: Array<{ obj: K8sObject; json: string }>;
  meta: { resourceVersion: string; continue?: string; remainingItemCount?: number };
}

export function listPage(c: ClusterModel, def: ResourceDef, namespace: string | undefined, matcher: Matcher | undefined, limit: number | undefined, cont: string | undefined): ListPage {
  const rv = c.store.currentRv();
  let entries = c.store.list(def.plural, namespace);
  if (matcher) entries = entries.filter((e) => matcher(e.obj));
  let start = 0;
  if (cont) {
    try {
      const tok = JSON.parse(Buffer.from(cont, "base64").toString("utf8")) as { start: string; rv: number };
      start = entries.findIndex((e) => keyOf(e.obj) > tok.start);
      if (start < 0) start = entries.length;
    } catch {
      throw new ApiError(statusErrors.badRequest("continue key is not valid: illegal base64 data at input byte 0").body);
    }
  }
  let page = entries.slice(start);
  const meta: ListPage["meta"] = { resourceVersion: String(rv) };
  if (limit && limit > 0 && page.length > limit) {
    page = page.slice(0, limit);
    meta.continue = Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv, start: keyOf(page[page.length - 1]!.obj) })).toString("base64");
    meta.remainingItemCount = entries.length - start - limit;
  }
  return { entries: page, meta };
}

export function listJson(def: ResourceDef, page: ListPage): string {
  return `{"kind":"${def.kind}List","apiVersion":"${apiVersionOf(def)}","metadata":${JSON.stringify(page.meta)},"items":[${page.entries.map((e) => e.json).join(",")}]}`;
}

function keyOf(o: K8sObject): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

export function getObject(c: ClusterModel, def: ResourceDef, namespace: string | undefined, name: string): K8sObject {
  const o = c.store.get(def.plural, namespace, name);
  if (!o) throw new ApiError(statusErrors.notFound(def, name).body);
  return o;
}

function clone(o: K8sObject): K8sObject {
  return JSON.parse(JSON.stringify(o)) as K8sObject;
}

/** The apiserver decodes into Go structs: a JSON null becomes the zero value and is not stored. */
export function dropNulls<T>(v: T): T {
  if (Array.isArray(v)) return v.map(dropNulls) as T;
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
    return out as T;
  }
  return v;
}

/** Validate and commit a changed object (PATCH/PUT): immutable fields, optimistic concurrency, generation. */
function commit(c: ClusterModel, def: ResourceDef, current: K8sObject, next: K8sObject, dryRun: boolean, requireRv: boolean): K8sObject {
  const name = current.metadata.name;
  if (next && typeof next === "object") {
    const status = next.status;
    next = dropNulls(next);
    next.status = status;
    canonicalizeResources(next);
  }
  if (!next || typeof next !== "object" || !next.metadata) throw new ApiError(statusErrors.badRequest("the object provided is unrecognized").body);
  if (next.metadata.name !== name) throw new ApiError(statusErrors.invalid(def, name, [{ field: "metadata.name", message: `Invalid value: "${next.metadata.name}": field is immutable`, reason: "FieldValueInvalid" }]).body);
  const rv = next.metadata.resourceVersion;
  if ((rv !== undefined && rv !== "" && rv !== current.metadata.resourceVersion) || (requireRv && !rv && def.kind === "Pod")) {
    throw new ApiError(statusErrors.conflict(def, name).body);
  }
  if (next.spec?.replicas !== undefined && (typeof next.spec.replicas !== "number" || next.spec.replicas < 0 || !Number.isInteger(next.spec.replicas))) {
    throw new ApiError(statusErrors.invalid(def, name, [{ field: "spec.replicas", message: `Invalid value: ${JSON.stringify(next.spec.replicas)}: must be greater than or equal to 0` }]).body);
  }
  next.metadata.uid = current.metadata.uid;
  next.metadata.creationTimestamp = current.metadata.creationTimestamp;
  next.metadata.namespace = current.metadata.namespace;
  next.apiVersion = current.apiVersion;
  next.kind = current.kind;
  if (GENERATION_KINDS.has(def.kind) && canon(next.spec) !== canon(current.spec)) next.metadata.generation = Number(current.metadata.generation ?? 1) + 1;
  else next.metadata.generation = current.metadata.generation;
  if (next.metadata.generation === undefined) delete next.metadata.generation;
  if (def.kind === "Node") c.nodesDirty = true; // cordon/uncordon: the lifecycle reconciler keeps taints in step
  if (dryRun) return next;
  // mutate in place so controllers holding the object see the change
  for (const k of Object.keys(current)) delete (current as any)[k];
  Object.assign(current, next);
  c.store.put(def.plural, current);
  c.kick();
  return current;
}

export function patchObject(c: ClusterModel, def: ResourceDef, namespace: string | undefined, name: string, sub: string | undefined, type: PatchType, body: any, dryRun: boolean): object {
  const current = getObject(c, def, namespace, name);
  if (sub === "scale") {
    const scale = applyPatch(type, scaleOf(current), body);
    const next = clone(current);
    next.spec.replicas = scale.spec?.replicas;
    return scaleOf(commit(c, def, current, next, dryRun, false));
  }
  if (sub === "status") {
    const next = applyPatch(type, clone(current), body);
    return commit(c, def, current, { ...clone(current), status: next.status }, dryRun, false);
  }
  const next = applyPatch(type, clone(current), body) as K8sObject;
  if (next?.metadata && body?.metadata?.resourceVersion === undefined && !(Array.isArray(body) && body.some((op: any) => String(op.path).startsWith("/metadata/resourceVersion")))) {
    next.metadata.resourceVersion = current.metadata.resourceVersion;
  }
  if (next?.status !== undefined) next.status = current.status; // status is a subresource
  return commit(c, def, current, next, dryRun, false);
}

export function updateObject(c: ClusterModel, def: ResourceDef, namespace: string | undefined, name: string, sub: string | undefined, body: any, dryRun: boolean): object {
  const current = getObject(c, def, namespace, name);
  if (sub === "scale") {
    const next = clone(current);
    if (body?.metadata?.resourceVersion && body.metadata.resourceVersion !== current.metadata.resourceVersion) throw new ApiError(statusErrors.conflict(def, name).body);
    next.spec.replicas = body?.spec?.replicas;
    return scaleOf(commit(c, def, current, next, dryRun, false));
  }
  const next = clone(body);
  if (next?.metadata && !next.metadata.resourceVersion) next.metadata.resourceVersion = current.metadata.resourceVersion;
  if (next) next.status = current.status;
  return commit(c, def, current, next, dryRun, false);
}

export function scaleOf(o: K8sObject): object {
  const sel = Object.entries((o.spec.selector?.matchLabels ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(",");
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: o.spec.replicas },
    status: { replicas: o.status?.replicas ?? 0, selector: sel },
  };
}

export function createObject(c: ClusterModel, def: ResourceDef, namespace: string | undefined, body: any, dryRun: boolean): K8sObject {
  if (!body || typeof body !== "object" || !body.metadata) throw new ApiError(statusErrors.badRequest("the object provided is unrecognized").body);
  if (body.kind && body.kind !== def.kind) throw new ApiError(statusErrors.badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(def)})`).body);
  const obj = dropNulls(clone(body));
  canonicalizeResources(obj);
  obj.apiVersion = apiVersionOf(def);
  obj.kind = def.kind;
  if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}${c.suffix(5)}`;
  const name = obj.metadata.name;
  if (!name) throw new ApiError(statusErrors.invalid(def, "", [{ field: "metadata.name", message: "Required value: name or generateName is required", reason: "FieldValueRequired" }]).body);
  if (def.namespaced) {
    if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace) throw new ApiError(statusErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request").body);
    obj.metadata.namespace = namespace;
  }
  if (c.store.get(def.plural, obj.metadata.namespace, name)) throw new ApiError(statusErrors.alreadyExists(def, name).body);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253) {
    throw new ApiError(statusErrors.invalid(def, name, [{ field: "metadata.name", message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')` }]).body);
  }
  obj.metadata.creationTimestamp = iso(c.now());
  obj.metadata.uid = c.store.newUid();
  delete obj.metadata.resourceVersion;
  if (GENERATION_KINDS.has(def.kind)) obj.metadata.generation = 1;
  if (def.kind === "Job") {
    const uid = obj.metadata.uid;
    obj.spec = defaultJobSpec(obj.spec ?? {});
    const labels = { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name, "controller-uid": uid, "job-name": name };
    obj.spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
    obj.spec.template = { ...obj.spec.template, metadata: { ...obj.spec.template?.metadata, labels: { ...obj.spec.template?.metadata?.labels, ...labels } } };
    obj.metadata.labels = { ...labels, ...obj.metadata.labels };
    if (!obj.spec.template?.spec?.containers?.length) {
      throw new ApiError(statusErrors.invalid(def, name, [{ field: "spec.template.spec.containers", message: "Required value", reason: "FieldValueRequired" }]).body);
    }
    obj.status = {};
  }
  if (dryRun) return obj;
  c.store.put(def.plural, obj);
  if (def.kind === "Pod") {
    // a bare pod: the kubelet runs its containers once the scheduler binds it
    const now = c.now();
    c.podSim.set(obj.metadata.uid!, {
      containers: new Map((obj.spec?.containers ?? []).map((ct: { name: string; image: string }) => [ct.name, newContainerSim(c, c.unpullableImages.has(ct.image) ? "pull" : "ok", now)])),
      startAt: now + c.podStartMs,
      nextAt: now,
    });
  }
  c.kick();
  return obj;
}

export function deleteObject(c: ClusterModel, def: ResourceDef, namespace: string | undefined, name: string, dryRun: boolean, graceSeconds: number | undefined): object {
  const current = getObject(c, def, namespace, name);
  if (dryRun) return current;
  if (def.kind === "Pod") {
    if (graceSeconds === 0) {
      c.store.remove("pods", namespace, name);
      c.podSim.delete(current.metadata.uid!);
    } else deletePod(c, current, 1000);
    c.kick();
    return current;
  }
  if (def.kind === "Job") deleteJob(c, current);
  else {
    c.store.remove(def.plural, namespace, name);
    collectOrphans(c, current.metadata.uid!);
  }
  c.kick();
  return successStatus(def, name, current.metadata.uid);
}

/** Background cascading deletion: remove what the deleted object controlled, recursively. */
function collectOrphans(c: ClusterModel, uid: string): void {
  for (const resource of ["replicasets", "controllerrevisions", "jobs", "pods"]) {
    for (const o of c.store.objects(resource)) {
      if (!o.metadata.ownerReferences?.some((r) => r.uid === uid)) continue;
      if (resource === "pods") deletePod(c, o, 500);
      else {
        c.store.remove(resource, o.metadata.namespace, o.metadata.name);
        collectOrphans(c, o.metadata.uid!);
      }
    }
  }
}
