import { AppsV1Api, BatchV1Api, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { buildOverview, type Overview } from "@/lib/domain/kube/overview";
import type { ClusterInfo } from "@/lib/domain/kube/summary";
import type { ClusterState } from "@/lib/domain/kube/triage";
import { env } from "@/server/config";
import { ClusterCache } from "./cluster-cache";
import { loadClusterConfigs, type ClusterConfig } from "./clusters";

/**
 * The process-wide set of watched clusters. Reads come from each cluster's cache; the API clients
 * are for writes (the actions service) and explicit per-user reads (YAML view).
 */
export interface ClusterHandle extends ClusterInfo {
  readonly status: ClusterState;
  readonly cache: ClusterCache;
  readonly api: { core: CoreV1Api; apps: AppsV1Api; batch: BatchV1Api; kc: KubeConfig };
}

export class ClusterRegistry {
  readonly clusters: ClusterHandle[];
  private started = false;
  private overviewKey = "";
  private overviewValue: Overview | null = null;
  private overviewRebuild: NodeJS.Immediate | null = null;

  constructor(configs: ClusterConfig[], readonly configError: string | null = null) {
    this.clusters = configs.map(({ info, kc }) => {
      const cache = new ClusterCache(info, { cluster: info.name, kc }, () => this.invalidate());
      return {
        ...info,
        get status() { return cache.status(); },
        cache,
        api: { core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api), batch: kc.makeApiClient(BatchV1Api), kc },
      };
    });
  }

  /** Start every cluster's informers (idempotent). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const c of this.clusters) c.cache.start();
  }

  stop(): void {
    for (const c of this.clusters) c.cache.stop();
    if (this.overviewRebuild) clearImmediate(this.overviewRebuild);
    this.overviewRebuild = null;
    this.started = false;
  }

  get(name: string): ClusterHandle | undefined {
    return this.clusters.find((c) => c.name === name);
  }

  /**
   * A cluster's summary changed: rebuild the overview now, in the background, so that viewers'
   * requests find it ready instead of the first one after each change paying for it.
   */
  private invalidate() {
    this.overviewKey = "";
    this.overviewRebuild ??= setImmediate(() => {
      this.overviewRebuild = null;
      if (this.started && this.clusters.every((c) => c.cache.hasSummary)) this.overview();
    });
  }

  /** Version of all caches together: changes whenever any cluster's data or status changes. */
  version(): string {
    return this.clusters.map((c) => `${c.cache.version}`).join(".");
  }

  private summaryKey(): string {
    return this.clusters.map((c) => c.cache.summarySeq).join(".");
  }

  /** The overview payload, rebuilt only when a cluster's summary changed. */
  overview(): Overview {
    if (this.overviewValue && this.overviewKey === this.summaryKey()) return this.overviewValue;
    this.overviewValue = buildOverview(this.clusters.map((c) => ({ summary: c.cache.getSummary(), synced: c.cache.synced })), Date.now(), this.configError);
    this.overviewKey = this.summaryKey();
    return this.overviewValue;
  }
}

const globalForRegistry = globalThis as unknown as { __grioClusterRegistry?: ClusterRegistry };

/**
 * The one registry of this process (on globalThis, so Next's duplicated module graphs share it),
 * its informers running (started at start-up by instrumentation.ts; started here too, should a
 * request come first).
 */
export function getClusterRegistry(): ClusterRegistry {
  const r = registryInstance();
  r.start();
  return r;
}

function registryInstance(): ClusterRegistry {
  if (!globalForRegistry.__grioClusterRegistry) {
    let configs: ClusterConfig[] = [];
    let error: string | null = null;
    try {
      configs = loadClusterConfigs(env());
    } catch (e) {
      // A broken kubeconfig must not take the console down: pages say what is wrong instead.
      error = `Cannot read the cluster configuration (KUBECONFIG / GRIO_IN_CLUSTER): ${e instanceof Error ? e.message : String(e)}`;
    }
    globalForRegistry.__grioClusterRegistry = new ClusterRegistry(configs, error);
  }
  return globalForRegistry.__grioClusterRegistry;
}

/** Called at console start-up (instrumentation register): informers begin listing before the first request. */
export function startClusterWatches(): ClusterRegistry {
  return getClusterRegistry();
}
