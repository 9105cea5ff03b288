/**
 * The contract between the sim's parts (sim/ imports nothing from the console).
 * - sim/k8s + sim/model own the estate's Kubernetes state and its controllers.
 * - sim/s3, sim/loki, sim/qdrant, sim/metrics, sim/services, sim/edge read the estate through
 *   EstateView and react to jobs through JobHooks.
 * - sim/index.ts wires them: startSim(options) → SimHandle; sim/cli.ts is `npm run sim`.
 */

export type ClusterName = "hetzner-prod" | "hetzner-staging" | "ministry-onprem" | (string & {});

export interface SimNodeView {
  cluster: ClusterName;
  name: string;
  labels: Record<string, string>;
  arch: "amd64" | "arm64";
  /** Ready condition status */
  ready: "True" | "False" | "Unknown";
  diskPressure: boolean;
  unschedulable: boolean;
  cpuCores: number;
  memoryBytes: number;
  diskTotalBytes: number;
  diskUsedBytes: number;
}

export interface SimContainerView {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  /** CrashLoopBackOff | ImagePullBackOff | ErrImagePull | ContainerCreating | undefined */
  waitingReason?: string;
  /** epoch ms of each restart in the last hour (for log generation and metrics) */
  recentRestarts: number[];
}

export interface SimPodView {
  cluster: ClusterName;
  namespace: string;
  name: string;
  nodeName: string | undefined;
  /** the `app` label */
  app: string;
  /** owning workload name (deployment/statefulset/cronjob) */
  workload: string;
  workloadKind: "Deployment" | "StatefulSet" | "Job" | "CronJob" | "Pod";
  phase: "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";
  containers: SimContainerView[];
  createdAt: number;
}

export interface SimDeploymentView {
  cluster: ClusterName;
  namespace: string;
  name: string;
  kind: "Deployment" | "StatefulSet";
  desired: number;
  available: number;
  images: string[];
}

/** Read-only, always-current view of the estate, for the non-Kubernetes servers. */
export interface EstateView {
  now(): number;
  clusters(): ClusterName[];
  nodes(cluster?: ClusterName): SimNodeView[];
  pods(cluster?: ClusterName): SimPodView[];
  workloads(cluster?: ClusterName): SimDeploymentView[];
  /** is a named platform service up? ("django-api", "nextjs-web", "qdrant", "minio", "postgres") */
  serviceUp(name: string): boolean;
}

/** Called by the Job controller when a Job's pod runs. Resolve with the outcome. */
export interface JobHooks {
  /** e.g. cronJob "backup-postgres" writes a new dump; "qdrant-snapshot" makes a snapshot */
  onJobRun(cluster: ClusterName, cronJobName: string | undefined, jobName: string): Promise<{ succeeded: boolean; message?: string }>;
}

export interface S3Credentials {
  endpoint: string; // http://127.0.0.1:port
  accessKey: string;
  secretKey: string;
  region: string;
}

/** Written to DIR/estate.json by `npm run sim -- --out DIR`, and returned by startSim(). */
export interface EstateInfo {
  kubeconfig: string; // absolute path, one context per cluster, named after it
  clusters: Array<{ name: ClusterName; server: string; token: string; tier: "cloud" | "edge" | "on-prem"; production: boolean }>;
  s3: S3Credentials;
  s3Mirror: S3Credentials;
  qdrant: { url: string; apiKey: string };
  loki: { url: string };
  metrics: { url: string }; // the /metrics URL Prometheus scrapes
  services: { djangoApiHealth: string; web: string; qdrantReady: string; minioHealth: string };
  control: { url: string }; // base of /__sim
  sites: Array<{ id: string; name: string; district: string; syncInterval: "daily" | "weekly" | `${number}h`; nodeName?: string; /** epoch ms the site went silent (sim scenario: no heartbeats after it) */ silentSince?: number }>;
}
