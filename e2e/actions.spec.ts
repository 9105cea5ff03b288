import { expect, test } from "./support/fixtures";

/**
 * Operator actions in the browser. The rollback targets hetzner-staging/grio/django-api (other specs
 * assert on production) and is undone at the end, so the estate is as it was.
 */
const DETAIL = "/workloads/hetzner-staging/deployment/grio/django-api";
const TARGET = "hetzner-staging/grio/deployment/django-api";

test("on-call rolls django-api back to a chosen revision, follows the rollout and finds the audit row", async ({ page, signInAs }) => {
  await signInAs("oncall");
  await page.goto(DETAIL);
  const actions = page.getByTestId("workload-actions");
  await actions.getByRole("button", { name: "Roll back…" }).click();

  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Hetzner staging")).toBeVisible();
  await expect(dialog.getByText("django-api", { exact: true })).toBeVisible();
  await expect(dialog.getByTestId("revision-3")).toContainText("CI #412");
  const current = dialog.locator("tr", { hasText: "current" });
  await expect(current).toHaveCount(1);
  await dialog.getByRole("radio", { name: "Revision 3" }).check();
  await expect(dialog.getByText("Roll back to revision 3:")).toBeVisible();
  await dialog.getByText("Template diff").click();
  await expect(dialog.locator("pre")).toContainText("image:");
  await dialog.getByLabel(/Reason/).fill("e2e: chosen revision");
  await dialog.getByRole("button", { name: "Roll back to revision 3" }).click();

  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(actions.getByRole("status")).toContainText("rolled back to revision 3");
  const progress = page.getByTestId("rollout-progress");
  await expect(progress).toBeVisible();
  await expect(progress.getByTestId("rollout-message")).toContainText('deployment "django-api" successfully rolled out', { timeout: 45_000 });
  await expect(progress).toContainText("complete");

  await page.goto("/audit");
  const row = page.locator("tr", { hasText: TARGET }).filter({ hasText: "deployment.rollback" }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText("succeeded");
  await expect(row).toContainText("oncall@grio.local");

  // put the estate back: the revision that was current before is now the previous one
  const res = await page.request.post("/api/trpc/actions.rollback", {
    data: { json: { cluster: "hetzner-staging", namespace: "grio", kind: "Deployment", name: "django-api", toRevision: 0, idempotencyKey: `e2e-restore-${Date.now()}`, reason: "e2e: restore" } },
  });
  expect(res.status()).toBe(200);
  expect(JSON.stringify(await res.json())).toContain("succeeded");
});

test("ministry sees no action buttons, and a raw tRPC call is refused with 403", async ({ page, signInAs }) => {
  await signInAs("ministry");
  await page.goto(DETAIL);
  await expect(page.getByTestId("workload-health")).toBeVisible();
  await expect(page.getByRole("button", { name: "Roll back…" })).toHaveCount(0);
  await expect(page.locator("[data-write-control]")).toHaveCount(0);
  const res = await page.request.post("/api/trpc/actions.rollback", {
    data: { json: { cluster: "hetzner-staging", namespace: "grio", kind: "Deployment", name: "django-api", toRevision: 1, idempotencyKey: "ministry-attempt-1" } },
  });
  expect(res.status()).toBe(403);
});

test("on-call finds Backup now, the restore test and Qdrant snapshot now on the Backups page", async ({ page, signInAs }) => {
  await signInAs("oncall");
  await page.goto("/backups");
  const actions = page.getByTestId("backup-actions");
  await expect(actions.getByRole("button", { name: "Backup now" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Run restore test now" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Qdrant snapshot now" })).toBeVisible();
  await actions.getByRole("button", { name: "Backup now" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("kubectl create job --from=cronjob/backup-postgres");
  await expect(dialog.getByText("Type")).toBeVisible(); // production: the name must be typed
  await expect(dialog.getByRole("button", { name: "Backup now" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
});
