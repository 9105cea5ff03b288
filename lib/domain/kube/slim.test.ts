import { describe, expect, it } from "vitest";
import { slimCronJob, slimDeployment, slimJob, slimNode, slimPod, slimReplicaSet, slimStatefulSet } from "./slim";
import { rawCronJob, rawDeployment, rawJob, rawNodeK3s, rawPod, rawReplicaSet, rawStatefulSet } from "./testdata/fixtures";

describe("slim objects keep only what the console uses", () => {
  it("reads a K3s node's conditions, allocatable resources, kubelet version and roles", () => {
    const n = slimNode(rawNodeK3s());
    expect(n.name).toBe("lima-rancher-desktop");
    expect(n.kubeletVersion).toBe("v1.25.4+k3s1");
    expect(n.allocatable.cpu).toBe("2");
    expect(n.conditions.find((c) => c.type === "Ready")?.status).toBe("True");
    expect(n.labels["node-role.kubernetes.io/control-plane"]).toBe("true");
    expect(JSON.stringify(n).length).toBeLessThan(JSON.stringify(rawNodeK3s()).length / 2);
  });

  it("reads a pod's controller owner, node, container state and times as epoch ms", () => {
    const p = slimPod(rawPod());
    expect(p.owner).toEqual({ kind: "ReplicaSet", name: "nginx-7fb78fb6d8", uid: "7ccd0600-2c03-11ea-883f-42010a800044" });
    expect(p.nodeName).toBe("gke-k9s-default-pool-0fa2fb89-lbtf");
    expect(p.containers[0]).toMatchObject({ name: "nginx", ready: true, restartCount: 0, current: { state: "running" } });
    expect(p.createdAt).toBe(Date.parse("2019-12-31T19:27:22Z"));
  });

  it("accepts Date objects where the typed client deserialised timestamps", () => {
    const raw = rawPod();
    raw.metadata.creationTimestamp = new Date("2019-12-31T19:27:22Z");
    expect(slimPod(raw).createdAt).toBe(Date.parse("2019-12-31T19:27:22Z"));
  });

  it("reads deployment revision, replicas and images, and replica set revision", () => {
    const d = slimDeployment(rawDeployment());
    expect(d).toMatchObject({ revision: 3, desired: 1, available: 1, updated: 1, images: ["k8s.gcr.io/nginx-slim:0.8"] });
    expect(slimReplicaSet(rawReplicaSet())).toMatchObject({ revision: 2, owner: { kind: "Deployment", name: "nginx-pv" } });
  });

  it("reads statefulset revisions, cronjob schedule and job completion", () => {
    expect(slimStatefulSet(rawStatefulSet())).toMatchObject({ currentRevision: "nginx-sts-5b89ffb894", ready: 4 });
    expect(slimCronJob(rawCronJob())).toMatchObject({ schedule: "*/1 * * * *", suspend: false });
    expect(slimJob(rawJob())).toMatchObject({ succeeded: 1, owner: { kind: "CronJob", name: "hello" } });
  });
});
