import { describe, expect, it } from "vitest";
import type { V1Deployment, V1ReplicaSet } from "@kubernetes/client-node";
import { deploymentHistory, planDeploymentRollback } from "./deploymentRollback";

const UID = "dep-uid";

function template(image: string, hash?: string) {
  return {
    metadata: { labels: { app: "django-api", ...(hash ? { "pod-template-hash": hash } : {}) } },
    spec: { containers: [{ name: "api", image }] },
  };
}

function rs(name: string, revision: string | undefined, image: string, extra: Record<string, string> = {}, created = "2026-01-01T00:00:00Z"): V1ReplicaSet {
  return {
    metadata: {
      name,
      creationTimestamp: new Date(created),
      annotations: { ...(revision === undefined ? {} : { "deployment.kubernetes.io/revision": revision }), "deployment.kubernetes.io/desired-replicas": "2", ...extra },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "django-api", uid: UID, controller: true }],
    },
    spec: { selector: {}, template: template(image, name.slice(-5)) },
  };
}

function deployment(image: string, annotations: Record<string, string> = {}, paused = false): V1Deployment {
  return {
    metadata: {
      name: "django-api",
      uid: UID,
      annotations: {
        "deployment.kubernetes.io/revision": "3",
        "kubernetes.io/change-cause": "deploy v3",
        "team": "platform",
        ...annotations,
      },
    },
    spec: { selector: {}, paused, template: template(image) },
  };
}

const history = [
  rs("django-api-aaaaa", "1", "grio/api:1.0", { "kubernetes.io/change-cause": "deploy v1", team: "platform" }, "2026-01-01T00:00:00Z"),
  rs("django-api-bbbbb", "2", "grio/api:1.1", { "kubernetes.io/change-cause": "deploy v2", team: "platform" }, "2026-01-02T00:00:00Z"),
  rs("django-api-ccccc", "3", "grio/api:1.2", { "kubernetes.io/change-cause": "deploy v3", team: "platform" }, "2026-01-03T00:00:00Z"),
];

describe("planDeploymentRollback (kubectl rollout undo)", () => {
  it("rolls back to the second-highest revision by default, replacing template and annotations", () => {
    const plan = planDeploymentRollback(deployment("grio/api:1.2"), history);
    expect(plan.kind).toBe("patch");
    if (plan.kind !== "patch") return;
    expect(plan.revision).toBe(2);
    expect(plan.patch.map((p) => p.path)).toEqual(["/spec/template", "/metadata/annotations"]);
    expect(plan.template.metadata?.labels).toEqual({ app: "django-api" });
    expect(plan.template.spec?.containers[0]?.image).toBe("grio/api:1.1");
    // the six deployment-owned annotations come from the Deployment, the rest (change-cause) from the RS
    expect(plan.annotations).toEqual({
      "deployment.kubernetes.io/revision": "3",
      "kubernetes.io/change-cause": "deploy v2",
      team: "platform",
    });
  });

  it("drops deployment annotations the ReplicaSet does not carry, as kubectl does", () => {
    const plan = planDeploymentRollback(deployment("grio/api:1.2", { "added-later": "x" }), history);
    expect(plan.kind === "patch" && "added-later" in plan.annotations).toBe(false);
  });

  it("picks a chosen revision and reports an unknown one plainly", () => {
    const plan = planDeploymentRollback(deployment("grio/api:1.2"), history, 1);
    expect(plan.kind === "patch" && plan.template.spec?.containers[0]?.image).toBe("grio/api:1.0");
    expect(planDeploymentRollback(deployment("grio/api:1.2"), history, 9)).toEqual({
      kind: "refused",
      message: "unable to find specified revision 9 in history",
    });
  });

  it("skips with no patch when the revision's template is already the deployment's", () => {
    const plan = planDeploymentRollback(deployment("grio/api:1.2"), history, 3);
    expect(plan).toEqual({
      kind: "skip",
      revision: 3,
      message: "deployment.apps/django-api skipped rollback (current template already matches revision 3)",
    });
  });

  it("refuses a paused deployment", () => {
    const plan = planDeploymentRollback(deployment("grio/api:1.2", {}, true), history);
    expect(plan.kind).toBe("refused");
    expect(plan.kind === "refused" && plan.message).toMatch(/cannot rollback a paused deployment/);
  });

  it("ignores ReplicaSets not controlled by the deployment and unparsable revisions", () => {
    const foreign = { ...rs("other-ddddd", "7", "x:1"), metadata: { ...rs("other-ddddd", "7", "x:1").metadata, ownerReferences: [] } };
    const broken = rs("django-api-eeeee", "abc", "grio/api:9");
    const plan = planDeploymentRollback(deployment("grio/api:1.2"), [...history, foreign, broken]);
    expect(plan.kind === "patch" && plan.revision).toBe(2);
  });

  it("says there is no history when only one revision exists", () => {
    const plan = planDeploymentRollback(deployment("grio/api:1.0"), [history[0]!]);
    expect(plan).toEqual({ kind: "refused", message: 'no rollout history found for deployment "django-api"' });
  });
});

describe("deploymentHistory (kubectl rollout history)", () => {
  it("lists revisions ascending with images, change-cause, age and the current one", () => {
    const h = deploymentHistory(deployment("grio/api:1.1"), [history[2]!, history[0]!, history[1]!]);
    expect(h.map((r) => [r.revision, r.images[0]?.image, r.changeCause, r.current])).toEqual([
      [1, "grio/api:1.0", "deploy v1", false],
      [2, "grio/api:1.1", "deploy v2", true],
      [3, "grio/api:1.2", "deploy v3", false],
    ]);
    expect(h[0]?.createdAt).toBe("2026-01-01T00:00:00.000Z");
  });
});
