import type { V1PodTemplateSpec } from "@kubernetes/client-node";

/**
 * Promote staging → production: set production's container images to staging's (what on-call does by
 * hand with `kubectl set image`). Only containers present in both are changed.
 */
export interface PromoteLine {
  container: string;
  staging: string | null;
  production: string | null;
  change: "update" | "same" | "staging-only" | "production-only";
}

export interface PromotePlan {
  lines: PromoteLine[];
  /** strategic-merge patch for the production Deployment, or null when nothing changes */
  patch: { spec: { template: { spec: Record<string, Array<{ name: string; image: string }>> } } } | null;
}

export function planPromotion(staging: V1PodTemplateSpec | undefined, production: V1PodTemplateSpec | undefined): PromotePlan {
  const lines: PromoteLine[] = [];
  const patchSpec: Record<string, Array<{ name: string; image: string }>> = {};
  for (const field of ["initContainers", "containers"] as const) {
    const s = new Map((staging?.spec?.[field] ?? []).map((c) => [c.name, c.image ?? ""]));
    const p = new Map((production?.spec?.[field] ?? []).map((c) => [c.name, c.image ?? ""]));
    const prefix = field === "initContainers" ? "init:" : "";
    for (const name of new Set([...p.keys(), ...s.keys()])) {
      const si = s.get(name) ?? null;
      const pi = p.get(name) ?? null;
      const change: PromoteLine["change"] =
        si === null ? "production-only" : pi === null ? "staging-only" : si === pi ? "same" : "update";
      lines.push({ container: prefix + name, staging: si, production: pi, change });
      if (change === "update" && si !== null) (patchSpec[field] ??= []).push({ name, image: si });
    }
  }
  const patch = Object.keys(patchSpec).length ? { spec: { template: { spec: patchSpec } } } : null;
  return { lines, patch };
}
