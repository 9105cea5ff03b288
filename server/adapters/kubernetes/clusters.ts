import { KubeConfig } from "@kubernetes/client-node";
import type { ClusterInfo } from "@/lib/domain/kube/summary";
import type { Env } from "@/server/config";

/**
 * Which clusters the console watches: the in-cluster service account when GRIO_IN_CLUSTER=1, plus
 * every context of KUBECONFIG (one or more paths separated by ":"). GRIO_CLUSTERS adds each one's
 * display name, tier and production flag (keyed by context name).
 */
export interface ClusterConfig {
  info: ClusterInfo;
  kc: KubeConfig;
}

export function loadClusterConfigs(e: Pick<Env, "KUBECONFIG" | "GRIO_IN_CLUSTER" | "GRIO_CLUSTERS">): ClusterConfig[] {
  const settings = e.GRIO_CLUSTERS ?? {};
  const info = (name: string): ClusterInfo => {
    const s = settings[name];
    return { name, displayName: s?.displayName ?? name, tier: s?.tier ?? "cloud", production: s?.production ?? false };
  };
  const out: ClusterConfig[] = [];
  const seen = new Set<string>();
  // In-cluster (the cluster the console runs in, named by GRIO_CLUSTERS' first key) and, when
  // KUBECONFIG is also set, every other cluster it reaches through a context (deploy/k8s overlays).
  if (e.GRIO_IN_CLUSTER) {
    const kc = new KubeConfig();
    kc.loadFromCluster();
    const name = Object.keys(settings)[0] ?? "in-cluster";
    out.push({ info: info(name), kc });
    seen.add(name);
  }
  if (!e.KUBECONFIG) return out;
  for (const file of e.KUBECONFIG.split(":").filter(Boolean)) {
    const probe = new KubeConfig();
    probe.loadFromFile(file);
    for (const ctx of probe.getContexts()) {
      if (seen.has(ctx.name)) continue;
      seen.add(ctx.name);
      const kc = new KubeConfig();
      kc.loadFromFile(file);
      kc.setCurrentContext(ctx.name);
      out.push({ info: info(ctx.name), kc });
    }
  }
  return out;
}
