import { expect, test } from "./support/fixtures";

/**
 * Observability as on-call: from the crash-looping pod to its logs (the Loki error lines and the
 * traceback, highlighted as errors); viewers get no logs; the Alerts page lists the seed's four
 * thresholds and, without Prometheus configured, says what to install.
 */
test.describe("observability", () => {
  test.skip(({ grio }) => !grio.sim, "needs the sim");

  test("oncall opens the crash-looping pod, jumps to its logs and sees its error lines", async ({ page, signInAs }) => {
    await signInAs("oncall");
    await page.goto("/overview");
    const crash = page.locator('[data-testid="triage-item"][data-kind="Pod"][data-reason="CrashLoopBackOff"][data-name^="ai-inference-"]');
    await crash.first().locator("a").click();
    await expect(page.getByTestId("pod-health")).toContainText("CrashLoopBackOff");
    const podName = page.url().split("/").pop()!;

    await page.getByRole("link", { name: /Logs of this pod around now/ }).click();
    await expect(page).toHaveURL(new RegExp(`/logs\\?.*pod=${podName}`));
    await expect(page.getByLabel("pod", { exact: true })).toHaveValue(podName);
    await expect(page.getByTestId("logql")).toContainText(`pod="${podName}"`);
    const lines = page.getByTestId("log-lines");
    await expect(lines).toContainText("Model load failed; exiting");
    await expect(lines).toContainText("MemoryError");
    await expect(lines.locator('li[data-level="error"]').first()).toBeVisible();

    // errors only
    await page.getByRole("checkbox", { name: "error" }).check();
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/level=error/);
    await expect(lines.locator("li").first()).toHaveAttribute("data-level", "error");
    await expect(lines.locator('li[data-level="info"]')).toHaveCount(0);
  });

  test("viewers get no logs", async ({ page, signInAs }) => {
    await signInAs("viewer");
    await page.goto("/logs?namespace=grio");
    await expect(page.getByRole("heading", { name: "Not available for your role" })).toBeVisible();
    await expect(page.getByTestId("log-lines")).toHaveCount(0);
  });

  test("the Alerts page lists the seed thresholds, evaluated or with the reason they are not", async ({ page, signInAs }) => {
    await signInAs("admin");
    await page.goto("/alerts");
    for (const id of ["api-latency-p95", "pod-crash-loop", "db-connection-errors", "disk-usage"]) {
      await expect(page.getByTestId(`threshold-${id}`)).toBeVisible();
    }
    await expect(page.getByTestId("threshold-disk-usage")).toContainText("Scale volume");
    // the e2e console has no Prometheus: the page says what to install instead of failing
    const evaluated = page.locator('[data-testid="threshold-disk-usage"]:not([data-state="unknown"])');
    await expect(page.getByTestId("prometheus-missing").or(page.getByTestId("prometheus-unreachable")).or(evaluated)).toBeVisible();
  });
});
