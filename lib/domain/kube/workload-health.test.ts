import { describe, expect, it } from "vitest";
import { deploymentHistory, imageChange, statefulSetHistory } from "./rollout-history";
import { slimControllerRevision, slimCronJob, slimDeployment, slimJob, slimReplicaSet, slimStatefulSet } from "./slim";
import { rawCronJob, rawDeployment, rawJob, rawReplicaSet, rawStatefulSet } from "./testdata/fixtures";
import { cronJobHealth, deploymentHealth, statefulSetHealth } from "./workload-health";

const dep = (change: (r: ReturnType<typeof rawDeployment>) => void = () => {}) => {
  const r = rawDeployment();
  change(r);
  return slimDeployment(r);
};

describe("workload health", () => {
  it("calls a fully available, fully updated deployment healthy", () => {
    expect(deploymentHealth(dep())).toMatchObject({ health: "healthy", reason: "Available", message: "1/1 available" });
  });

  it("fails a deployment whose rollout exceeded its progress deadline", () => {
    const d = dep((r) => {
      r.spec.replicas = 3;
      Object.assign(r.status, { replicas: 4, updatedReplicas: 1, availableReplicas: 3 });
      Object.assign(r.status.conditions[1], { status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "nginx-6d4cf56db6" has timed out progressing.' });
    });
    expect(deploymentHealth(d)).toMatchObject({ health: "failed", reason: "ProgressDeadlineExceeded", message: 'rollout stuck: ReplicaSet "nginx-6d4cf56db6" has timed out progressing.' });
  });

  it("fails a deployment with no available replica and degrades one short of desired", () => {
    expect(deploymentHealth(dep((r) => { r.spec.replicas = 2; r.status.availableReplicas = 0; r.status.updatedReplicas = 2; })).health).toBe("failed");
    expect(deploymentHealth(dep((r) => { r.spec.replicas = 3; r.status.availableReplicas = 2; r.status.updatedReplicas = 3; })))
      .toMatchObject({ health: "degraded", message: "2/3 replicas available" });
  });

  it("shows a rollout in flight as progressing", () => {
    const d = dep((r) => { r.spec.replicas = 3; r.metadata.generation = 5; Object.assign(r.status, { updatedReplicas: 1, availableReplicas: 3 }); });
    expect(deploymentHealth(d)).toMatchObject({ health: "progressing", reason: "RollingOut", message: "rolling out: 1/3 updated, 3 available" });
  });

  it("calls a deployment scaled to zero healthy", () => {
    expect(deploymentHealth(dep((r) => { r.spec.replicas = 0; r.status.availableReplicas = 0; })).reason).toBe("ScaledToZero");
  });

  it("judges statefulsets by ready replicas and update revision", () => {
    const raw = rawStatefulSet();
    raw.spec.replicas = 4;
    expect(statefulSetHealth(slimStatefulSet(raw))).toMatchObject({ health: "healthy", message: "4/4 ready" });
    raw.status.updateRevision = "nginx-sts-7c9d";
    expect(statefulSetHealth(slimStatefulSet(raw)).health).toBe("progressing");
    raw.status.updateRevision = raw.status.currentRevision;
    raw.status.readyReplicas = 3;
    expect(statefulSetHealth(slimStatefulSet(raw))).toMatchObject({ health: "degraded", message: "3/4 replicas ready" });
  });

  it("fails a cronjob whose last job failed and is healthy when the last job completed", () => {
    const cj = slimCronJob(rawCronJob());
    const ok = rawJob();
    ok.metadata.ownerReferences[0].uid = cj.uid;
    expect(cronJobHealth(cj, [slimJob(ok)]).health).toBe("healthy");
    const bad = rawJob();
    bad.metadata.ownerReferences[0].uid = cj.uid;
    bad.metadata.name = "hello-1567185300";
    bad.status = { startTime: "2019-08-30T17:00:00Z", failed: 1, conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" }] };
    expect(cronJobHealth(cj, [slimJob(ok), slimJob(bad)])).toMatchObject({ health: "failed", message: "last run hello-1567185300 failed: BackoffLimitExceeded" });
  });
});

describe("rollout history", () => {
  it("lists a deployment's replica sets by revision, newest first, with change-cause", () => {
    const d = slimDeployment(rawDeployment());
    const rs2 = rawReplicaSet();
    rs2.metadata.ownerReferences[0].uid = d.uid;
    rs2.metadata.annotations["kubernetes.io/change-cause"] = "kubectl set image deployment/nginx nginx=nginx-slim:0.8";
    const rs3 = rawReplicaSet();
    Object.assign(rs3.metadata, { name: "nginx-5bbc876d89", uid: "u3", creationTimestamp: "2020-01-18T01:20:40Z" });
    rs3.metadata.ownerReferences[0].uid = d.uid;
    rs3.metadata.annotations["deployment.kubernetes.io/revision"] = "3";
    rs3.spec.template.spec.containers[0].image = "k8s.gcr.io/nginx-slim:0.9";
    const foreign = rawReplicaSet();
    foreign.metadata.ownerReferences[0].uid = "someone-else";
    const rows = deploymentHistory(d, [rs2, rs3, foreign].map(slimReplicaSet));
    expect(rows.map((r) => [r.revision, r.current, r.images[0]])).toEqual([[3, true, "k8s.gcr.io/nginx-slim:0.9"], [2, false, "k8s.gcr.io/nginx-slim:0.8"]]);
    expect(rows[1]?.changeCause).toBe("kubectl set image deployment/nginx nginx=nginx-slim:0.8");
  });

  it("lists a statefulset's controller revisions and marks the update revision current", () => {
    const s = slimStatefulSet(rawStatefulSet());
    const cr = (name: string, revision: number, image: string) => slimControllerRevision({
      apiVersion: "apps/v1", kind: "ControllerRevision", revision,
      metadata: { name, namespace: "default", uid: name, creationTimestamp: "2020-01-01T00:00:00Z", ownerReferences: [{ kind: "StatefulSet", name: s.name, uid: s.uid, controller: true }] },
      data: { spec: { template: { $patch: "replace", spec: { containers: [{ name: "nginx", image }] } } } },
    });
    const rows = statefulSetHistory(s, [cr("nginx-sts-6f4d", 1, "nginx:1"), cr("nginx-sts-5b89ffb894", 2, "nginx:2")]);
    expect(rows.map((r) => [r.revision, r.current, r.images])).toEqual([[2, true, ["nginx:2"]], [1, false, ["nginx:1"]]]);
  });

  it("names only the images that changed", () => {
    expect(imageChange(["api:1.4", "sidecar:2"], ["api:1.5", "sidecar:2"])).toBe("api:1.4 → api:1.5");
    expect(imageChange(["api:1"], ["api:1"])).toBe("same images (template change)");
  });
});
