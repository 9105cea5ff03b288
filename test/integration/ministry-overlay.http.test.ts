import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kustomize } from "@/deploy/k8s/render";
import { startConsole, type ConsoleHandle } from "@/test/harness/console";

/**
 * The ministry-onprem overlay's ConfigMap, as `kubectl kustomize` renders it, given to the built
 * console: read-only for everyone but admins, enforced on the server (not just hidden in the UI).
 * (In-cluster access and the backend URLs are left out: there is no cluster here.)
 */
let grio: ConsoleHandle;

beforeAll(async () => {
  const configMap = kustomize("deploy/k8s/overlays/ministry-onprem").find((o) => o.kind === "ConfigMap") as unknown as { data: Record<string, string> };
  expect(configMap.data.GRIO_READ_ONLY).toBe("1");
  const { GRIO_READ_ONLY, LOG_LEVEL, GRIO_CLUSTERS } = configMap.data;
  grio = await startConsole({ database: "pglite", env: { GRIO_READ_ONLY, LOG_LEVEL, GRIO_CLUSTERS } });
}, 120_000);

afterAll(async () => {
  await grio?.stop();
});

describe("the ministry-onprem overlay (GRIO_READ_ONLY=1)", () => {
  const restart = { cluster: "ministry-onprem", namespace: "grio", kind: "Deployment", name: "django-api", idempotencyKey: "ministry-read-only-1", confirmName: "django-api" };

  it("refuses an operator's action with a plain read-only message", async () => {
    const oncall = await grio.signIn("oncall@grio.local");
    const res = await oncall.mutation("actions.restart", restart);
    expect(res.status).toBe(403);
    expect(res.error?.message).toContain("read-only mode");
  });

  it("still lets an admin act (here the action gets past the role check and finds no cluster: none is configured)", async () => {
    const admin = await grio.signIn("admin@grio.local");
    const res = await admin.mutation("actions.restart", { ...restart, idempotencyKey: "ministry-read-only-2" });
    expect(res.error?.code).toBe("NOT_FOUND");
    expect(res.error?.message).toContain('No cluster named "ministry-onprem"');
  });

  it("keeps every view open to viewers", async () => {
    const ministry = await grio.signIn("ministry@grio.local");
    expect((await ministry.query("cluster.list")).status).toBe(200);
  });
});
