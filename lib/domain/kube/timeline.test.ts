import { describe, expect, it } from "vitest";
import { slimEvent, slimPod, slimReplicaSet } from "./slim";
import { crashLoopStatus, iso, rawPod, rawReplicaSet } from "./testdata/fixtures";
import { changeTimeline, type TimelineInput } from "./timeline";

const NOW = Date.parse("2026-12-04T08:00:00Z");
const H = 3600_000;

function rs(revision: number, image: string, createdAt: number) {
  const r = rawReplicaSet();
  Object.assign(r.metadata, { name: `ai-inference-${revision}`, namespace: "ai", uid: `rs${revision}`, creationTimestamp: iso(createdAt) });
  r.metadata.ownerReferences[0] = { kind: "Deployment", name: "ai-inference", uid: "dep", controller: true };
  r.metadata.annotations["deployment.kubernetes.io/revision"] = String(revision);
  r.spec.template.spec.containers[0].image = image;
  return slimReplicaSet(r);
}
const event = (type: string, reason: string, message: string, at: number, name = "ai-inference-abc", count = 1) => slimEvent({
  metadata: { name: `${name}.1`, namespace: "ai", uid: `${reason}-${at}`, creationTimestamp: iso(at) },
  involvedObject: { kind: "Pod", name, namespace: "ai" }, type, reason, message, count,
  firstTimestamp: iso(at - 60_000), lastTimestamp: iso(at), source: { component: "kubelet" },
});
const base = (over: Partial<TimelineInput>): TimelineInput => ({
  cluster: "hetzner-prod", replicaSets: [], controllerRevisions: [], restarts: [], scaleChanges: [], events: [], ...over,
});

describe("change timeline", () => {
  it("shows a rollout with the old and new image", () => {
    const out = changeTimeline(base({ replicaSets: [rs(1, "grio/ai-inference:2.3.0", NOW - 30 * H), rs(2, "grio/ai-inference:2.3.1", NOW - 2 * H)] }), NOW);
    expect(out).toEqual([expect.objectContaining({
      kind: "rollout", at: NOW - 2 * H, summary: "ai-inference revision 2: grio/ai-inference:2.3.0 → grio/ai-inference:2.3.1",
      href: "/workloads/hetzner-prod/deployment/ai/ai-inference",
    })]);
  });

  it("leaves out what happened more than 24 hours ago", () => {
    const out = changeTimeline(base({
      replicaSets: [rs(1, "a:1", NOW - 50 * H), rs(2, "a:2", NOW - 25 * H)],
      events: [event("Warning", "BackOff", "Back-off restarting failed container", NOW - 25 * H)],
    }), NOW);
    expect(out).toEqual([]);
  });

  it("lists restarts, scale changes and Warning events newest first, one warning per object and reason", () => {
    const raw = rawPod();
    Object.assign(raw.metadata, { name: "ai-inference-abc", namespace: "ai" });
    raw.spec.containers[0] = { name: "server", image: "grio/ai-inference:2.3.1" };
    raw.status.containerStatuses = [crashLoopStatus("server", "grio/ai-inference:2.3.1", 4, NOW - 5 * 60_000)];
    const out = changeTimeline(base({
      restarts: [{ pod: slimPod(raw), times: [NOW - 40 * 60_000, NOW - 20 * 60_000, NOW - 5 * 60_000] }],
      scaleChanges: [{ at: NOW - H, kind: "Deployment", namespace: "grio", name: "django-api", from: 2, to: 4 }],
      events: [
        event("Warning", "BackOff", "Back-off restarting failed container", NOW - 10 * 60_000, "ai-inference-abc", 3),
        event("Warning", "BackOff", "Back-off restarting failed container", NOW - 2 * 60_000, "ai-inference-abc", 5),
        event("Normal", "Pulled", "Successfully pulled image", NOW - 60_000),
      ],
    }), NOW);
    expect(out.map((e) => [e.kind, e.summary])).toEqual([
      ["warning", "Pod ai-inference-abc: BackOff (×5) — Back-off restarting failed container"],
      ["restart", "ai-inference-abc restarted 3× in 24 h (last: OOMKilled 137)"],
      ["scale", "django-api scaled 2 → 4"],
    ]);
  });

  it("shows the autoscaler's rescale events as scale changes", () => {
    const ev = slimEvent({
      metadata: { name: "hpa.1", namespace: "grio", uid: "e1" }, involvedObject: { kind: "HorizontalPodAutoscaler", name: "django-api", namespace: "grio" },
      type: "Normal", reason: "SuccessfulRescale", message: "New size: 5; reason: cpu resource utilization (percentage of request) above target",
      lastTimestamp: iso(NOW - 600_000),
    });
    expect(changeTimeline(base({ events: [ev] }), NOW)[0]).toMatchObject({ kind: "scale", summary: "django-api autoscaled: New size: 5; reason: cpu resource utilization (percentage of request) above target" });
  });
});
