import { describe, expect, it } from "vitest";
import { nodeHealth } from "./node-health";
import { podHealth } from "./pod-health";
import { slimDeployment, slimNode, slimPod } from "./slim";
import { crashLoopStatus, iso, rawDeployment, rawNodeK3s, rawPod } from "./testdata/fixtures";
import { rankTriage, type TriageInput } from "./triage";
import { deploymentHealth } from "./workload-health";

const NOW = Date.parse("2026-12-04T08:00:00Z");

function node(name: string, diskPressure: boolean, ready = true) {
  const raw = rawNodeK3s();
  raw.metadata.name = name;
  for (const c of raw.status.conditions) {
    if (c.type === "DiskPressure" && diskPressure) Object.assign(c, { status: "True", message: "kubelet has disk pressure", lastTransitionTime: iso(NOW - 600_000) });
    if (c.type === "Ready" && !ready) Object.assign(c, { status: "Unknown", message: "Kubelet stopped posting node status." });
  }
  const n = slimNode(raw);
  return { node: n, health: nodeHealth(n) };
}
function pod(namespace: string, name: string, crashing: boolean) {
  const raw = rawPod();
  Object.assign(raw.metadata, { name, namespace, creationTimestamp: iso(NOW - 3600_000) });
  if (crashing) {
    raw.spec.containers[0] = { name: "server", image: "grio/ai-inference:2.3.1" };
    raw.status.containerStatuses = [crashLoopStatus("server", "grio/ai-inference:2.3.1", 9, NOW - 60_000)];
  }
  const p = slimPod(raw);
  return { pod: p, health: podHealth(p, [], NOW) };
}

const input = (over: Partial<TriageInput> = {}): TriageInput => ({
  clusters: [
    { name: "hetzner-prod", displayName: "Hetzner production", production: true, status: { state: "connected" } },
    { name: "hetzner-staging", displayName: "Hetzner staging", production: false, status: { state: "connected" } },
  ],
  nodes: [],
  pods: [],
  workloads: [],
  ...over,
});

describe("triage ranking", () => {
  it("lists nothing when everything is healthy", () => {
    expect(rankTriage(input({ nodes: [{ cluster: "hetzner-prod", ...node("n1", false) }], pods: [{ cluster: "hetzner-prod", ...pod("grio", "api-1", false) }] }))).toEqual([]);
  });

  it("ranks a crash-looping pod and a DiskPressure node with a one-line reason and a link", () => {
    const items = rankTriage(input({
      nodes: [{ cluster: "hetzner-prod", ...node("prod-worker-2", true) }, { cluster: "hetzner-prod", ...node("prod-worker-1", false) }],
      pods: [{ cluster: "hetzner-prod", ...pod("ai", "ai-inference-7d9f-x2x", true) }],
    }));
    expect(items.map((i) => [i.kind, i.name, i.reason, i.href])).toEqual([
      ["Pod", "ai-inference-7d9f-x2x", "CrashLoopBackOff", "/pods/hetzner-prod/ai/ai-inference-7d9f-x2x"],
      ["Node", "prod-worker-2", "DiskPressure", "/nodes/hetzner-prod/prod-worker-2"],
    ]);
    expect(items[0]?.message).toBe("container server is crash-looping (9 restarts, last exit 137 OOMKilled)");
    expect(items[1]).toMatchObject({ severity: "critical", message: "kubelet has disk pressure" });
  });

  it("puts an unreachable cluster first, then NotReady nodes, then failed rollouts, then crash loops", () => {
    const d = rawDeployment();
    Object.assign(d.status.conditions[1], { status: "False", reason: "ProgressDeadlineExceeded", message: "timed out" });
    const sd = slimDeployment(d);
    const items = rankTriage(input({
      clusters: [
        { name: "hetzner-prod", displayName: "Hetzner production", production: true, status: { state: "connected" } },
        { name: "ministry-onprem", displayName: "Ministry", production: true, status: { state: "unreachable", since: NOW - 60_000, reason: "connect ECONNREFUSED" } },
      ],
      nodes: [{ cluster: "hetzner-prod", ...node("n-down", false, false) }],
      pods: [{ cluster: "hetzner-prod", ...pod("ai", "ai-1", true) }],
      workloads: [{ cluster: "hetzner-prod", kind: "Deployment", namespace: sd.namespace, name: sd.name, health: deploymentHealth(sd) }],
    }));
    expect(items.map((i) => i.reason)).toEqual(["Unreachable", "NodeStatusUnknown", "ProgressDeadlineExceeded", "CrashLoopBackOff"]);
    expect(items[0]?.message).toBe("Ministry is unreachable: connect ECONNREFUSED (showing last-known data)");
  });

  it("ranks production before staging for the same problem", () => {
    const items = rankTriage(input({
      pods: [{ cluster: "hetzner-staging", ...pod("ai", "ai-staging", true) }, { cluster: "hetzner-prod", ...pod("ai", "ai-prod", true) }],
    }));
    expect(items.map((i) => i.name)).toEqual(["ai-prod", "ai-staging"]);
  });
});
