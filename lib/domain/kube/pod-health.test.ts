import { describe, expect, it } from "vitest";
import { isCrashLooping, podHealth, trackRestarts } from "./pod-health";
import { slimPod } from "./slim";
import { crashLoopStatus, iso, rawPod } from "./testdata/fixtures";

const NOW = Date.parse("2026-12-04T08:00:00Z");
const MIN = 60_000;

/** The k9s nginx pod, created an hour before NOW, changed like the kubelet would. */
function pod(change: (raw: ReturnType<typeof rawPod>) => void = () => {}) {
  const raw = rawPod();
  raw.metadata.creationTimestamp = iso(NOW - 60 * MIN);
  change(raw);
  return slimPod(raw);
}
const withRestarts = (n: number, finishedAt: number | null, running = true) =>
  pod((r) => {
    const s = r.status.containerStatuses[0];
    s.restartCount = n;
    if (finishedAt !== null) s.lastState = { terminated: { exitCode: 1, reason: "Error", startedAt: iso(finishedAt - 5000), finishedAt: iso(finishedAt) } };
    if (!running) s.state = { waiting: { reason: "CrashLoopBackOff", message: "back-off" } };
  });

describe("pod health", () => {
  it("classifies a Running and Ready pod as healthy", () => {
    expect(podHealth(pod(), [], NOW)).toMatchObject({ health: "healthy", reason: "Running", crashLooping: false });
  });

  it("classifies a container waiting in CrashLoopBackOff as a failed, crash-looping pod and says why", () => {
    const p = pod((r) => {
      r.status.phase = "Running";
      r.status.containerStatuses = [crashLoopStatus("nginx", "k8s.gcr.io/nginx-slim:0.8", 7, NOW - 2 * MIN)];
      r.status.conditions.find((c: { type: string }) => c.type === "Ready").status = "False";
    });
    const h = podHealth(p, [], NOW);
    expect(h).toMatchObject({ health: "failed", reason: "CrashLoopBackOff", crashLooping: true, restarts: 7 });
    expect(h.message).toBe("container nginx is crash-looping (7 restarts, last exit 137 OOMKilled)");
  });

  it("calls a pod crash-looping after 3 restarts within 10 minutes even while it is running", () => {
    const p = withRestarts(3, NOW - 1 * MIN);
    const times = [NOW - 9 * MIN, NOW - 5 * MIN, NOW - 1 * MIN];
    expect(isCrashLooping(p, times, NOW)).toBe(true);
    expect(podHealth(p, times, NOW).message).toContain("3 restarts in 10 min");
  });

  it("does not call 3 restarts spread over an hour a crash loop", () => {
    const p = withRestarts(3, NOW - 20 * MIN);
    expect(isCrashLooping(p, [NOW - 50 * MIN, NOW - 30 * MIN, NOW - 20 * MIN], NOW)).toBe(false);
    expect(podHealth(p, [NOW - 50 * MIN, NOW - 30 * MIN, NOW - 20 * MIN], NOW).health).toBe("healthy");
  });

  it("fails a pod whose image cannot be pulled, naming the image", () => {
    for (const reason of ["ImagePullBackOff", "ErrImagePull"] as const) {
      const p = pod((r) => {
        r.status.phase = "Pending";
        r.status.containerStatuses[0].state = { waiting: { reason, message: 'Back-off pulling image "k8s.gcr.io/nginx-slim:0.9"' } };
      });
      expect(podHealth(p, [], NOW)).toMatchObject({ health: "failed", reason });
      expect(podHealth(p, [], NOW).message).toMatch(/^cannot pull k8s.gcr.io\/nginx-slim:0.8/);
    }
  });

  it("marks a pod recently OOMKilled as degraded", () => {
    const p = pod((r) => {
      const s = r.status.containerStatuses[0];
      s.restartCount = 1;
      s.lastState = { terminated: { exitCode: 137, reason: "OOMKilled", startedAt: iso(NOW - 30 * MIN), finishedAt: iso(NOW - 20 * MIN) } };
    });
    expect(podHealth(p, [NOW - 20 * MIN], NOW)).toMatchObject({ health: "degraded", reason: "OOMKilled" });
  });

  it("reports a Pending pod that cannot be scheduled with the scheduler's reason once past its grace period", () => {
    const p = pod((r) => {
      r.spec.nodeName = undefined;
      r.status = { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient memory." }] };
    });
    expect(podHealth(p, [], NOW)).toMatchObject({ health: "degraded", reason: "Pending", message: "Pending — Unschedulable: 0/3 nodes are available: 3 Insufficient memory." });
    expect(podHealth(p, [], (p.createdAt ?? 0) + 30_000).health).toBe("progressing");
  });

  it("classifies a Running but NotReady pod as degraded", () => {
    const p = pod((r) => {
      r.status.conditions.find((c: { type: string }) => c.type === "Ready").status = "False";
      r.status.containerStatuses[0].ready = false;
    });
    expect(podHealth(p, [], NOW)).toMatchObject({ health: "degraded", reason: "NotReady", message: "running but not ready (nginx)" });
  });

  it("treats completed pods as healthy and evicted pods as failed", () => {
    expect(podHealth(pod((r) => { r.status.phase = "Succeeded"; }), [], NOW).health).toBe("healthy");
    expect(podHealth(pod((r) => { r.status.phase = "Failed"; r.status.reason = "Evicted"; }), [], NOW)).toMatchObject({ health: "failed", reason: "Evicted" });
  });
});

describe("restart tracking from what the informer sees", () => {
  it("on first sight records only the last termination time", () => {
    expect(trackRestarts(undefined, withRestarts(5, NOW - 3 * MIN), [], NOW)).toEqual([NOW - 3 * MIN]);
    expect(trackRestarts(undefined, pod(), [], NOW)).toEqual([]);
  });

  it("stamps each restartCount increase with the newest termination time", () => {
    const before = withRestarts(5, NOW - 3 * MIN);
    const after = withRestarts(7, NOW - 30_000);
    expect(trackRestarts(before, after, [NOW - 3 * MIN], NOW)).toEqual([NOW - 3 * MIN, NOW - 30_000, NOW - 30_000]);
    expect(trackRestarts(before, withRestarts(6, NOW - 3 * MIN), [NOW - 3 * MIN], NOW)).toEqual([NOW - 3 * MIN, NOW]);
  });

  it("makes a pod crash-looping after three observed restarts in ten minutes", () => {
    let times: number[] = [];
    let prev = pod();
    for (let i = 1; i <= 3; i++) {
      const next = withRestarts(i, NOW + i * MIN);
      times = trackRestarts(prev, next, times, NOW + i * MIN);
      prev = next;
    }
    expect(isCrashLooping(prev, times, NOW + 3 * MIN)).toBe(true);
    expect(isCrashLooping(prev, times, NOW + 15 * MIN)).toBe(false);
  });

  it("forgets restarts older than a day", () => {
    expect(trackRestarts(pod(), pod(), [NOW - 25 * 60 * MIN, NOW - MIN], NOW)).toEqual([NOW - MIN]);
  });
});
