/** The annotation `kubectl rollout restart` sets on the pod template. */
export const RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

/** Go's time.Format(time.RFC3339) for a UTC instant: second precision, "Z". */
export function rfc3339(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The strategic-merge patch `kubectl rollout restart` sends (deployment, statefulset, daemonset). */
export function restartPatch(now: Date): { spec: { template: { metadata: { annotations: Record<string, string> } } } } {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: rfc3339(now) } } } } };
}

/** kubectl refuses a restart of a paused Deployment and a second restart within the same second. */
export function restartRefusal(
  workload: { kind: string; name: string; paused?: boolean; restartedAt?: string },
  now: Date,
): string | null {
  if (workload.kind === "Deployment" && workload.paused) {
    return "can't restart paused deployment (run rollout resume first)";
  }
  if (workload.restartedAt === rfc3339(now)) {
    return `failed to create patch for ${workload.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`;
  }
  return null;
}
