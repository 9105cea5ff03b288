import { expect, test } from "./support/fixtures";

/**
 * Volumes without Prometheus (the e2e estate configures none): the claims table still renders from
 * the Kubernetes caches, with Prometheus' "not configured" error beside it, never a blank page.
 * (Usage values and the > 85 % "Scale volume" flag are proven against real Prometheus in
 * server/services/observability/volume-usage.integration.test.ts.)
 */
test.describe("volumes", () => {
  test.skip(({ grio }) => !grio.sim, "needs the sim");

  test("a viewer sees the claims with the Prometheus error beside them", async ({ page, signInAs }) => {
    await signInAs("ministry");
    await page.goto("/volumes");
    await expect(page.getByRole("cell", { name: "Bound" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "data-minio-0" }).first()).toBeVisible();
    const errors = page.getByTestId("source-errors");
    await expect(errors).toContainText("prometheus");
    await expect(errors).toContainText("not configured");
    await expect(page.getByRole("columnheader", { name: /Usage/ })).toBeVisible();
  });
});
