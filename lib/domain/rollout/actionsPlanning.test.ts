import { describe, expect, it } from "vitest";
import type { V1CronJob, V1Deployment, V1StatefulSet } from "@kubernetes/client-node";
import { imageDiff, templateDiff } from "./diff";
import { deploymentRolloutStatus, statefulSetRolloutStatus } from "./rolloutStatus";
import { jobFromCronJob, jobPhase, manualJobName } from "./jobFromCronJob";
import { scaleWarning, validateReplicas } from "./scaleWarning";
import { planPromotion } from "./promote";
import { restartPatch, restartRefusal } from "./restart";

const tpl = (images: Record<string, string>) => ({
  metadata: { labels: { app: "web" } },
  spec: { containers: Object.entries(images).map(([name, image]) => ({ name, image })) },
});
const clock = { startedAt: 0, now: 1_000, timeoutMs: 600_000 };

describe("image and template diff", () => {
  it("names each container whose image changes", () => {
    expect(imageDiff(tpl({ api: "a:1", side: "s:1" }), tpl({ api: "a:2", side: "s:1" }))).toEqual([
      { container: "api", from: "a:1", to: "a:2" },
    ]);
  });
  it("shows the changed lines of the template", () => {
    const d = templateDiff(tpl({ api: "a:1" }), tpl({ api: "a:2" }));
    expect(d.filter((l) => l.kind !== "same").map((l) => `${l.kind} ${l.text.trim()}`)).toEqual([
      "removed - image: a:1",
      "added - image: a:2",
    ]);
  });
});

describe("deploymentRolloutStatus (kubectl rollout status)", () => {
  const dep = (status: V1Deployment["status"], generation = 2): V1Deployment => ({
    metadata: { name: "django-api", generation },
    spec: { replicas: 3, selector: {}, template: {} },
    status,
  });
  it("waits for the spec to be observed", () => {
    expect(deploymentRolloutStatus(dep({ observedGeneration: 1 }), clock).phase).toBe("progressing");
  });
  it("counts updated, old pending termination, then available", () => {
    expect(deploymentRolloutStatus(dep({ observedGeneration: 2, updatedReplicas: 1, replicas: 3 }), clock).message).toMatch(
      /1 out of 3 new replicas have been updated/,
    );
    expect(deploymentRolloutStatus(dep({ observedGeneration: 2, updatedReplicas: 3, replicas: 4 }), clock).message).toMatch(
      /1 old replicas are pending termination/,
    );
    expect(
      deploymentRolloutStatus(dep({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }), clock).message,
    ).toMatch(/2 of 3 updated replicas are available/);
  });
  it("completes when all updated replicas are available", () => {
    const s = deploymentRolloutStatus(dep({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3, readyReplicas: 3 }), clock);
    expect(s).toMatchObject({ phase: "complete", desired: 3, updated: 3, ready: 3, available: 3 });
  });
  it("fails on ProgressDeadlineExceeded and times out at the caller's deadline", () => {
    const failed = dep({ observedGeneration: 2, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] });
    expect(deploymentRolloutStatus(failed, clock)).toMatchObject({ phase: "failed", message: 'deployment "django-api" exceeded its progress deadline' });
    expect(deploymentRolloutStatus(dep({ observedGeneration: 1 }), { ...clock, now: 700_000 }).phase).toBe("timed-out");
  });
});

describe("statefulSetRolloutStatus", () => {
  const sts = (status: V1StatefulSet["status"]): V1StatefulSet => ({
    metadata: { name: "qdrant", generation: 2 },
    spec: { replicas: 1, selector: {}, serviceName: "q", template: {}, updateStrategy: { type: "RollingUpdate" } },
    status,
  });
  it("waits for ready pods then for the update revision to become current", () => {
    expect(statefulSetRolloutStatus(sts({ observedGeneration: 2, replicas: 1, readyReplicas: 0 }), clock).message).toBe("Waiting for 1 pods to be ready...");
    expect(statefulSetRolloutStatus(sts({ observedGeneration: 2, replicas: 1, readyReplicas: 1, currentRevision: "a", updateRevision: "b" }), clock).phase).toBe("progressing");
    expect(statefulSetRolloutStatus(sts({ observedGeneration: 2, replicas: 1, readyReplicas: 1, currentRevision: "b", updateRevision: "b" }), clock).phase).toBe("complete");
  });
});

describe("jobFromCronJob (kubectl create job --from=cronjob)", () => {
  const cj: V1CronJob = {
    metadata: { name: "backup-postgres", namespace: "grio", uid: "cj-uid" },
    spec: {
      schedule: "0 2 * * *",
      jobTemplate: {
        metadata: { labels: { app: "backup" }, annotations: { note: "nightly" } },
        spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "dump", image: "pg:15" }] } } },
      },
    },
  };
  it("builds the Job kubectl would POST", () => {
    expect(jobFromCronJob(cj, "backup-postgres-manual-abc")).toEqual({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name: "backup-postgres-manual-abc",
        annotations: { "cronjob.kubernetes.io/instantiate": "manual", note: "nightly" },
        labels: { app: "backup" },
        ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: "backup-postgres", uid: "cj-uid", controller: true }],
      },
      spec: cj.spec?.jobTemplate.spec,
    });
  });
  it("names manual jobs within 63 characters from the idempotency key", () => {
    const name = manualJobName("a".repeat(70), "3F2A-99bc-1234");
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name.endsWith("-manual-3f2a99bc12")).toBe(true);
  });
  it("reads the Job's outcome from its conditions", () => {
    expect(jobPhase({ status: { conditions: [{ type: "Complete", status: "True" }] }, metadata: { name: "j" } }).phase).toBe("succeeded");
    expect(jobPhase({ status: { conditions: [{ type: "Failed", status: "True", message: "BackoffLimitExceeded" }] } })).toEqual({ phase: "failed", message: "BackoffLimitExceeded" });
    expect(jobPhase({ status: { active: 1 } }).phase).toBe("running");
  });
});

describe("scale, promote and restart", () => {
  it("warns when an autoscaler owns the replicas", () => {
    const hpa = { name: "web", scaleTargetRef: { kind: "Deployment", name: "nextjs-web", apiVersion: "apps/v1" }, minReplicas: 2, maxReplicas: 6 };
    expect(scaleWarning({ kind: "Deployment", name: "nextjs-web" }, [hpa], 10)).toMatch(/autoscaler "web" owns .*2–6.*10 is outside/);
    expect(scaleWarning({ kind: "Deployment", name: "django-api" }, [hpa], 3)).toBeNull();
    expect(validateReplicas(-1)).not.toBeNull();
    expect(validateReplicas(3)).toBeNull();
  });
  it("promotes staging images onto production containers only", () => {
    const plan = planPromotion(tpl({ api: "a:2", extra: "e:1" }), tpl({ api: "a:1" }));
    expect(plan.lines.map((l) => [l.container, l.change])).toEqual([
      ["api", "update"],
      ["extra", "staging-only"],
    ]);
    expect(plan.patch).toEqual({ spec: { template: { spec: { containers: [{ name: "api", image: "a:2" }] } } } });
    expect(planPromotion(tpl({ api: "a:1" }), tpl({ api: "a:1" })).patch).toBeNull();
  });
  it("builds kubectl's restartedAt patch and refuses a paused deployment", () => {
    const now = new Date("2026-12-04T07:20:11.123Z");
    expect(restartPatch(now)).toEqual({ spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-12-04T07:20:11Z" } } } } });
    expect(restartRefusal({ kind: "Deployment", name: "x", paused: true }, now)).toMatch(/paused/);
    expect(restartRefusal({ kind: "Deployment", name: "x", restartedAt: "2026-12-04T07:20:11Z" }, now)).toMatch(/within the past second/);
  });
});
