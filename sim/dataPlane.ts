/**
 * The data side of the sim in one call: S3 (MinIO + mirror), Qdrant, Loki, /metrics and the
 * platform's service endpoints, all reading one EstateView; the JobHooks the Job controller calls;
 * the backends' fault switches; the data-side scenario verbs; and the school sites' sync agents
 * (started later, once the console has handed out site tokens).
 */
import type { EstateInfo, EstateView, JobHooks } from "./contract";
import { startEdgeAgents, type EdgeAgentOptions, type EdgeAgents, type EdgeSite } from "./edge";
import { hash32, type Faults } from "./faults";
import { createJobHooks, type DataJobHooks } from "./jobs";
import { startLoki, type LokiServer } from "./loki";
import { startMetrics, type MetricsServer } from "./metrics";
import { startQdrant, type QdrantServer } from "./qdrant";
import { startS3Servers, type S3Servers } from "./s3";
import { startServiceEndpoints, type ServiceEndpoints } from "./services";

/** what ControlRegistry offers (structural, so this file does not depend on the control server) */
export interface VerbRegistry {
  register(name: string, help: string, args: string[], run: (args: Record<string, unknown>) => unknown): void;
}

export interface DataPlaneOptions {
  seed?: number;
  /** the estate's start (backup history is seeded relative to it) */
  now?: number;
  /** the school sites (from the model), for the sync agents */
  sites?: Array<Omit<EdgeSite, "token">>;
}

export type DataEstateInfo = Pick<EstateInfo, "s3" | "s3Mirror" | "qdrant" | "loki" | "metrics" | "services">;

export interface DataPlane {
  info: DataEstateInfo;
  s3: S3Servers;
  qdrant: QdrantServer;
  loki: LokiServer;
  metrics: MetricsServer;
  services: ServiceEndpoints;
  hooks: DataJobHooks & JobHooks;
  /** fault switches by backend name: minio, minio-backup, qdrant, loki, metrics, django-api, nextjs-web */
  backends: Map<string, Faults>;
  /** adds failNextS3Write, setS3FailWrites, failNextBackup, setDjangoLatency, setEdgeSiteOffline, jobHistory */
  registerVerbs(registry: VerbRegistry): void;
  /** start the sync agents against a console, with the tokens it issued (site id → token) */
  startEdge(consoleUrl: string, tokens: Record<string, string>, opts?: Partial<EdgeAgentOptions>): EdgeAgents;
  stop(): Promise<void>;
}

const bool = (v: unknown) => v === true || v === "true" || v === 1 || v === "1";

export async function startDataPlane(view: EstateView, opts: DataPlaneOptions = {}): Promise<DataPlane> {
  const seed = opts.seed ?? 42;
  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
  };
  try {
    const s3 = await startS3Servers({ now: opts.now ?? view.now(), seed });
    stops.push(() => s3.stop());
    const apiKey = `${hash32(`qdrant/${seed}`).toString(16).padStart(8, "0")}${hash32(`key/${seed}`).toString(16).padStart(8, "0")}${hash32(`api/${seed}`).toString(16).padStart(8, "0")}`;
    const qdrant = await startQdrant({ apiKey, seed, now: () => view.now(), view });
    stops.push(() => qdrant.stop());
    const loki = await startLoki(view);
    stops.push(() => loki.stop());
    const metrics = await startMetrics(view);
    stops.push(() => metrics.stop());
    const services = await startServiceEndpoints(view);
    stops.push(() => services.stop());
    const hooks = createJobHooks({ s3, qdrant });
    let edge: EdgeAgents | undefined;
    stops.push(() => edge?.stop());

    const backends = new Map<string, Faults>([
      ["minio", s3.primary.faults],
      ["minio-backup", s3.mirror.faults],
      ["qdrant", qdrant.faults],
      ["loki", loki.faults],
      ["metrics", metrics.faults],
      ["django-api", services.faults["django-api"]],
      ["nextjs-web", services.faults["nextjs-web"]],
    ]);

    const info: DataEstateInfo = {
      s3: { endpoint: s3.primary.endpoint, accessKey: s3.primary.accessKey, secretKey: s3.primary.secretKey, region: s3.primary.region },
      s3Mirror: { endpoint: s3.mirror.endpoint, accessKey: s3.mirror.accessKey, secretKey: s3.mirror.secretKey, region: s3.mirror.region },
      qdrant: { url: qdrant.url, apiKey },
      loki: { url: loki.url },
      metrics: { url: metrics.metricsUrl },
      services: { djangoApiHealth: services.djangoApiHealth, web: services.web, qdrantReady: `${qdrant.url}/readyz`, minioHealth: `${s3.primary.endpoint}/minio/health/live` },
    };

    return {
      info,
      s3,
      qdrant,
      loki,
      metrics,
      services,
      hooks,
      backends,
      registerVerbs(registry) {
        registry.register("failNextS3Write", "the next S3 object write(s) on minio (or minio-backup) fail with 500 InternalError (with the client's retries of them)", ["count?", "backend?"], (a) => {
          const s = a.backend === "minio-backup" ? s3.mirror : s3.primary;
          s.faults.failNextWrite(a.count === undefined ? 1 : Number(a.count));
        });
        registry.register("setS3FailWrites", "every S3 object write on minio (or minio-backup) fails until turned off", ["on", "backend?"], (a) => {
          (a.backend === "minio-backup" ? s3.mirror : s3.primary).faults.setFailWrites(bool(a.on));
        });
        registry.register("failNextBackup", "the next backup-postgres job fails (pg_dump loses its connection) and writes nothing", [], () => hooks.failNextBackup());
        registry.register("setDjangoLatency", "django's 95th percentile latency in seconds for every view (null restores normal)", ["p95Seconds?"], (a) => {
          metrics.setDjangoLatency(a.p95Seconds === undefined || a.p95Seconds === null ? null : Number(a.p95Seconds));
        });
        registry.register("setEdgeSiteOffline", "a school site's agent loses (or regains) its uplink; heartbeats queue and are sent late, oldest first", ["siteId", "offline"], (a) => {
          if (!edge) throw new Error("the edge agents are not running (start them with the console's site tokens)");
          edge.setOffline(String(a.siteId), bool(a.offline));
        });
        registry.register("jobHistory", "what the backup, snapshot and restore-test jobs did", [], () => hooks.history);
      },
      startEdge(consoleUrl, tokens, edgeOpts = {}) {
        edge?.stop();
        const sites = (opts.sites ?? []).filter((s) => tokens[s.id]).map((s) => ({ ...s, token: tokens[s.id]! }));
        edge = startEdgeAgents({ ...edgeOpts, console: consoleUrl, sites });
        return edge;
      },
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
