import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { UpstreamError } from "@/server/adapters/errors";
import { kubeError, labelSelectorString, withConflictRetry } from "./kube";

describe("kubeError", () => {
  it("turns the API's Status body into a sentence naming the cluster", () => {
    const body = JSON.stringify({ kind: "Status", status: "Failure", message: 'deployments.apps "x" is forbidden', code: 403 });
    const e = kubeError("hetzner-prod", new ApiException(403, "Forbidden", body, {}));
    expect(e.sentence).toBe('Kubernetes API of hetzner-prod refused: deployments.apps "x" is forbidden');
    expect(e.status).toBe(403);
  });
  it("says the API is unreachable when no answer came", () => {
    expect(kubeError("ministry-onprem", new Error("connect ECONNREFUSED 10.0.0.1:6443")).sentence).toBe(
      "Kubernetes API of ministry-onprem is unreachable: connect ECONNREFUSED 10.0.0.1:6443",
    );
  });
});

describe("withConflictRetry", () => {
  const conflict = new UpstreamError("kubernetes", "the object has been modified; please apply your changes to the latest version and try again", { instance: "c", status: 409 });
  it("re-reads and retries once after a 409", async () => {
    let attempts = 0;
    const r = await withConflictRetry(async () => {
      attempts++;
      if (attempts === 1) throw conflict;
      return "patched";
    });
    expect([r, attempts]).toEqual(["patched", 2]);
  });
  it("reports a second 409 instead of looping", async () => {
    let attempts = 0;
    await expect(
      withConflictRetry(async () => {
        attempts++;
        throw conflict;
      }),
    ).rejects.toBe(conflict);
    expect(attempts).toBe(2);
  });
  it("does not retry other errors", async () => {
    let attempts = 0;
    await expect(
      withConflictRetry(async () => {
        attempts++;
        throw new UpstreamError("kubernetes", "nope", { status: 403 });
      }),
    ).rejects.toThrow("nope");
    expect(attempts).toBe(1);
  });
});

describe("labelSelectorString", () => {
  it("formats matchLabels and expressions like metav1.FormatLabelSelector", () => {
    expect(
      labelSelectorString({
        matchLabels: { tier: "api", app: "django-api" },
        matchExpressions: [
          { key: "env", operator: "In", values: ["prod", "edge"] },
          { key: "canary", operator: "DoesNotExist" },
        ],
      }),
    ).toBe("app=django-api,tier=api,env in (edge,prod),!canary");
  });
});
