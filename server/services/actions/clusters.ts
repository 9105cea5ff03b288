import { AutoscalingV2Api, type KubeConfig } from "@kubernetes/client-node";
import { getClusterRegistry } from "@/server/adapters/kubernetes/registry";
import { DomainError } from "@/server/api/errors";
import type { ActionCluster } from "./kube";

const autoscalers = new WeakMap<KubeConfig, AutoscalingV2Api>();

/** The API clients of one cluster of the registry, for an action; unknown cluster → NOT_FOUND. */
export function actionCluster(name: string): ActionCluster {
  const handle = getClusterRegistry().get(name);
  if (!handle) throw new DomainError("NOT_FOUND", `No cluster named "${name}" is configured.`);
  const { kc } = handle.api;
  let autoscaling = autoscalers.get(kc);
  if (!autoscaling) {
    autoscaling = kc.makeApiClient(AutoscalingV2Api);
    autoscalers.set(kc, autoscaling);
  }
  return {
    name: handle.name,
    displayName: handle.displayName,
    production: handle.production,
    core: handle.api.core,
    apps: handle.api.apps,
    batch: handle.api.batch,
    autoscaling,
  };
}

/** The staging and production clusters for "promote staging → production" (by name, then by flag). */
export function promotionClusters(): { staging: ActionCluster; production: ActionCluster } {
  const all = getClusterRegistry().clusters;
  const staging = all.find((c) => c.name.includes("staging")) ?? all.find((c) => !c.production && c.tier === "cloud");
  const production = all.find((c) => c.name === "hetzner-prod") ?? all.find((c) => c.production && c.tier === "cloud");
  if (!staging || !production) throw new DomainError("PRECONDITION_FAILED", "Promotion needs a staging and a production cluster; one of them is not configured.");
  return { staging: actionCluster(staging.name), production: actionCluster(production.name) };
}
