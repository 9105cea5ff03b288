import { summarizeCronJob, type CronJobSummary } from "@/lib/domain/backups/cronjobs";
import type { SourceError } from "@/server/adapters/errors";
import { getClusterRegistry, type ClusterHandle } from "@/server/adapters/kubernetes";
import type { CronJobSource } from "./backups";
import type { SiteNode, SiteNodeSource } from "./edge-fleet";

/**
 * The Kubernetes side of the backups and edge pages, read from the cluster cache (never the API):
 * backup CronJobs with their Jobs, and K3s nodes labelled grio.io/site. A cluster that is not
 * connected still gives what its cache holds, with its error beside it.
 */
export const SITE_LABEL = "grio.io/site";

function clusterError(c: ClusterHandle): SourceError | undefined {
  const s = c.status;
  if (s.state === "connected") return undefined;
  return { source: "kubernetes", instance: c.name, message: `Kubernetes API of ${c.name} is ${s.state}: ${s.reason}` };
}

export function backupCronJobSource(): CronJobSource {
  return () => {
    const cronJobs: CronJobSummary[] = [];
    const errors: SourceError[] = [];
    for (const c of getClusterRegistry().clusters) {
      const err = clusterError(c);
      if (err) errors.push(err);
      const jobs = [...c.cache.jobs.store.values()];
      for (const cj of c.cache.cronJobs.store.values()) cronJobs.push({ ...summarizeCronJob(c.name, cj, jobs), production: c.production });
    }
    return { cronJobs, errors };
  };
}

export function siteNodeSource(): SiteNodeSource {
  return () => {
    const nodes: SiteNode[] = [];
    const errors: SourceError[] = [];
    for (const c of getClusterRegistry().clusters) {
      const found: SiteNode[] = [];
      for (const n of c.cache.nodes.store.values()) {
        const siteId = n.labels[SITE_LABEL];
        if (!siteId) continue;
        const ready = n.conditions.find((x) => x.type === "Ready");
        found.push({
          cluster: c.name, name: n.name, siteId,
          ready: ready?.status ?? "Unknown",
          readySince: ready?.lastTransition ? new Date(ready.lastTransition) : undefined,
        });
      }
      nodes.push(...found);
      const err = clusterError(c);
      if (err && c.tier === "edge") errors.push(err);
    }
    return { nodes, errors };
  };
}
