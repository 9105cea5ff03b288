import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type SimHandle } from "@/sim/index";
import { waitFor } from "@/server/testing/ports";
import { loadClusterConfigs } from "./clusters";
import { ClusterRegistry } from "./registry";

/** The adapter against the simulated estate's real Kubernetes API servers (list, watch, 410, faults). */
let sim: SimHandle;
let reg: ClusterRegistry;

const until = async (check: () => void, timeoutMs = 15_000) =>
  waitFor(async () => check(), timeoutMs, 100);

beforeAll(async () => {
  sim = await startSim({});
  reg = new ClusterRegistry(loadClusterConfigs({
    KUBECONFIG: sim.estate.kubeconfig,
    GRIO_IN_CLUSTER: false,
    GRIO_CLUSTERS: { "hetzner-prod": { displayName: "Hetzner production", tier: "cloud", production: true } },
  }));
  reg.start();
  await until(() => expect(reg.clusters.every((c) => c.cache.synced && c.status.state === "connected")).toBe(true));
});

afterAll(async () => {
  reg?.stop();
  await sim?.stop();
});

describe("cluster registry over the sim", () => {
  it("watches one cluster per kubeconfig context, with settings from GRIO_CLUSTERS", () => {
    expect(reg.clusters.map((c) => c.name).sort()).toEqual(["hetzner-prod", "hetzner-staging", "ministry-onprem"]);
    expect(reg.get("hetzner-prod")).toMatchObject({ displayName: "Hetzner production", tier: "cloud", production: true });
    expect(reg.get("hetzner-staging")).toMatchObject({ displayName: "hetzner-staging", production: false });
  });

  it("ranks the crash-looping ai-inference pod and the DiskPressure node in the overview", async () => {
    await until(() => {
      const reasons = reg.overview().triage.map((t) => `${t.kind}:${t.reason}:${t.name}`);
      expect(reasons.some((r) => r.startsWith("Pod:CrashLoopBackOff:ai-inference-"))).toBe(true);
      expect(reasons.some((r) => r.startsWith("Node:DiskPressure:"))).toBe(true);
    });
  });

  it("answers any number of overview reads from the cache without one API request", () => {
    const before = sim.k8sRequestCount();
    for (let i = 0; i < 200; i++) reg.overview();
    for (const c of reg.clusters) c.cache.getSummary();
    expect(sim.k8sRequestCount()).toBe(before);
  });

  it("shows a pod the sim makes crash in the triage list", async () => {
    const prod = reg.get("hetzner-prod")!;
    const pod = [...prod.cache.pods.store.values()].find((p) => p.name.startsWith("django-api-") && p.phase === "Running")!;
    sim.control.crashPod("hetzner-prod", pod.namespace, pod.name);
    await until(() => expect(reg.overview().triage.some((t) => t.name === pod.name && t.reason === "CrashLoopBackOff")).toBe(true), 20_000);
  });

  it("shows reconnecting when watches are dropped, then connected again", async () => {
    const staging = reg.get("hetzner-staging")!;
    sim.control.dropWatches("hetzner-staging");
    await until(() => expect(staging.status.state).toBe("reconnecting"), 2000);
    await until(() => expect(staging.status.state).toBe("connected"));
    expect(reg.get("hetzner-prod")!.status.state).toBe("connected");
  });

  it("re-lists after the watch history expired (410 Gone) and keeps its data", async () => {
    const prod = reg.get("hetzner-prod")!;
    const nodes = prod.cache.nodes.store.size;
    const lists = prod.cache.lists;
    sim.control.expireWatches("hetzner-prod");
    await until(() => expect(prod.cache.lists).toBeGreaterThan(lists));
    await until(() => expect(prod.status.state).toBe("connected"));
    expect(prod.cache.nodes.store.size).toBe(nodes);
  });

  it("keeps last-known data, marked stale, while a cluster's API fails, without touching the others", async () => {
    const staging = reg.get("hetzner-staging")!;
    const nodes = staging.cache.nodes.store.size;
    await sim.control.setK8sApi("hetzner-staging", "5xx", 503);
    sim.control.dropWatches("hetzner-staging");
    await until(() => expect(staging.status.state).not.toBe("connected"), 3000);
    await until(() => expect(reg.overview().clusters.find((c) => c.name === "hetzner-staging")?.status.state).toBe("unreachable"), 40_000);
    const line = reg.overview().clusters.find((c) => c.name === "hetzner-staging")!;
    expect(line).toMatchObject({ stale: true, status: { state: "unreachable", reason: expect.stringContaining("503") } });
    expect(line.counts.nodes.total).toBe(nodes);
    expect(reg.overview().triage[0]).toMatchObject({ kind: "Cluster", reason: "Unreachable" });
    expect(reg.get("hetzner-prod")!.status.state).toBe("connected");
    await sim.control.setK8sApi("hetzner-staging", "ok");
    await until(() => expect(staging.status.state).toBe("connected"), 40_000);
  }, 90_000);
});
