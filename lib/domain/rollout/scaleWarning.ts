/** An autoscaler, reduced to what the scale dialog needs (autoscaling/v2 HorizontalPodAutoscaler). */
export interface AutoscalerRef {
  name: string;
  scaleTargetRef: { kind: string; name: string; apiVersion?: string };
  minReplicas?: number;
  maxReplicas: number;
}

/**
 * The warning shown before scaling when a HorizontalPodAutoscaler in the same namespace targets the
 * workload: it owns the replica count and will move it back within its bounds.
 */
export function scaleWarning(
  workload: { kind: "Deployment" | "StatefulSet"; name: string },
  autoscalers: AutoscalerRef[],
  requested: number,
): string | null {
  const hpa = autoscalers.find(
    (h) =>
      h.scaleTargetRef.kind === workload.kind &&
      h.scaleTargetRef.name === workload.name &&
      (h.scaleTargetRef.apiVersion === undefined || h.scaleTargetRef.apiVersion.startsWith("apps/")),
  );
  if (!hpa) return null;
  const min = hpa.minReplicas ?? 1;
  const outside = requested < min || requested > hpa.maxReplicas ? ` ${requested} is outside that range.` : "";
  return (
    `The autoscaler "${hpa.name}" owns this ${workload.kind.toLowerCase()}'s replicas (${min}–${hpa.maxReplicas}); ` +
    `it will change the count you set at its next evaluation.${outside}`
  );
}

/** Replica counts the scale action accepts. */
export function validateReplicas(n: number): string | null {
  if (!Number.isInteger(n) || n < 0) return "replicas must be a whole number, 0 or more";
  if (n > 100) return "replicas above 100 are refused here; use kubectl if you really mean it";
  return null;
}
