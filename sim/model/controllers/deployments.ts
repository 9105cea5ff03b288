/**
 * The Deployment controller: a changed pod template makes a new ReplicaSet (or revives the matching old
 * one as the next revision), rolls pods over with maxSurge/maxUnavailable, trims history, and reports
 * generation, replicas and the Progressing/Available conditions with their real reasons.
 */
import type { ClusterModel } from "../cluster";
import { iso } from "../cluster";
import { fnv, safeString, type K8sObject } from "../store";
import { snapshot, mergeConditions, ownerIndex, ownerRef, podActive, podReady, templateKey } from "./common";

/* eslint-disable @typescript-eslint/no-explicit-any */

const SKIP_ANNOTATIONS = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

export function revisionOf(o: K8sObject): number {
  return Number(o.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
}

function pct(v: any, total: number, roundUp: boolean): number {
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(String(v ?? "25%"));
  const p = m ? Number(m[1]) : 25;
  return roundUp ? Math.ceil((p * total) / 100) : Math.floor((p * total) / 100);
}

export function templateHash(template: any): string {
  return safeString(fnv(templateKey(template)), 10);
}

export function deployments(c: ClusterModel, now: number): void {
  const rsByOwner = ownerIndex(c, "replicasets");
  const podsByOwner = ownerIndex(c, "pods");
  for (const d of c.store.objects("deployments")) {
    const before = snapshot(d);
    const owned = rsByOwner.get(d.metadata.uid!) ?? [];
    const key = templateKey(d.spec.template);
    const maxRev = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    let newRs = owned.filter((rs) => templateKey(rs.spec.template) === key).sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)))[0];
    const replicas = Number(d.spec.replicas ?? 1);
    const copyAnnotations = (rs: K8sObject, rev: number) => {
      const a: Record<string, string> = { ...(rs.metadata.annotations ?? {}) };
      for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(k)) a[k] = v;
      const old = a["deployment.kubernetes.io/revision"];
      if (old && Number(old) !== rev) a["deployment.kubernetes.io/revision-history"] = [a["deployment.kubernetes.io/revision-history"], old].filter(Boolean).join(",");
      a["deployment.kubernetes.io/revision"] = String(rev);
      a["deployment.kubernetes.io/desired-replicas"] = String(replicas);
      a["deployment.kubernetes.io/max-replicas"] = String(replicas + pct(d.spec.strategy?.rollingUpdate?.maxSurge, replicas, true));
      rs.metadata.annotations = a;
    };
    let created = false;
    if (!newRs) {
      const hash = templateHash(d.spec.template);
      const template = JSON.parse(JSON.stringify(d.spec.template));
      template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), "pod-template-hash": hash } };
      newRs = {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: d.metadata.namespace,
          creationTimestamp: iso(now),
          generation: 1,
          labels: { ...(d.spec.template.metadata?.labels ?? {}), "pod-template-hash": hash },
          annotations: {},
          ownerReferences: [ownerRef(d)],
        },
        spec: { replicas: 0, selector: { matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), "pod-template-hash": hash } }, template },
        status: { replicas: 0 },
      };
      copyAnnotations(newRs, maxRev + 1);
      c.store.put("replicasets", newRs);
      owned.push(newRs);
      created = true;
      c.event(d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${newRs.metadata.name} to ${d.spec.strategy?.type === "Recreate" ? replicas : Math.min(replicas, 1)}`, { component: "deployment-controller" });
    } else if (revisionOf(newRs) < maxRev || Object.entries(d.metadata.annotations ?? {}).some(([k, v]) => !SKIP_ANNOTATIONS.has(k) && newRs!.metadata.annotations?.[k] !== v)) {
      const b = snapshot(newRs);
      copyAnnotations(newRs, revisionOf(newRs) < maxRev ? maxRev + 1 : revisionOf(newRs));
      if (snapshot(newRs) !== b) c.store.put("replicasets", newRs);
    }
    const olds = owned.filter((rs) => rs !== newRs);
    if (!d.spec.paused) rollout(c, d, newRs, olds, podsByOwner, replicas);
    trimHistory(c, d, olds);
    // status
    const podsOf = (rs: K8sObject) => (podsByOwner.get(rs.metadata.uid!) ?? []).filter(podActive);
    const all = owned.flatMap(podsOf);
    const updated = podsOf(newRs);
    const available = all.filter(podReady).length;
    const maxUnavailable = pct(d.spec.strategy?.rollingUpdate?.maxUnavailable, replicas, false);
    const complete = updated.length === replicas && all.length === replicas && available === replicas;
    const rsName = newRs.metadata.name;
    const prog = (d.status?.conditions as any[] | undefined)?.find((x) => x.type === "Progressing");
    const stuckSince = prog?.lastUpdateTime ? Date.parse(prog.lastUpdateTime) : now;
    const deadline = Number(d.spec.progressDeadlineSeconds ?? 600) * 1000;
    const progressing = complete
      ? { status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${rsName}" has successfully progressed.` }
      : created
        ? { status: "True", reason: "NewReplicaSetCreated", message: `Created new replica set "${rsName}"` }
        : now - stuckSince > deadline && prog?.reason !== "NewReplicaSetAvailable"
          ? { status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${rsName}" has timed out progressing.` }
          : { status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${rsName}" is progressing.` };
    const t = iso(now);
    const conditions = mergeConditions(d.status?.conditions, [
      available >= replicas - maxUnavailable
        ? { type: "Available", status: "True", lastUpdateTime: t, lastTransitionTime: t, reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." }
        : { type: "Available", status: "False", lastUpdateTime: t, lastTransitionTime: t, reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." },
      { type: "Progressing", ...progressing, lastUpdateTime: t, lastTransitionTime: t },
    ]);
    // a progressing rollout keeps its lastUpdateTime only while nothing moves
    const moved = prog && (d.status?.updatedReplicas !== updated.length || d.status?.availableReplicas !== available);
    if (moved && progressing.reason === "ReplicaSetUpdated") conditions[1].lastUpdateTime = t;
    d.status = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: all.length,
      updatedReplicas: updated.length,
      readyReplicas: available,
      availableReplicas: available,
      ...(replicas - available > 0 ? { unavailableReplicas: replicas - available } : {}),
      conditions,
    };
    if (!available) {
      delete d.status.readyReplicas;
      delete d.status.availableReplicas;
    }
    const rev = String(revisionOf(newRs));
    if (d.metadata.annotations?.["deployment.kubernetes.io/revision"] !== rev) d.metadata.annotations = { ...d.metadata.annotations, "deployment.kubernetes.io/revision": rev };
    if (snapshot(d) !== before) c.store.put("deployments", d);
  }
}

function rollout(c: ClusterModel, d: K8sObject, newRs: K8sObject, olds: K8sObject[], podsByOwner: Map<string, K8sObject[]>, replicas: number): void {
  const scale = (rs: K8sObject, n: number) => {
    const cur = Number(rs.spec.replicas ?? 0);
    if (cur === n) return;
    rs.spec.replicas = n;
    rs.metadata.annotations = { ...rs.metadata.annotations, "deployment.kubernetes.io/desired-replicas": String(replicas) };
    c.store.put("replicasets", rs);
    c.event(d, "Normal", "ScalingReplicaSet", `Scaled ${n > cur ? "up" : "down"} replica set ${rs.metadata.name} to ${n} from ${cur}`, { component: "deployment-controller" });
    c.kick();
  };
  if (d.spec.strategy?.type === "Recreate") {
    for (const o of olds) scale(o, 0);
    const oldPods = olds.flatMap((o) => podsByOwner.get(o.metadata.uid!) ?? []);
    if (oldPods.length === 0) scale(newRs, replicas);
    return;
  }
  const surge = pct(d.spec.strategy?.rollingUpdate?.maxSurge, replicas, true);
  let unavailable = pct(d.spec.strategy?.rollingUpdate?.maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  const oldActive = olds.filter((o) => Number(o.spec.replicas ?? 0) > 0);
  if (oldActive.length === 0) {
    scale(newRs, replicas);
    return;
  }
  // scale up the new replica set within maxSurge
  const total = [newRs, ...olds].reduce((s, rs) => s + Number(rs.spec.replicas ?? 0), 0);
  const room = replicas + surge - total;
  const newWant = Number(newRs.spec.replicas ?? 0);
  if (room > 0 && newWant < replicas) scale(newRs, Math.min(replicas, newWant + room));
  // scale down old replica sets as the real controller does: first unhealthy old pods, then by
  // availability — never below replicas - maxUnavailable, and not while new pods are unavailable
  const ready = (rs: K8sObject) => (podsByOwner.get(rs.metadata.uid!) ?? []).filter(podReady).length;
  const specOf = (rs: K8sObject) => Number(rs.spec.replicas ?? 0);
  const minAvailable = replicas - unavailable;
  const all = [newRs, ...olds];
  const allPods = all.reduce((n, rs) => n + specOf(rs), 0);
  let maxScaledDown = allPods - minAvailable - Math.max(0, specOf(newRs) - ready(newRs));
  if (maxScaledDown <= 0) return;
  const oldest = [...oldActive].sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)));
  for (const o of oldest) {
    if (maxScaledDown <= 0) break;
    const unhealthy = Math.max(0, specOf(o) - ready(o));
    if (unhealthy === 0) continue;
    const n = Math.min(maxScaledDown, unhealthy);
    scale(o, specOf(o) - n);
    maxScaledDown -= n;
  }
  const available = all.reduce((n, rs) => n + Math.min(ready(rs), specOf(rs)), 0);
  let surplus = available - minAvailable;
  for (const o of oldest) {
    if (surplus <= 0) break;
    const n = Math.min(specOf(o), surplus);
    if (n <= 0) continue;
    scale(o, specOf(o) - n);
    surplus -= n;
  }
}

function trimHistory(c: ClusterModel, d: K8sObject, olds: K8sObject[]): void {
  const limit = Number(d.spec.revisionHistoryLimit ?? 10);
  const idle = olds.filter((o) => Number(o.spec.replicas ?? 0) === 0 && Number(o.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const o of idle.slice(0, Math.max(0, idle.length - limit))) c.store.remove("replicasets", o.metadata.namespace, o.metadata.name);
}
