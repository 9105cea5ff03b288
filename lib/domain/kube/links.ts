/** Console URLs for Kubernetes objects, shared by triage, timeline, the palette and the pages. */
const e = encodeURIComponent;

export type WorkloadKind = "Deployment" | "StatefulSet" | "CronJob";

export const links = {
  cluster: (cluster: string) => `/overview?cluster=${e(cluster)}`,
  node: (cluster: string, name: string) => `/nodes/${e(cluster)}/${e(name)}`,
  pod: (cluster: string, namespace: string, name: string) => `/pods/${e(cluster)}/${e(namespace)}/${e(name)}`,
  workload: (cluster: string, kind: string, namespace: string, name: string) =>
    `/workloads/${e(cluster)}/${e(kind.toLowerCase())}/${e(namespace)}/${e(name)}`,
  podLogs: (cluster: string, namespace: string, pod: string) =>
    `/logs?cluster=${e(cluster)}&namespace=${e(namespace)}&pod=${e(pod)}`,
  site: (site: string) => `/nodes?site=${e(site)}`,
};

/** Lower-case URL segment → API kind ("deployment" → "Deployment"); null when unknown. */
export function workloadKindFromSegment(segment: string): WorkloadKind | null {
  const k = segment.toLowerCase();
  if (k === "deployment") return "Deployment";
  if (k === "statefulset") return "StatefulSet";
  if (k === "cronjob") return "CronJob";
  return null;
}
