import { links } from "./links";
import { imageChange } from "./rollout-history";
import type { SlimControllerRevision, SlimEvent, SlimPod, SlimReplicaSet } from "./types";

export interface ChangeEntry {
  id: string;
  at: number;
  cluster: string;
  kind: "rollout" | "restart" | "scale" | "warning";
  object: { kind: string; namespace: string; name: string };
  summary: string;
  href: string;
}

export interface ScaleChange {
  at: number;
  kind: "Deployment" | "StatefulSet";
  namespace: string;
  name: string;
  from: number;
  to: number;
}

export interface TimelineInput {
  cluster: string;
  replicaSets: SlimReplicaSet[];
  controllerRevisions: SlimControllerRevision[];
  restarts: Array<{ pod: SlimPod; times: readonly number[] }>;
  scaleChanges: ScaleChange[];
  events: SlimEvent[];
}

export const TIMELINE_WINDOW_MS = 24 * 3600_000;
const MAX_ENTRIES = 300;

type Revisioned = { namespace: string; name: string; revision: number; images: string[]; createdAt: number | null; owner: { kind: string; name: string; uid: string } | null };

function rollouts(cluster: string, objs: Revisioned[], from: number): ChangeEntry[] {
  const byOwner = new Map<string, Revisioned[]>();
  for (const o of objs) {
    if (!o.owner) continue;
    const k = `${o.owner.kind}/${o.namespace}/${o.owner.name}`;
    const list = byOwner.get(k) ?? [];
    list.push(o);
    byOwner.set(k, list);
  }
  const out: ChangeEntry[] = [];
  for (const list of byOwner.values()) {
    list.sort((a, b) => a.revision - b.revision);
    for (let i = 1; i < list.length; i++) {
      const cur = list[i]!;
      const prev = list[i - 1]!;
      if (cur.createdAt === null || cur.createdAt < from) continue;
      const owner = cur.owner!;
      out.push({
        id: `rollout/${cluster}/${cur.namespace}/${cur.name}`, at: cur.createdAt, cluster, kind: "rollout",
        object: { kind: owner.kind, namespace: cur.namespace, name: owner.name },
        summary: `${owner.name} revision ${cur.revision}: ${imageChange(prev.images, cur.images)}`,
        href: links.workload(cluster, owner.kind, cur.namespace, owner.name),
      });
    }
  }
  return out;
}

/**
 * What changed in a cluster in the last 24 h, newest first: rollouts (old → new image), pod
 * restarts (one entry per pod), scale changes (seen by the informer, and the autoscaler's
 * SuccessfulRescale events), and Warning events (one entry per object and reason).
 */
export function changeTimeline(input: TimelineInput, now: number): ChangeEntry[] {
  const from = now - TIMELINE_WINDOW_MS;
  const { cluster } = input;
  const out: ChangeEntry[] = [
    ...rollouts(cluster, input.replicaSets, from),
    ...rollouts(cluster, input.controllerRevisions, from),
  ];

  for (const { pod, times } of input.restarts) {
    const recent = times.filter((t) => t >= from && t <= now);
    const last = recent.at(-1);
    if (last === undefined) continue;
    const c = [...pod.containers].sort((a, b) => b.restartCount - a.restartCount)[0];
    const why = c?.lastTermination ? ` (last: ${c.lastTermination.reason || "exit"} ${c.lastTermination.exitCode ?? ""})`.replace(" )", ")") : "";
    out.push({
      id: `restart/${cluster}/${pod.namespace}/${pod.name}`, at: last, cluster, kind: "restart",
      object: { kind: "Pod", namespace: pod.namespace, name: pod.name },
      summary: `${pod.name} restarted ${recent.length}× in 24 h${why}`,
      href: links.pod(cluster, pod.namespace, pod.name),
    });
  }

  for (const s of input.scaleChanges) {
    if (s.at < from) continue;
    out.push({
      id: `scale/${cluster}/${s.namespace}/${s.name}/${s.at}`, at: s.at, cluster, kind: "scale",
      object: { kind: s.kind, namespace: s.namespace, name: s.name },
      summary: `${s.name} scaled ${s.from} → ${s.to}`, href: links.workload(cluster, s.kind, s.namespace, s.name),
    });
  }

  const warnings = new Map<string, SlimEvent>();
  for (const ev of input.events) {
    const at = ev.lastSeen ?? ev.firstSeen;
    if (at === null || at < from) continue;
    if (ev.reason === "SuccessfulRescale") {
      out.push({
        id: `scale/${cluster}/${ev.uid}`, at, cluster, kind: "scale",
        object: { kind: ev.object.kind, namespace: ev.object.namespace, name: ev.object.name },
        summary: `${ev.object.name} autoscaled: ${ev.message}`, href: objectHref(cluster, ev.object),
      });
    }
    if (ev.type !== "Warning") continue;
    const key = `${ev.object.kind}/${ev.object.namespace}/${ev.object.name}/${ev.reason}`;
    const seen = warnings.get(key);
    if (!seen || (seen.lastSeen ?? 0) < at) warnings.set(key, ev);
  }
  for (const ev of warnings.values()) {
    out.push({
      id: `warning/${cluster}/${ev.uid}`, at: ev.lastSeen ?? ev.firstSeen ?? now, cluster, kind: "warning",
      object: { kind: ev.object.kind, namespace: ev.object.namespace, name: ev.object.name },
      summary: `${ev.object.kind} ${ev.object.name}: ${ev.reason}${ev.count > 1 ? ` (×${ev.count})` : ""} — ${ev.message}`,
      href: objectHref(cluster, ev.object),
    });
  }
  return out.sort((a, b) => b.at - a.at || a.id.localeCompare(b.id)).slice(0, MAX_ENTRIES);
}

export function objectHref(cluster: string, o: { kind: string; namespace: string; name: string }): string {
  if (o.kind === "Pod") return links.pod(cluster, o.namespace, o.name);
  if (o.kind === "Node") return links.node(cluster, o.name);
  if (o.kind === "Deployment" || o.kind === "StatefulSet" || o.kind === "CronJob") return links.workload(cluster, o.kind, o.namespace, o.name);
  return links.cluster(cluster);
}

/** Merge per-cluster timelines, newest first. */
export function mergeTimelines(lists: ChangeEntry[][], limit = MAX_ENTRIES): ChangeEntry[] {
  return lists.flat().sort((a, b) => b.at - a.at || a.id.localeCompare(b.id)).slice(0, limit);
}
