import { describe, expect, it } from "vitest";
import { slimDeployment, slimHpa, slimNode, slimPod, slimReplicaSet } from "./slim";
import { paletteEntries, summarizeCluster, summarizeClusterSteps, SUMMARY_STEP_PODS, type ClusterObjects } from "./summary";
import { crashLoopStatus, iso, rawDeployment, rawNodeK3s, rawPod, rawReplicaSet } from "./testdata/fixtures";

const NOW = Date.parse("2026-12-04T08:00:00Z");
const info = { name: "hetzner-prod", displayName: "Hetzner production", tier: "cloud" as const, production: true };

function estate(): ClusterObjects {
  const node = rawNodeK3s();
  node.metadata.name = "gke-k9s-default-pool-0fa2fb89-lbtf";
  node.metadata.labels = { ...node.metadata.labels, "grio.io/tier": "edge", "grio.io/site": "gulu-high", "grio.io/district": "gulu" };
  const dep = rawDeployment();
  const rs = rawReplicaSet();
  Object.assign(rs.metadata, { name: "nginx-7fb78fb6d8", namespace: "default" });
  rs.metadata.ownerReferences[0] = { kind: "Deployment", name: dep.metadata.name, uid: dep.metadata.uid, controller: true };
  const ok = rawPod();
  const crashing = rawPod();
  Object.assign(crashing.metadata, { name: "nginx-7fb78fb6d8-zzzzz", uid: "p2", creationTimestamp: iso(NOW - 3600_000) });
  crashing.status.containerStatuses = [crashLoopStatus("nginx", "k8s.gcr.io/nginx-slim:0.8", 6, NOW - 60_000)];
  const hpa = {
    metadata: { name: "nginx", namespace: "default", uid: "h1" },
    spec: { scaleTargetRef: { kind: "Deployment", name: dep.metadata.name }, minReplicas: 2, maxReplicas: 8 },
    status: { currentReplicas: 1, desiredReplicas: 2 },
  };
  return {
    nodes: [slimNode(node)], pods: [slimPod(ok), slimPod(crashing)], deployments: [slimDeployment(dep)], replicaSets: [slimReplicaSet(rs)],
    statefulSets: [], controllerRevisions: [], cronJobs: [], jobs: [], hpas: [slimHpa(hpa)], pvcs: [], events: [],
    restarts: new Map(), scaleChanges: [],
  };
}

describe("cluster summary", () => {
  it("resolves a pod's workload through its ReplicaSet and counts pods by health", () => {
    const s = summarizeCluster(info, { state: "connected" }, estate(), NOW);
    expect(s.pods.map((p) => [p.name, p.health, p.workload])).toEqual([
      ["nginx-7fb78fb6d8-2w75j", "healthy", { kind: "Deployment", name: "nginx" }],
      ["nginx-7fb78fb6d8-zzzzz", "failed", { kind: "Deployment", name: "nginx" }],
    ]);
    expect(s.counts.pods).toEqual({ healthy: 1, degraded: 0, progressing: 0, failed: 1, total: 2 });
    expect(s.triage.map((t) => t.name)).toEqual(["nginx-7fb78fb6d8-zzzzz"]);
  });

  it("puts the autoscaler's min/max/current/desired on its workload and counts pods per node", () => {
    const s = summarizeCluster(info, { state: "connected" }, estate(), NOW);
    expect(s.workloads[0]).toMatchObject({ kind: "Deployment", name: "nginx", hpa: { min: 2, max: 8, current: 1, desired: 2 }, revision: "3" });
    expect(s.nodes[0]).toMatchObject({ pods: 2, tier: "edge", site: "gulu-high", district: "gulu" });
  });

  it("offers nodes, workloads, pods and sites to the palette", () => {
    const entries = paletteEntries(summarizeCluster(info, { state: "connected" }, estate(), NOW));
    expect(entries.filter((e) => e.type === "site")).toEqual([{ type: "site", label: "gulu-high", detail: "site · gulu · 1 node(s)", href: "/nodes?site=gulu-high" }]);
    expect(entries.find((e) => e.type === "workload")?.href).toBe("/workloads/hetzner-prod/deployment/default/nginx");
  });

  it("reuses an unchanged healthy pod's row on the next rebuild, and re-assesses it when its restart history or workload changes", () => {
    const o = estate();
    const first = summarizeCluster(info, { state: "connected" }, o, NOW);
    const again = summarizeCluster(info, { state: "connected" }, o, NOW + 60_000);
    expect(again.pods[0]).toBe(first.pods[0]); // healthy, unchanged: the same row
    expect(again.pods[1]).not.toBe(first.pods[1]); // crash-looping: assessed every time
    // 3 restarts in the last 10 minutes make the same pod object crash-looping
    const key = `${o.pods[0]!.namespace}/${o.pods[0]!.name}`;
    const restarted = summarizeCluster(info, { state: "connected" }, { ...o, restarts: new Map([[key, [NOW, NOW + 1000, NOW + 2000]]]) }, NOW + 3000);
    expect(restarted.pods[0]).toMatchObject({ health: "failed", reason: "CrashLoopBackOff" });
    // the ReplicaSet is gone: the pod's workload is the ReplicaSet itself, not a stale row
    const orphan = summarizeCluster(info, { state: "connected" }, { ...o, replicaSets: [] }, NOW);
    expect(orphan.pods[0]!.workload).toEqual({ kind: "ReplicaSet", name: "nginx-7fb78fb6d8" });
    // another cluster holding the same object never gets this cluster's row
    expect(summarizeCluster({ ...info, name: "other" }, { state: "connected" }, o, NOW).pods[0]!.cluster).toBe("other");
  });

  it("builds a large cluster's summary in steps that each cover at most SUMMARY_STEP_PODS pods, with the same result", () => {
    const o = estate();
    const template = o.pods[0]!;
    const n = SUMMARY_STEP_PODS * 2 + 7;
    o.pods = Array.from({ length: n }, (_, i) => ({ ...template, name: `web-${i}`, uid: `u${i}` }));
    const steps = summarizeClusterSteps(info, { state: "connected" }, o, NOW);
    let yields = 0;
    let r = steps.next();
    while (!r.done) {
      yields++;
      r = steps.next();
    }
    // 3 pod chunks (2 yields inside the pod loop), one yield after the pods and two around the triage
    expect(yields).toBe(2 + 3);
    expect(r.value).toEqual(summarizeCluster(info, { state: "connected" }, o, NOW));
    expect(r.value.counts.pods.total).toBe(n);
  });
});
