/** Helpers the workload controllers share: canonical JSON, ownership index, pod readiness, pod deletion. */
import type { ClusterModel } from "../cluster";
import { iso } from "../cluster";
import type { K8sObject } from "../store";

/* eslint-disable @typescript-eslint/no-explicit-any */

export function canon(v: any): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

const keyCache = new WeakMap<object, string>();

/** A pod template without the pod-template-hash label, canonicalised (cached per template object). */
export function templateKey(t: any): string {
  if (t && typeof t === "object") {
    const hit = keyCache.get(t);
    if (hit !== undefined) return hit;
    const k = computeTemplateKey(t);
    keyCache.set(t, k);
    return k;
  }
  return computeTemplateKey(t);
}

function computeTemplateKey(t: any): string {
  const c = JSON.parse(JSON.stringify(t ?? {}));
  if (c.metadata?.labels) {
    delete c.metadata.labels["pod-template-hash"];
    if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
  }
  if (c.metadata && Object.keys(c.metadata).length === 0) delete c.metadata;
  return canon(c);
}

export function ownerIndex(c: ClusterModel, resource: string): Map<string, K8sObject[]> {
  if (resource === "pods") return c.podsByOwner();
  const idx = new Map<string, K8sObject[]>();
  for (const o of c.store.objects(resource)) {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) continue;
    const l = idx.get(ref.uid);
    if (l) l.push(o);
    else idx.set(ref.uid, [o]);
  }
  return idx;
}

export function podReady(p: K8sObject): boolean {
  return !p.metadata.deletionTimestamp && (p.status?.conditions as any[] | undefined)?.some((x) => x.type === "Ready" && x.status === "True") === true;
}

export function podActive(p: K8sObject): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";
}

/** Graceful deletion: the pod shows Terminating for a moment, then disappears (the pods GC reconciler removes it). */
export function deletePod(c: ClusterModel, p: K8sObject, graceMs = 1000): void {
  if (p.metadata.deletionTimestamp) return;
  const at = c.now() + graceMs;
  p.metadata.deletionTimestamp = iso(at);
  p.metadata.deletionGracePeriodSeconds = Math.ceil(graceMs / 1000);
  c.store.put("pods", p);
  const sim = c.podSim.get(p.metadata.uid!);
  if (sim) sim.nextAt = at;
  c.event(p, "Normal", "Killing", `Stopping container ${p.spec.containers[0]?.name}`, { component: "kubelet", host: p.spec.nodeName });
}

/** How long pods tolerate an unreachable node before the node controller evicts them. */
export const UNREACHABLE_TOLERATION_MS = 300_000;

/**
 * Pod garbage collection and the node controller's side: a deleted pod disappears once its grace
 * period ends — unless its node stopped reporting (then it stays Terminating); pods on an
 * unreachable node turn NotReady at once and are evicted after their 300 s toleration.
 */
export function podGc(c: ClusterModel, now: number): void {
  for (const p of c.store.objects("pods")) {
    const node = p.spec?.nodeName ? c.nodeSim.get(p.spec.nodeName) : undefined;
    const silent = node?.silentSince;
    if (silent !== undefined && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed") {
      const conds = (p.status?.conditions ?? []) as any[];
      const ready = conds.find((x) => x.type === "Ready");
      if (ready && ready.status !== "False") {
        for (const x of conds) if (x.type === "Ready" || x.type === "ContainersReady") Object.assign(x, { status: "False", lastTransitionTime: iso(now), reason: "NodeNotReady" });
        c.store.put("pods", p);
      }
      if (!p.metadata.deletionTimestamp) {
        if (now - silent >= UNREACHABLE_TOLERATION_MS) {
          p.metadata.deletionTimestamp = iso(now + 30_000);
          p.metadata.deletionGracePeriodSeconds = 30;
          p.status = { ...p.status, reason: "NodeLost" };
          c.store.put("pods", p);
          c.event(p, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`, { component: "taint-eviction-controller" });
        } else c.dueAt(silent + UNREACHABLE_TOLERATION_MS);
      }
      continue; // the kubelet cannot confirm the deletion: Terminating until the node returns
    }
    const ts = p.metadata.deletionTimestamp;
    if (!ts) continue;
    const at = Date.parse(ts);
    if (at <= now) {
      c.store.remove("pods", p.metadata.namespace, p.metadata.name);
      c.podSim.delete(p.metadata.uid!);
    } else c.dueAt(at);
  }
}

export function ownerRef(o: K8sObject) {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Keep the old lastTransitionTime/lastUpdateTime when a condition did not change. */
export function mergeConditions(old: any[] | undefined, next: any[]): any[] {
  return next.map((n) => {
    const o = old?.find((x) => x.type === n.type);
    if (!o) return n;
    const same = o.status === n.status;
    const sameAll = same && o.reason === n.reason && o.message === n.message;
    return { ...n, ...(same ? { lastTransitionTime: o.lastTransitionTime } : {}), ...(sameAll && o.lastUpdateTime ? { lastUpdateTime: o.lastUpdateTime } : {}) };
  });
}

/** A cheap change detector for objects the controllers mutate in place (key order is stable). */
export function snapshot(o: K8sObject): string {
  return JSON.stringify(o);
}
