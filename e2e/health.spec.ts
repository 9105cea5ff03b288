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

  test("polls of an unchanged overview are revalidated by the browser (304, no body) and the page stays live", async ({ page, signInAs }) => {
    await signInAs("viewer");
    // The browser sends the ETag it holds (If-None-Match); when the server confirms it with a 304,
    // no body crosses the wire and the browser serves its cached copy (reported as 200, same ETag).
    const polls: Array<{ held: string | undefined; etag: string | undefined; bodyBytes: number }> = [];
    page.on("requestfinished", async (req) => {
      if (!req.url().includes("/api/trpc/") || !req.url().includes("cluster.overview")) return;
      const [sent, res, sizes] = await Promise.all([req.allHeaders(), req.response(), req.sizes()]);
      polls.push({ held: sent["if-none-match"], etag: res?.headers()["etag"], bodyBytes: sizes.responseBodySize });
    });
    await page.goto("/overview");
    await expect(page.getByTestId("triage-item").first()).toBeVisible();
    // the page polls every 4 s; between two changes of the sim's estate the answer is the same
    await expect.poll(() => polls.some((p) => p.held !== undefined && p.held === p.etag && p.bodyBytes === 0), { timeout: 30_000, intervals: [1000] }).toBe(true);
    // a changed overview (or the first poll) comes whole
    expect(polls.some((p) => p.held !== p.etag && p.bodyBytes > 0)).toBe(true);
    expect(polls.every((p) => p.etag)).toBe(true);
    await expect(page.getByTestId("triage-item").first()).toBeVisible();
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

test.describe("cluster pages", () => {
  test.skip(({ grio }) => !grio.sim, "needs the sim");

  test("nodes, workloads, pods and volumes render from the cache, with filters in the URL", async ({ page, signInAs }) => {
    await signInAs("viewer");
    await page.goto("/nodes?health=degraded");
    await expect(page.getByRole("link", { name: /hetzner-prod-server-3/ })).toBeVisible();
    await page.getByRole("link", { name: /hetzner-prod-server-3/ }).click();
    await expect(page.getByText("DiskPressure").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Capacity vs allocatable" })).toBeVisible();

    // edge nodes grouped by district and site; a site filters the table through the URL
    await page.goto("/nodes");
    const sites = page.getByTestId("edge-sites");
    await expect(sites).toBeVisible();
    await sites.getByRole("button").first().click();
    await expect(page).toHaveURL(/[?&]site=/);
    await expect(page.locator("tbody tr").first()).toContainText("edge");

    await page.goto("/workloads?cluster=hetzner-prod&kind=Deployment");
    await page.getByRole("link", { name: "django-api", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Rollout history" })).toBeVisible();
    await expect(page.getByText("current").first()).toBeVisible();

    await page.goto("/pods?cluster=hetzner-prod&status=CrashLoopBackOff");
    await expect(page.getByTestId("pod-status-filter")).toHaveValue("CrashLoopBackOff");
    await page.getByRole("link", { name: /^ai-inference-/ }).first().click();
    await expect(page.getByTestId("pod-health")).toContainText("CrashLoopBackOff");
    await expect(page.getByText("Last termination")).toBeVisible();
    // a viewer gets no logs link; the YAML view folds managedFields
    await expect(page.getByRole("link", { name: /Logs of this pod/ })).toHaveCount(0);
    await page.getByRole("button", { name: "View YAML" }).click();
    await expect(page.getByTestId("yaml")).toContainText("kind: Pod");

    await page.goto("/volumes");
    await expect(page.getByRole("cell", { name: "Bound" }).first()).toBeVisible();
  });

  test("Ctrl-K finds a workload by name and jumps to it", async ({ page, signInAs }) => {
    await signInAs("oncall");
    await page.goto("/overview");
    await expect(page.getByTestId("triage-list")).toBeVisible();
    // The triage list is server-rendered, so it can be visible before the palette's key listener is
    // attached (hydration); press again until the palette opens, as a person would.
    const palette = page.getByRole("dialog", { name: "Find anything" });
    await expect(async () => {
      await page.keyboard.press("Control+k");
      await expect(palette).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await palette.getByRole("textbox").fill("django-ap");
    await page.getByRole("option").filter({ hasText: "Deployment" }).first().click();
    await expect(page).toHaveURL(/\/workloads\/[^/]+\/deployment\/grio\/django-api$/);
    await page.goto("/pods?cluster=hetzner-prod&status=CrashLoopBackOff");
    await page.getByRole("link", { name: /^ai-inference-/ }).first().click();
    await expect(page.getByRole("link", { name: /Logs of this pod around now/ })).toHaveAttribute("href", /\/logs\?cluster=hetzner-prod&namespace=grio&pod=ai-inference-/);
  });
});
