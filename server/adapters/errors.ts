/**
 * Every adapter (the only code that talks to Kubernetes, Prometheus, Alertmanager, Loki, S3, Qdrant,
 * service endpoints) throws an UpstreamError tagged with its source, so the UI can say in one plain
 * sentence which source failed, and pages can show partial data beside per-source errors.
 */
export type UpstreamSource =
  | "kubernetes"
  | "prometheus"
  | "alertmanager"
  | "loki"
  | "s3"
  | "s3-mirror"
  | "qdrant"
  | "service-check";

export class UpstreamError extends Error {
  readonly source: UpstreamSource;
  /** e.g. the cluster name for kubernetes, the bucket for s3 */
  readonly instance: string | undefined;
  /** HTTP status the upstream answered with, when it answered */
  readonly status: number | undefined;

  constructor(
    source: UpstreamSource,
    message: string,
    opts: { instance?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "UpstreamError";
    this.source = source;
    this.instance = opts.instance;
    this.status = opts.status;
  }

  /** "Kubernetes API of hetzner-prod refused: deployments.apps "x" is forbidden" */
  get sentence(): string {
    const label = SOURCE_LABEL[this.source];
    const who = this.instance ? `${label} of ${this.instance}` : label;
    const verb = this.status === undefined ? "is unreachable" : "refused";
    return `${who} ${verb}: ${this.message}`;
  }
}

const SOURCE_LABEL: Record<UpstreamSource, string> = {
  kubernetes: "Kubernetes API",
  prometheus: "Prometheus",
  alertmanager: "Alertmanager",
  loki: "Loki",
  s3: "S3 (MinIO)",
  "s3-mirror": "S3 mirror (minio-backup)",
  qdrant: "Qdrant",
  "service-check": "Service check",
};

/** Per-source result for pages that must show partial data: what arrived and what failed. */
export type SourceError = { source: UpstreamSource; instance?: string; message: string };

export function toSourceError(e: unknown, fallback: UpstreamSource, instance?: string): SourceError {
  if (e instanceof UpstreamError) {
    return { source: e.source, instance: e.instance ?? instance, message: e.sentence };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { source: fallback, instance, message: msg };
}
