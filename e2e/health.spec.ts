import { expect, test } from "./support/fixtures";

/**
 * Live cluster health against the sim: the overview ranks what is wrong, picks up a new crash
 * without a reload, and shows a cluster whose watches broke as reconnecting until it recovers.
 */
test.describe("cluster health overview", () => {
  test.skip(({ grio }) => !grio.sim, "needs the sim");

  test("ranks the crash-looping ai-inference pod and the DiskPressure node", async ({ page, signInAs }) => {
    await signInAs("viewer");
    await page.goto("/overview");
    const items = page.getByTestId("triage-item");
    await expect(items.filter({ has: page.locator("a") }).first()).toBeVisible();
    const crash = page.locator('[data-testid="triage-item"][data-kind="Pod"][data-reason="CrashLoopBackOff"][data-name^="ai-inference-"]');
    await expect(crash.first()).toBeVisible();
    await expect(crash.first()).toContainText("crash-looping");
    const disk = page.locator('[data-testid="triage-item"][data-kind="Node"][data-reason="DiskPressure"]');
    await expect(disk.first()).toBeVisible();
    // the crash loop is more urgent than the disk pressure
    const reasons = await items.evaluateAll((els) => els.map((e) => `${e.getAttribute("data-kind")}:${e.getAttribute("data-reason")}:${e.getAttribute("data-name")}`));
    const crashAt = reasons.findIndex((r) => r.startsWith("Pod:CrashLoopBackOff:ai-inference-"));
    const diskAt = reasons.findIndex((r) => r.startsWith("Node:DiskPressure:"));
    expect(crashAt).toBeGreaterThanOrEqual(0);
    expect(crashAt).toBeLessThan(diskAt);
    // a link leads to the pod's detail
    await crash.first().locator("a").click();
    await expect(page.getByTestId("pod-health")).toContainText("CrashLoopBackOff");
  });

  test("a pod that starts crashing appears in the triage list within 15 s, without a reload", async ({ page, signInAs, sim }) => {
    await signInAs("oncall");
    await page.goto("/overview");
    await expect(page.getByTestId("triage-list")).toBeVisible();
    const redis = page.locator('[data-testid="triage-item"][data-cluster="hetzner-staging"][data-kind="Pod"][data-name^="redis-"]');
    await expect(redis).toHaveCount(0);
    await sim.call("crashWorkload", { cluster: "hetzner-staging", namespace: "grio", workload: "redis" });
    try {
      await expect(redis.first()).toBeVisible({ timeout: 15_000 });
      await expect(redis.first()).toHaveAttribute("data-reason", "CrashLoopBackOff");
    } finally {
      await sim.call("healWorkload", { cluster: "hetzner-staging", namespace: "grio", workload: "redis" });
    }
  });

  test("a cluster whose watches are dropped shows reconnecting, then recovers", async ({ page, signInAs, sim }) => {
    await signInAs("viewer");
    await page.goto("/overview");
    const status = page.getByTestId("cluster-status-ministry-onprem");
    await expect(status).toHaveAttribute("data-state", "connected");
    // the watches drop and the API answers 503 for a while, so re-watching fails
    await sim.call("setK8sApi", { cluster: "ministry-onprem", mode: "5xx", value: 503 });
    await sim.call("dropWatches", { cluster: "ministry-onprem" });
    try {
      await expect(status).toHaveAttribute("data-state", "reconnecting", { timeout: 10_000 });
      await expect(status).toContainText("reconnecting");
      await expect(page.getByTestId("cluster-status-hetzner-prod")).toHaveAttribute("data-state", "connected");
    } finally {
      await sim.call("setK8sApi", { cluster: "ministry-onprem", mode: "ok" });
    }
    await expect(status).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  });
});
