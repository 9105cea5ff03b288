/**
 * A small EstateView for the data-plane servers' own tests (the real one is the K8s model's).
 * It holds the default scenario's interesting parts: a crash-looping ai-inference pod, an
 * ImagePullBackOff, a Pending pod, nodes at 88 % and 95 % disk, and two silent edge nodes.
 */
import type { EstateView, SimContainerView, SimDeploymentView, SimNodeView, SimPodView } from "../contract";

const GiB = 1024 ** 3;

export interface FakeEstate extends EstateView {
  setServiceUp(name: string, up: boolean): void;
  /** make a container restart now */
  restart(pod: string, container?: string): void;
  advance(ms: number): void;
}

function node(cluster: string, name: string, over: Partial<SimNodeView> = {}): SimNodeView {
  return {
    cluster,
    name,
    labels: { "kubernetes.io/hostname": name, "kubernetes.io/arch": over.arch ?? "amd64" },
    arch: "amd64",
    ready: "True",
    diskPressure: false,
    unschedulable: false,
    cpuCores: 8,
    memoryBytes: 32 * GiB,
    diskTotalBytes: 240 * GiB,
    diskUsedBytes: 96 * GiB,
    ...over,
  };
}

function container(name: string, image: string, over: Partial<SimContainerView> = {}): SimContainerView {
  return { name, image, ready: true, restartCount: 0, recentRestarts: [], ...over };
}

export function fakeEstate(start = Date.UTC(2026, 11, 4, 7, 30)): FakeEstate {
  let offset = 0;
  const now = () => start + offset;
  const down = new Set<string>();
  const nodes: SimNodeView[] = [
    node("hetzner-prod", "prod-server-1"),
    node("hetzner-prod", "prod-server-2", { diskUsedBytes: Math.round(240 * GiB * 0.88) }),
    node("hetzner-prod", "prod-agent-1", { diskUsedBytes: Math.round(240 * GiB * 0.95), diskPressure: true }),
    node("hetzner-prod", "edge-kla-001", { arch: "arm64", cpuCores: 4, memoryBytes: 8 * GiB, diskTotalBytes: 128 * GiB, labels: { "grio.io/tier": "edge", "grio.io/site": "kla-001", "grio.io/district": "Kampala" } }),
    node("hetzner-prod", "edge-gul-003", { ready: "Unknown", arch: "arm64", cpuCores: 4, memoryBytes: 8 * GiB, diskTotalBytes: 128 * GiB, labels: { "grio.io/tier": "edge", "grio.io/site": "gul-003", "grio.io/district": "Gulu" } }),
    node("hetzner-staging", "staging-1"),
  ];
  const t0 = start - 3 * 86_400_000;
  const pod = (cluster: string, name: string, app: string, workload: string, nodeName: string | undefined, containers: SimContainerView[], over: Partial<SimPodView> = {}): SimPodView => ({
    cluster, namespace: "grio", name, nodeName, app, workload, workloadKind: "Deployment", phase: "Running", containers, createdAt: t0, ...over,
  });
  const crash = container("ai-inference", "registry.grio.io/grio-ai:7d1c2e9", { ready: false, restartCount: 4, waitingReason: "CrashLoopBackOff", recentRestarts: [start - 300_000, start - 200_000, start - 120_000, start - 40_000] });
  const pods: SimPodView[] = [
    pod("hetzner-prod", "django-api-7c9f8b6d5-abcde", "django-api", "django-api", "prod-server-1", [container("django", "registry.grio.io/grio-api:3f2a91c")]),
    pod("hetzner-prod", "django-api-7c9f8b6d5-fghij", "django-api", "django-api", "prod-server-2", [container("django", "registry.grio.io/grio-api:3f2a91c")]),
    pod("hetzner-prod", "django-api-7c9f8b6d5-klmno", "django-api", "django-api", "prod-agent-1", [container("django", "registry.grio.io/grio-api:3f2a91c")]),
    pod("hetzner-prod", "ai-inference-5d8f7c9b4-pqrst", "ai-inference", "ai-inference", "prod-agent-1", [crash]),
    pod("hetzner-prod", "ai-inference-5d8f7c9b4-uvwxy", "ai-inference", "ai-inference", "prod-server-1", [container("ai-inference", "registry.grio.io/grio-ai:7d1c2e9")]),
    pod("hetzner-prod", "nextjs-web-6b7d9f8c4-zabcd", "nextjs-web", "nextjs-web", undefined, [container("web", "registry.grio.io/grio-web:does-not-exist", { ready: false, waitingReason: "ImagePullBackOff" })], { phase: "Pending", nodeName: "prod-server-2" }),
    pod("hetzner-prod", "nextjs-web-6b7d9f8c4-efghi", "nextjs-web", "nextjs-web", undefined, [container("web", "registry.grio.io/grio-web:1.14.2", { ready: false })], { phase: "Pending" }),
    pod("hetzner-prod", "redis-6d5c8b7f9-jklmn", "redis", "redis", "prod-server-1", [container("redis", "redis:7.2-alpine")]),
    pod("hetzner-prod", "postgres-0", "postgres", "postgres", "prod-server-2", [container("postgres", "postgres:16.4")], { workloadKind: "StatefulSet" }),
    pod("hetzner-prod", "qdrant-0", "qdrant", "qdrant", "prod-server-1", [container("qdrant", "qdrant/qdrant:v1.12.4")], { workloadKind: "StatefulSet" }),
    pod("hetzner-prod", "backup-postgres-29416440-x7k2p", "backup-postgres", "backup-postgres", "prod-agent-1", [container("backup-postgres", "registry.grio.io/grio-backup:1.4.0", { ready: false })], { workloadKind: "CronJob", phase: "Succeeded", createdAt: start - 5.5 * 3_600_000 }),
    pod("hetzner-staging", "django-api-5b6c7d8e9-qrstu", "django-api", "django-api", "staging-1", [container("django", "registry.grio.io/grio-api:8e4b0d2")]),
  ];
  const workloads: SimDeploymentView[] = [
    { cluster: "hetzner-prod", namespace: "grio", name: "django-api", kind: "Deployment", desired: 3, available: 3, images: ["registry.grio.io/grio-api:3f2a91c"] },
    { cluster: "hetzner-prod", namespace: "grio", name: "ai-inference", kind: "Deployment", desired: 2, available: 1, images: ["registry.grio.io/grio-ai:7d1c2e9"] },
    { cluster: "hetzner-prod", namespace: "grio", name: "nextjs-web", kind: "Deployment", desired: 2, available: 0, images: ["registry.grio.io/grio-web:1.14.2"] },
    { cluster: "hetzner-prod", namespace: "grio", name: "postgres", kind: "StatefulSet", desired: 1, available: 1, images: ["postgres:16.4"] },
    { cluster: "hetzner-staging", namespace: "grio", name: "django-api", kind: "Deployment", desired: 1, available: 1, images: ["registry.grio.io/grio-api:8e4b0d2"] },
  ];
  const inCluster = <T extends { cluster: string }>(xs: T[], c?: string) => (c ? xs.filter((x) => x.cluster === c) : xs);
  return {
    now,
    clusters: () => ["hetzner-prod", "hetzner-staging"],
    nodes: (c) => inCluster(nodes, c),
    pods: (c) => inCluster(pods, c),
    workloads: (c) => inCluster(workloads, c),
    serviceUp: (name) => !down.has(name),
    setServiceUp(name, up) {
      if (up) down.delete(name);
      else down.add(name);
    },
    restart(podName, containerName) {
      const p = pods.find((x) => x.name === podName);
      const c = p?.containers.find((x) => !containerName || x.name === containerName);
      if (!c) throw new Error(`no pod ${podName}`);
      c.restartCount++;
      c.recentRestarts.push(now());
    },
    advance(ms) {
      offset += ms;
    },
  };
}
