/** Pods built from templates the way the controllers and the apiserver's defaulting build them, and the scheduler. */
import type { ClusterModel, ContainerSim, PodSim } from "./cluster";
import { iso } from "./cluster";
import { nodeReady } from "./nodes";
import type { K8sObject, OwnerReference } from "./store";

/* eslint-disable @typescript-eslint/no-explicit-any */

export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === "number") return q;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q);
  if (!m) return 0;
  const n = Number(m[1]);
  const mult: Record<string, number> = { "": 1, m: 0.001, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  return n * (mult[m[2]!] ?? 1);
}

/** A quantity in the canonical form the apiserver stores ("1024Mi" → "1Gi", "1000m" → "1"). */
export function canonicalQuantity(q: string): string {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q);
  if (!m) return q;
  const bin = ["Ki", "Mi", "Gi", "Ti", "Pi"];
  const v = parseQuantity(q);
  if (bin.includes(m[2]!)) {
    for (let i = bin.length - 1; i >= 0; i--) {
      const unit = 1024 ** (i + 1);
      if (v >= unit && Number.isInteger(v / unit)) return `${v / unit}${bin[i]}`;
    }
    return String(v);
  }
  if (Number.isInteger(v)) {
    const dec = ["k", "M", "G", "T"];
    for (let i = dec.length - 1; i >= 0; i--) {
      const unit = 1000 ** (i + 1);
      if (v >= unit && Number.isInteger(v / unit) && m[2] !== "") return `${v / unit}${dec[i]}`;
    }
    return String(v);
  }
  const milli = Math.round(v * 1000);
  return `${milli}m`;
}

/** Canonicalise container resource quantities in any pod spec inside an object. */
export function canonicalizeResources(obj: any): void {
  const specs = [obj?.spec, obj?.spec?.template?.spec, obj?.spec?.jobTemplate?.spec?.template?.spec];
  for (const spec of specs) {
    for (const ct of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      for (const kind of ["requests", "limits"]) {
        const r = ct?.resources?.[kind];
        if (r && typeof r === "object") for (const k of Object.keys(r)) if (typeof r[k] === "string") r[k] = canonicalQuantity(r[k]);
      }
    }
  }
}

const requestCache = new WeakMap<object, { cpu: number; mem: number }>();

export function podRequests(pod: K8sObject): { cpu: number; mem: number } {
  const hit = requestCache.get(pod.spec);
  if (hit) return hit;
  const r = computeRequests(pod);
  if (pod.spec) requestCache.set(pod.spec, r);
  return r;
}

function computeRequests(pod: K8sObject): { cpu: number; mem: number } {
  let cpu = 0;
  let mem = 0;
  for (const ct of pod.spec?.containers ?? []) {
    cpu += parseQuantity(ct.resources?.requests?.cpu);
    mem += parseQuantity(ct.resources?.requests?.memory);
  }
  return { cpu, mem };
}

export interface PodOwner {
  ref: OwnerReference;
  workload: string;
  workloadKind: "Deployment" | "StatefulSet" | "Job" | "CronJob" | "Pod";
}

export function makePod(c: ClusterModel, ns: string, name: string, template: any, owner: PodOwner | undefined, extraLabels: Record<string, string> = {}): K8sObject {
  const now = c.now();
  const tmpl = JSON.parse(JSON.stringify(template ?? {}));
  const saVolume = `kube-api-access-${c.suffix(5)}`;
  const containers = (tmpl.spec?.containers ?? []).map((ct: any) => ({
    imagePullPolicy: "IfNotPresent",
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    ...ct,
    volumeMounts: [...(ct.volumeMounts ?? []), { mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", name: saVolume, readOnly: true }],
  }));
  const pod: K8sObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: ns,
      creationTimestamp: iso(now),
      labels: { ...(tmpl.metadata?.labels ?? {}), ...extraLabels },
      ...(tmpl.metadata?.annotations ? { annotations: tmpl.metadata.annotations } : {}),
      ...(owner ? { ownerReferences: [{ ...owner.ref, controller: true, blockOwnerDeletion: true }] } : {}),
      ...(owner && owner.workloadKind !== "StatefulSet" ? { generateName: name.slice(0, name.length - 5) } : {}),
    },
    spec: {
      ...tmpl.spec,
      containers,
      dnsPolicy: tmpl.spec?.dnsPolicy ?? "ClusterFirst",
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
      priority: 0,
      restartPolicy: tmpl.spec?.restartPolicy ?? "Always",
      schedulerName: "default-scheduler",
      securityContext: tmpl.spec?.securityContext ?? {},
      serviceAccount: tmpl.spec?.serviceAccountName ?? "default",
      serviceAccountName: tmpl.spec?.serviceAccountName ?? "default",
      terminationGracePeriodSeconds: 30,
      tolerations: [
        ...(tmpl.spec?.tolerations ?? []),
        { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists", tolerationSeconds: 300 },
        { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 },
      ],
      volumes: [
        ...(tmpl.spec?.volumes ?? []),
        {
          name: saVolume,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
              { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
            ],
          },
        },
      ],
    },
    status: { phase: "Pending", qosClass: qosClass(containers) },
  };
  const crash = owner && (c.crashingWorkloads.has(`${ns}/${owner.workload}`) || c.crashingWorkloads.has(`${ns}/pod:${name}`));
  const startAt = now + Math.round(c.podStartMs * (0.6 + c.rng() * 0.8));
  const sim: PodSim = { containers: new Map(), startAt, nextAt: now };
  const isJob = owner?.workloadKind === "Job";
  for (const ct of containers) {
    const behaviour = isJob ? "job" : crash ? "crash" : c.unpullableImages.has(ct.image) ? "pull" : "ok";
    sim.containers.set(ct.name, newContainerSim(c, behaviour, now));
  }
  c.store.put("pods", pod);
  c.podSim.set(pod.metadata.uid!, sim);
  return pod;
}

export function newContainerSim(c: ClusterModel, behaviour: ContainerSim["behaviour"], now: number): ContainerSim {
  const hex = Array.from({ length: 8 }, () => Math.floor(c.rng() * 2 ** 32).toString(16).padStart(8, "0")).join("");
  return { behaviour, state: "creating", since: now, until: Infinity, backoffMs: 0, restartCount: 0, restarts: [], containerId: `containerd://${hex}` };
}

function qosClass(containers: any[]): string {
  const all = containers.every((ct) => ct.resources?.limits?.cpu && ct.resources?.limits?.memory && (!ct.resources?.requests || (ct.resources.requests.cpu === ct.resources.limits.cpu && ct.resources.requests.memory === ct.resources.limits.memory)));
  if (all) return "Guaranteed";
  return containers.some((ct) => ct.resources?.requests || ct.resources?.limits) ? "Burstable" : "BestEffort";
}

export function isTerminal(pod: K8sObject): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

export interface NodeUsage {
  cpu: number;
  mem: number;
  pods: number;
}

export function nodeUsage(c: ClusterModel): Map<string, NodeUsage> {
  const out = new Map<string, NodeUsage>();
  for (const p of c.store.objects("pods")) {
    const n = p.spec?.nodeName as string | undefined;
    if (!n || isTerminal(p)) continue;
    const u = out.get(n) ?? { cpu: 0, mem: 0, pods: 0 };
    const r = podRequests(p);
    u.cpu += r.cpu;
    u.mem += r.mem;
    u.pods++;
    out.set(n, u);
  }
  return out;
}

function tolerates(pod: K8sObject, taint: { key: string; value?: string; effect: string }): boolean {
  return ((pod.spec?.tolerations ?? []) as Array<{ key?: string; operator?: string; value?: string; effect?: string }>).some(
    (t) => (t.effect === undefined || t.effect === "" || t.effect === taint.effect) && (t.operator === "Exists" ? t.key === undefined || t.key === taint.key : t.key === taint.key && (t.value ?? "") === (taint.value ?? "")),
  );
}

/** Pick a node as kube-scheduler would (filters, then least-loaded), or explain why none fits. */
export function schedule(c: ClusterModel, pod: K8sObject, usage: Map<string, NodeUsage>): { node: string } | { message: string } {
  const nodes = c.store.objects("nodes");
  const reasons = new Map<string, number>();
  const why = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const req = podRequests(pod);
  let best: { name: string; score: number } | undefined;
  for (const n of nodes) {
    if (nodeReady(n) !== "True") {
      why("1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }");
      continue;
    }
    if (n.spec?.unschedulable) {
      why("node(s) were unschedulable");
      continue;
    }
    const bad = ((n.spec?.taints ?? []) as Array<{ key: string; value?: string; effect: string }>).find((t) => t.effect !== "PreferNoSchedule" && !tolerates(pod, t));
    if (bad) {
      why(`node(s) had untolerated taint {${bad.key}: ${bad.value ?? ""}}`);
      continue;
    }
    const sel = (pod.spec?.nodeSelector ?? {}) as Record<string, string>;
    if (Object.entries(sel).some(([k, v]) => n.metadata.labels?.[k] !== v)) {
      why("node(s) didn't match Pod's node affinity/selector");
      continue;
    }
    const u = usage.get(n.metadata.name) ?? { cpu: 0, mem: 0, pods: 0 };
    const alloc = n.status.allocatable;
    if (u.pods + 1 > Number(alloc.pods)) {
      why("Too many pods");
      continue;
    }
    if (u.cpu + req.cpu > parseQuantity(alloc.cpu)) {
      why("Insufficient cpu");
      continue;
    }
    if (u.mem + req.mem > parseQuantity(alloc.memory)) {
      why("Insufficient memory");
      continue;
    }
    const score = u.pods * 10 + u.mem / parseQuantity(alloc.memory);
    if (!best || score < best.score) best = { name: n.metadata.name, score };
  }
  if (best) {
    const u = usage.get(best.name) ?? { cpu: 0, mem: 0, pods: 0 };
    u.cpu += req.cpu;
    u.mem += req.mem;
    u.pods++;
    usage.set(best.name, u);
    return { node: best.name };
  }
  const parts = [...reasons].map(([r, n]) => (r.startsWith("1 node(s)") ? `${n} ${r.slice(2)}` : `${n} ${r}`)).sort();
  return {
    message: `0/${nodes.length} nodes are available: ${parts.join(", ")}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`,
  };
}
