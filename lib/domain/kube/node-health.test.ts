import { describe, expect, it } from "vitest";
import { newestKubelet, nodeHealth, nodePlacement, nodeRoles } from "./node-health";
import { slimNode } from "./slim";
import { rawNodeK3s, rawNodeOrb } from "./testdata/fixtures";

type RawCondition = { type: string; status: string; reason?: string; message?: string };
const withCondition = (type: string, status: string, reason: string, message: string) => {
  const raw = rawNodeK3s();
  const c = raw.status.conditions.find((x: RawCondition) => x.type === type);
  Object.assign(c, { status, reason, message });
  return slimNode(raw);
};

describe("node health", () => {
  it("calls a Ready K3s node with no pressure healthy", () => {
    expect(nodeHealth(slimNode(rawNodeK3s()), "v1.25.4+k3s1")).toEqual({ health: "healthy", status: "Ready", problems: [] });
  });

  it("marks a Ready node under DiskPressure degraded and names the pressure", () => {
    const n = withCondition("DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure");
    const h = nodeHealth(n);
    expect(h.health).toBe("degraded");
    expect(h.problems.map((p) => p.reason)).toEqual(["DiskPressure"]);
    expect(h.problems[0]?.message).toBe("kubelet has disk pressure");
  });

  it("marks memory and PID pressure and an unavailable network as problems", () => {
    const raw = rawNodeK3s();
    for (const c of raw.status.conditions) if (c.type !== "Ready") c.status = "True";
    raw.status.conditions.push({ type: "NetworkUnavailable", status: "True", reason: "NoRouteCreated", message: "route not created" });
    expect(nodeHealth(slimNode(raw)).problems.map((p) => p.reason).sort()).toEqual(["DiskPressure", "MemoryPressure", "NetworkUnavailable", "PIDPressure"]);
  });

  it("fails a node whose kubelet reports NotReady", () => {
    const h = nodeHealth(withCondition("Ready", "False", "KubeletNotReady", "container runtime network not ready"));
    expect(h).toMatchObject({ health: "failed", status: "NotReady" });
    expect(h.problems[0]).toMatchObject({ reason: "NotReady", message: "container runtime network not ready" });
  });

  it("fails a node whose kubelet stopped posting status (Ready Unknown)", () => {
    const h = nodeHealth(withCondition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."));
    expect(h).toMatchObject({ health: "failed", status: "Unknown" });
  });

  it("shows a cordoned node as SchedulingDisabled, like kubectl", () => {
    const raw = rawNodeK3s();
    raw.spec.unschedulable = true;
    const h = nodeHealth(slimNode(raw));
    expect(h.status).toBe("Ready,SchedulingDisabled");
    expect(h.problems.map((p) => p.reason)).toEqual(["SchedulingDisabled"]);
  });

  it("flags a kubelet several minor versions behind the newest in its cluster", () => {
    const old = slimNode(rawNodeK3s());
    const newer = slimNode(rawNodeOrb());
    const ref = newestKubelet([old, newer]);
    expect(ref).toBe("v1.33.5+orb1");
    const h = nodeHealth(old, ref);
    expect(h.health).toBe("degraded");
    expect(h.problems[0]?.message).toBe("kubelet v1.25.4+k3s1 is 8 minor versions behind v1.33.5+orb1");
    expect(nodeHealth(newer, ref).problems).toEqual([]);
  });

  it("reads roles from node-role labels and edge placement from grio.io labels", () => {
    const n = slimNode(rawNodeK3s());
    expect(nodeRoles(n.labels)).toEqual(["control-plane", "master"]);
    expect(nodeRoles({})).toEqual(["worker"]);
    expect(nodePlacement({ "grio.io/tier": "edge", "grio.io/site": "gulu-high", "grio.io/district": "gulu" }))
      .toEqual({ tier: "edge", site: "gulu-high", district: "gulu" });
  });
});
