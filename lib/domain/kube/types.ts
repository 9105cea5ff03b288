/**
 * Slim Kubernetes objects: only the fields the console uses. The informer caches hold these (not
 * the full API objects), and every health/triage/timeline function works on them. Times are epoch
 * milliseconds (or null when the API did not say).
 */

export type Health = "healthy" | "degraded" | "progressing" | "failed";
export const HEALTH_ORDER: Record<Health, number> = { failed: 0, degraded: 1, progressing: 2, healthy: 3 };

export type Labels = Record<string, string>;

export interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
}

export interface ObjectMeta {
  name: string;
  namespace: string; // "" for cluster-scoped objects
  uid: string;
  createdAt: number | null;
  labels: Labels;
  owner: OwnerRef | null; // the controller owner reference
}

export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason: string;
  message: string;
  lastTransition: number | null;
}

export interface SlimNode extends ObjectMeta {
  unschedulable: boolean;
  taints: Array<{ key: string; value: string; effect: string }>;
  conditions: Condition[];
  capacity: { cpu: string; memory: string; pods: string; ephemeralStorage: string };
  allocatable: { cpu: string; memory: string; pods: string; ephemeralStorage: string };
  kubeletVersion: string;
  architecture: string;
  osImage: string;
  internalIP: string;
}

export interface ContainerState {
  state: "running" | "waiting" | "terminated" | "unknown";
  reason: string; // waiting/terminated reason
  message: string;
  startedAt: number | null;
  exitCode: number | null;
  finishedAt: number | null;
}

export interface SlimContainer {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  current: ContainerState;
  lastTermination: ContainerState | null;
  init: boolean;
}

export interface SlimPod extends ObjectMeta {
  nodeName: string;
  phase: string;
  reason: string; // status.reason (e.g. Evicted)
  conditions: Condition[];
  containers: SlimContainer[];
  deleting: boolean;
  podIP: string;
  /** Deployment/StatefulSet/CronJob/Job/DaemonSet that owns this pod, resolved by the cache */
  workload?: { kind: string; name: string } | null;
}

/** What Deployments and StatefulSets both report about a rollout: generations and replica counts. */
export interface RolloutCounts {
  generation: number;
  observedGeneration: number;
  desired: number;
  updated: number;
  ready: number;
  available: number;
}

export interface SlimDeployment extends ObjectMeta, RolloutCounts {
  kind: "Deployment";
  unavailable: number;
  paused: boolean;
  revision: number;
  images: string[];
  selector: Labels;
  conditions: Condition[];
}

export interface SlimStatefulSet extends ObjectMeta, RolloutCounts {
  kind: "StatefulSet";
  currentRevision: string;
  updateRevision: string;
  images: string[];
  selector: Labels;
  conditions: Condition[];
}

export interface SlimReplicaSet extends ObjectMeta {
  revision: number;
  changeCause: string;
  images: string[];
  desired: number;
  ready: number;
}

export interface SlimControllerRevision extends ObjectMeta {
  revision: number;
  changeCause: string;
  images: string[];
}

export interface SlimCronJob extends ObjectMeta {
  kind: "CronJob";
  schedule: string;
  suspend: boolean;
  lastSchedule: number | null;
  lastSuccessful: number | null;
  active: number;
  images: string[];
}

export interface SlimJob extends ObjectMeta {
  active: number;
  succeeded: number;
  failed: number;
  startedAt: number | null;
  completedAt: number | null;
  conditions: Condition[];
}

export interface SlimHpa extends ObjectMeta {
  target: { kind: string; name: string };
  min: number;
  max: number;
  current: number;
  desired: number;
}

export interface SlimPvc extends ObjectMeta {
  phase: string;
  storageClass: string;
  volumeName: string;
  requested: string;
  capacity: string;
  accessModes: string[];
}

export interface SlimEvent {
  uid: string;
  namespace: string;
  type: "Normal" | "Warning" | string;
  reason: string;
  message: string;
  object: { kind: string; name: string; namespace: string };
  count: number;
  firstSeen: number | null;
  lastSeen: number | null;
  source: string;
}

export type Workload = SlimDeployment | SlimStatefulSet | SlimCronJob;

export const objectKey = (o: { namespace: string; name: string }): string =>
  o.namespace ? `${o.namespace}/${o.name}` : o.name;
