import { UpstreamError } from "@/server/adapters/errors";
import { kubeGetJson } from "./http";
import type { ClusterHandle } from "./registry";

/** Kinds the YAML view can show, and their API paths. */
export const RAW_KINDS = {
  Node: { group: "/api/v1", plural: "nodes", namespaced: false },
  Pod: { group: "/api/v1", plural: "pods", namespaced: true },
  PersistentVolumeClaim: { group: "/api/v1", plural: "persistentvolumeclaims", namespaced: true },
  Deployment: { group: "/apis/apps/v1", plural: "deployments", namespaced: true },
  StatefulSet: { group: "/apis/apps/v1", plural: "statefulsets", namespaced: true },
  ReplicaSet: { group: "/apis/apps/v1", plural: "replicasets", namespaced: true },
  CronJob: { group: "/apis/batch/v1", plural: "cronjobs", namespaced: true },
  Job: { group: "/apis/batch/v1", plural: "jobs", namespaced: true },
  HorizontalPodAutoscaler: { group: "/apis/autoscaling/v2", plural: "horizontalpodautoscalers", namespaced: true },
} as const;
export type RawKind = keyof typeof RAW_KINDS;

/**
 * The full object, fresh from the API server: an explicit per-user read (the YAML view), so one
 * request per click is fine. Everything else reads the cache.
 */
export async function getRawObject(cluster: ClusterHandle, kind: RawKind, namespace: string, name: string): Promise<unknown> {
  const k = RAW_KINDS[kind];
  if (k.namespaced && !namespace) throw new UpstreamError("kubernetes", `${kind} needs a namespace`, { instance: cluster.name, status: 400 });
  const e = encodeURIComponent;
  const path = k.namespaced ? `${k.group}/namespaces/${e(namespace)}/${k.plural}/${e(name)}` : `${k.group}/${k.plural}/${e(name)}`;
  return kubeGetJson(cluster.cache.kubeTarget, path, 15_000);
}
