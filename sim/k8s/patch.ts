/** JSON Patch (RFC 6902), JSON Merge Patch (RFC 7386) and the strategic merge patch fields kubectl and the console send. */
import { ApiError, statusErrors } from "./status";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function isObj(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function bad(message: string): never {
  throw new ApiError(statusErrors.badRequest(message).body);
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) bad(`the server rejected our request due to an error in our request: invalid JSON pointer ${path}`);
  return path.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parentOf(doc: Json, parts: string[], path: string): { parent: Json; key: string } {
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(p)] : cur?.[p];
    if (cur === undefined || cur === null) bad(`the server rejected our request due to an error in our request: doc is missing path: "${path}": missing value`);
  }
  return { parent: cur, key: parts[parts.length - 1]! };
}

function getAt(doc: Json, path: string): Json {
  let cur = doc;
  for (const p of pointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(p)] : cur?.[p];
    if (cur === undefined) bad(`the server rejected our request due to an error in our request: doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function addAt(doc: Json, path: string, value: Json): Json {
  const parts = pointer(path);
  if (parts.length === 0) return value;
  const { parent, key } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = key === "-" ? parent.length : Number(key);
    if (!(i >= 0 && i <= parent.length)) bad(`the server rejected our request due to an error in our request: index out of range: ${path}`);
    parent.splice(i, 0, value);
  } else parent[key] = value;
  return doc;
}

function removeAt(doc: Json, path: string): Json {
  const parts = pointer(path);
  const { parent, key } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length)) bad(`the server rejected our request due to an error in our request: index out of range: ${path}`);
    parent.splice(i, 1);
  } else {
    if (!(key in parent)) bad(`the server rejected our request due to an error in our request: doc is missing key: ${path}: missing value`);
    delete parent[key];
  }
  return doc;
}

export function applyJsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) bad("the server rejected our request due to an error in our request: json patch must be an array");
  let doc = clone(target);
  for (const op of ops as Array<{ op: string; path: string; from?: string; value?: Json }>) {
    switch (op.op) {
      case "add":
        doc = addAt(doc, op.path, clone(op.value));
        break;
      case "remove":
        doc = removeAt(doc, op.path);
        break;
      case "replace": {
        const parts = pointer(op.path);
        if (parts.length === 0) {
          doc = clone(op.value);
          break;
        }
        getAt(doc, op.path);
        const { parent, key } = parentOf(doc, parts, op.path);
        if (Array.isArray(parent)) parent[Number(key)] = clone(op.value);
        else parent[key] = clone(op.value);
        break;
      }
      case "move": {
        const v = getAt(doc, op.from!);
        doc = removeAt(doc, op.from!);
        doc = addAt(doc, op.path, v);
        break;
      }
      case "copy":
        doc = addAt(doc, op.path, clone(getAt(doc, op.from!)));
        break;
      case "test":
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(op.value)) bad(`the server rejected our request due to an error in our request: testing value ${op.path} failed`);
        break;
      default:
        bad(`the server rejected our request due to an error in our request: Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: Json = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/** Lists merged by key in strategic merge patch (field name → merge key). */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  ports: "containerPort",
  imagePullSecrets: "name",
  conditions: "type",
  ownerReferences: "uid",
  taints: "key",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  finalizers: "",
};

export function applyStrategicMergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  if (patch.$patch === "replace") {
    const rest = { ...patch };
    delete rest.$patch;
    return stripDirectives(rest);
  }
  if (patch.$patch === "delete") return undefined;
  const out: Json = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$setElementOrder/") || k === "$retainKeys" || k === "$patch") continue;
    if (k.startsWith("$deleteFromPrimitiveList/")) {
      const field = k.slice("$deleteFromPrimitiveList/".length);
      if (Array.isArray(out[field])) out[field] = out[field].filter((x: Json) => !(v as Json[]).includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const mk = MERGE_KEYS[k];
    if (Array.isArray(v) && mk !== undefined && Array.isArray(out[k])) {
      out[k] = mergeList(out[k], v, mk);
      continue;
    }
    if (Array.isArray(v) && mk === "") {
      out[k] = [...new Set([...(Array.isArray(out[k]) ? out[k] : []), ...v])];
      continue;
    }
    const merged = applyStrategicMergePatch(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

function mergeList(current: Json[], patch: Json[], key: string): Json[] {
  if (patch.some((p) => isObj(p) && p.$patch === "replace")) return patch.filter((p) => !(isObj(p) && p.$patch === "replace")).map(stripDirectives);
  const out = current.map(clone);
  for (const item of patch) {
    if (!isObj(item) || !key) {
      out.push(clone(item));
      continue;
    }
    const idx = out.findIndex((c) => isObj(c) && c[key] === item[key]);
    if (item.$patch === "delete") {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = applyStrategicMergePatch(out[idx], item);
    else out.push(stripDirectives(item));
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith("$")) out[k] = stripDirectives(x);
  return out;
}

export type PatchType = "json" | "merge" | "strategic";

export function patchTypeOf(contentType: string | undefined): PatchType {
  const ct = (contentType ?? "").split(";")[0]!.trim();
  if (ct === "application/json-patch+json") return "json";
  if (ct === "application/merge-patch+json") return "merge";
  if (ct === "application/strategic-merge-patch+json") return "strategic";
  throw new ApiError(statusErrors.unsupportedMedia(ct).body);
}

export function applyPatch(type: PatchType, target: Json, patch: Json): Json {
  if (type === "json") return applyJsonPatch(target, patch);
  if (type === "merge") return applyMergePatch(target, patch);
  return applyStrategicMergePatch(target, patch);
}
