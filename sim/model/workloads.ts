/** Grio's workloads in namespace `grio` (and K3s' own in kube-system), as their manifests define them. */
import type { ClusterModel } from "./cluster";
import { iso } from "./cluster";
import { templateHash } from "./controllers/deployments";
import { canonicalQuantity } from "./pods";
import type { K8sObject } from "./store";

/* eslint-disable @typescript-eslint/no-explicit-any */

const DAY = 86_400_000;
export const REGISTRY = "ghcr.io/grio-ai";
/** django-api image history, oldest first; staging runs one newer than prod */
export const API_SHAS = ["1c4e9a2", "7b3f0d8", "a91c55e", "3f9c2ab", "e40d7c1"];
export const API_CAUSES = [
  "initial deploy of the Grio API",
  "CI #388: curriculum sync endpoints",
  "CI #412: django 5.0.6, gunicorn workers 4",
  "CI #437: lesson progress caching (redis)",
  "CI #451: teacher dashboard export",
];

export interface ClusterProfile {
  scale: number; // replicas multiplier: prod 1, staging → 1 replica each
  single: boolean;
  apiRevision: number; // index into API_SHAS of the running image
  inferencePool: boolean;
  troubled: boolean;
}

function container(name: string, image: string, port: number | undefined, cpu: string, mem: string, extra: any = {}): any {
  return {
    name,
    image,
    ...(port ? { ports: [{ containerPort: port, name: "http", protocol: "TCP" }] } : {}),
    resources: { requests: { cpu, memory: mem }, limits: { memory: canonicalQuantity(mem.endsWith("Gi") ? `${Number(mem.slice(0, -2)) * 2}Gi` : `${Number(mem.slice(0, -2)) * 2}Mi`) } },
    ...extra,
  };
}

function template(app: string, containers: any[], spec: any = {}, annotations?: Record<string, string>): any {
  return {
    metadata: { labels: { app, "app.kubernetes.io/name": app, "app.kubernetes.io/part-of": "grio" }, ...(annotations ? { annotations } : {}) },
    spec: { containers, restartPolicy: "Always", ...spec },
  };
}

function deployment(c: ClusterModel, ns: string, name: string, replicas: number, tmpl: any, createdAt: number, annotations: Record<string, string> = {}, generation = 1): K8sObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns, generation, creationTimestamp: iso(createdAt), labels: { app: name, "app.kubernetes.io/part-of": ns === "grio" ? "grio" : "k3s" }, annotations },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: tmpl,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}

export function apiTemplate(sha: string): any {
  return template("django-api", [
    container("django-api", `${REGISTRY}/grio-api:${sha}`, 8000, "250m", "512Mi", {
      env: [
        { name: "DJANGO_SETTINGS_MODULE", value: "grio.settings.production" },
        { name: "DATABASE_HOST", value: "postgres.grio.svc.cluster.local" },
        { name: "REDIS_URL", value: "redis://redis.grio.svc.cluster.local:6379/0" },
      ],
      readinessProbe: { httpGet: { path: "/health", port: 8000, scheme: "HTTP" }, periodSeconds: 10, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 3 },
    }),
  ]);
}

export function webTemplate(sha: string): any {
  return template("nextjs-web", [container("nextjs-web", `${REGISTRY}/grio-web:${sha}`, 3000, "100m", "256Mi")]);
}

function statefulSet(ns: string, name: string, replicas: number, tmpl: any, storage: string, createdAt: number): K8sObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace: ns, generation: 1, creationTimestamp: iso(createdAt), labels: { app: name, "app.kubernetes.io/part-of": "grio" } },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: tmpl,
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      volumeClaimTemplates: [
        { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage } }, storageClassName: "local-path", volumeMode: "Filesystem" }, status: { phase: "Pending" } },
      ],
    },
    status: {},
  };
}

function cronJob(ns: string, name: string, schedule: string, image: string, command: string[], createdAt: number): K8sObject {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name, namespace: ns, generation: 1, creationTimestamp: iso(createdAt), labels: { app: name, "app.kubernetes.io/part-of": "grio" } },
    spec: {
      schedule,
      timeZone: "Etc/UTC",
      concurrencyPolicy: "Forbid",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels: { app: name } },
        spec: {
          backoffLimit: 0,
          template: {
            metadata: { labels: { app: name } },
            spec: { restartPolicy: "Never", containers: [container(name, image, undefined, "100m", "256Mi", { command })] },
          },
        },
      },
    },
    status: {},
  };
}

/** Create the workloads of one cluster (the controllers then make their ReplicaSets and pods). */
export function addWorkloads(c: ClusterModel, p: ClusterProfile, start: number): void {
  const ns = "grio";
  const r = (n: number) => (p.single ? 1 : Math.max(1, Math.round(n * p.scale)));
  const born = start - 200 * DAY;
  // django-api with its revision history (old ReplicaSets at 0 replicas)
  const api = deployment(c, ns, "django-api", r(3), apiTemplate(API_SHAS[p.apiRevision]!), born, { "kubernetes.io/change-cause": API_CAUSES[p.apiRevision]! }, p.apiRevision + 1);
  c.store.put("deployments", api);
  for (let i = 0; i < p.apiRevision; i++) historyReplicaSet(c, api, apiTemplate(API_SHAS[i]!), i + 1, API_CAUSES[i]!, start - (40 - i * 10) * DAY);
  const web = deployment(c, ns, "nextjs-web", r(2), webTemplate("52be0f3"), born);
  c.store.put("deployments", web);
  const inference = template(
    "ai-inference",
    [container("ai-inference", `${REGISTRY}/grio-inference:9d2e61b`, 8080, "1", p.inferencePool ? "12Gi" : "2Gi", { env: [{ name: "MODEL_PATH", value: "/models/grio-tutor-7b-q4" }] })],
    p.inferencePool ? { nodeSelector: { "grio.io/pool": "inference" }, tolerations: [{ key: "grio.io/pool", operator: "Equal", value: "inference", effect: "NoSchedule" }] } : {},
  );
  c.store.put("deployments", deployment(c, ns, "ai-inference", r(3), inference, born + 60 * DAY));
  c.store.put("deployments", deployment(c, ns, "redis", 1, template("redis", [container("redis", "redis:7.2.5-alpine", 6379, "100m", "256Mi")]), born));
  c.store.put("statefulsets", statefulSet(ns, "postgres", 1, template("postgres", [container("postgres", "postgres:16.3", 5432, "500m", "2Gi")]), "200Gi", born));
  c.store.put("statefulsets", statefulSet(ns, "qdrant", 1, template("qdrant", [container("qdrant", "qdrant/qdrant:v1.9.2", 6333, "500m", "2Gi")]), "50Gi", born + 30 * DAY));
  c.store.put("statefulsets", statefulSet(ns, "minio", 1, template("minio", [container("minio", "minio/minio:RELEASE.2024-05-10T01-41-38Z", 9000, "250m", "1Gi", { args: ["server", "/data", "--console-address", ":9001"] })]), "500Gi", born));
  c.store.put("cronjobs", cronJob(ns, "backup-postgres", "0 2 * * *", "postgres:16.3", ["/usr/local/bin/backup-postgres.sh"], born));
  c.store.put("cronjobs", cronJob(ns, "qdrant-snapshot", "30 2 * * *", "minio/mc:RELEASE.2024-05-09T17-04-24Z", ["/scripts/qdrant-snapshot.sh"], born + 30 * DAY));
  c.store.put("cronjobs", cronJob(ns, "restore-test", "0 4 * * 0", "postgres:16.3", ["/scripts/restore-test.sh"], born + 30 * DAY));
  c.store.put("horizontalpodautoscalers", {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "django-api", namespace: ns, creationTimestamp: iso(born) },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "django-api" },
      minReplicas: p.single ? 1 : 2,
      maxReplicas: p.single ? 1 : 8,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
    },
    status: {
      currentReplicas: r(3),
      desiredReplicas: r(3),
      currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 46, averageValue: "115m" } } }],
      conditions: [
        { type: "AbleToScale", status: "True", lastTransitionTime: iso(born), reason: "ReadyForNewScale", message: "recommended size matches current size" },
        { type: "ScalingActive", status: "True", lastTransitionTime: iso(born), reason: "ValidMetricFound", message: "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)" },
        { type: "ScalingLimited", status: "False", lastTransitionTime: iso(born), reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" },
      ],
    },
  });
  // K3s' own add-ons
  const ks = "kube-system";
  c.store.put("deployments", deployment(c, ks, "coredns", 1, template("coredns", [container("coredns", "rancher/mirrored-coredns-coredns:1.10.1", 53, "100m", "70Mi")]), born));
  c.store.put("deployments", deployment(c, ks, "local-path-provisioner", 1, template("local-path-provisioner", [container("local-path-provisioner", "rancher/local-path-provisioner:v0.0.27", undefined, "10m", "32Mi")]), born));
  c.store.put("deployments", deployment(c, ks, "metrics-server", 1, template("metrics-server", [container("metrics-server", "rancher/mirrored-metrics-server:v0.7.0", 10250, "100m", "70Mi")]), born));
  c.store.put("deployments", deployment(c, ks, "traefik", 1, template("traefik", [container("traefik", "rancher/mirrored-library-traefik:2.10.7", 8000, "100m", "64Mi")]), born));
}

function historyReplicaSet(c: ClusterModel, d: K8sObject, tmpl: any, revision: number, cause: string, createdAt: number): void {
  const hash = templateHash(tmpl);
  const t = JSON.parse(JSON.stringify(tmpl));
  t.metadata.labels["pod-template-hash"] = hash;
  c.store.put("replicasets", {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      generation: 2,
      creationTimestamp: iso(createdAt),
      labels: { ...tmpl.metadata.labels, "pod-template-hash": hash },
      annotations: { "deployment.kubernetes.io/desired-replicas": String(d.spec.replicas), "deployment.kubernetes.io/max-replicas": String(d.spec.replicas + 1), "deployment.kubernetes.io/revision": String(revision), "kubernetes.io/change-cause": cause },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: d.metadata.name, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 0, selector: { matchLabels: { app: d.metadata.name, "pod-template-hash": hash } }, template: t },
    status: { replicas: 0, observedGeneration: 2 },
  });
}
