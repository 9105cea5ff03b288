/**
 * The kubelet's crash-loop back-off, on a simulated clock: 10 s doubling to a 5 min cap, the
 * waiting message as the kubelet prints it, and the reset after 10 minutes of stable running.
 */
import { describe, expect, it } from "vitest";
import { Estate } from "./estate";
import type { K8sObject } from "./store";

const start = Date.UTC(2026, 11, 4, 6, 0, 0);

function crashing(e: Estate): K8sObject {
  const c = e.cluster("hetzner-prod");
  return c.store.objects("pods", "grio").find((p) => c.podSim.get(p.metadata.uid!)?.containers.get("ai-inference")?.behaviour === "crash")!;
}

/** advance the cluster's clock second by second, recording what the pod's container shows */
function run(e: Estate, fromS: number, toS: number, seen: Array<{ t: number; restarts: number; waiting?: string }>): void {
  const c = e.cluster("hetzner-prod");
  for (let t = fromS; t <= toS; t++) {
    c.clockOverride = start + t * 1000;
    c.reconcile();
    const cs = crashing(e)?.status.containerStatuses?.[0];
    if (cs) seen.push({ t, restarts: cs.restartCount, waiting: cs.state.waiting?.message });
  }
}

describe("crash loop back-off", () => {
  it("starts at sim start, backs off 10 s, 20 s, 40 s … capped at 5 min, as the kubelet does", () => {
    const e = new Estate({ seed: 3, now: start, podStartMs: 200 });
    const seen: Array<{ t: number; restarts: number; waiting?: string }> = [];
    run(e, 0, 1300, seen);
    const restartAt = (n: number) => seen.find((s) => s.restarts === n)?.t;
    // runs 3 s, then waits 10, 20, 40, 80, 160, 300, 300 s before each restart
    expect([1, 2, 3, 4, 5, 6, 7].map(restartAt)).toEqual([13, 36, 79, 162, 325, 628, 931]);
    const inTen = seen.filter((s) => s.t <= 600).at(-1)!.restarts;
    expect(inTen).toBe(5);
    const messages = [...new Set(seen.map((s) => s.waiting?.match(/^back-off (\S+) restarting failed container=ai-inference pod=ai-inference-\S+_grio\(/)?.[1]).filter(Boolean))];
    expect(messages).toEqual(["10s", "20s", "40s", "1m20s", "2m40s", "5m0s"]);
  });

  it("resets the back-off after 10 minutes of stable running", () => {
    const e = new Estate({ seed: 3, now: start, podStartMs: 200 });
    const seen: Array<{ t: number; restarts: number; waiting?: string }> = [];
    run(e, 0, 400, seen); // five restarts, back-off now at 5 min
    const c = e.cluster("hetzner-prod");
    const pod = crashing(e);
    const sim = c.podSim.get(pod.metadata.uid!)!;
    const cs = sim.containers.get("ai-inference")!;
    cs.behaviour = "ok"; // the fix is deployed in place: the next start stays up
    if (cs.state === "running") cs.until = Infinity;
    run(e, 401, 1400, seen); // restarts once more at 628 s and runs for 12+ minutes
    cs.behaviour = "crash";
    cs.until = start + 1401 * 1000;
    sim.nextAt = 0;
    run(e, 1401, 1420, seen);
    expect(seen.find((s) => s.t > 1401 && s.waiting)?.waiting).toMatch(/^back-off 10s /);
  });
});
