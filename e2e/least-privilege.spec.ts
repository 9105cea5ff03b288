import fs from "node:fs";
import { expect, test } from "./support/fixtures";
import type { LeastPrivilegeInfo } from "../test/harness/least-privilege";

/**
 * Runs when the suite runs with LEAST_PRIVILEGE=1 (npm test): the console's token holds exactly the
 * ClusterRole deploy/k8s renders. Take `patch` on deployments away from that token and the rollback
 * dialog shows the Kubernetes API's own "forbidden" sentence; then the verb is given back. The
 * 403s provoked here carry a deliberate user name, so the run's zero-403 check leaves them out.
 */
const infoFile = process.env.GRIO_LEAST_PRIVILEGE_INFO;
test.skip(!infoFile, "only with LEAST_PRIVILEGE=1");

const DETAIL = "/workloads/hetzner-staging/deployment/grio/django-api";

test("without patch on deployments, a rollback fails in the UI with a clear 'forbidden' message", async ({ page, signInAs, sim }) => {
  const lp = JSON.parse(fs.readFileSync(infoFile!, "utf8")) as LeastPrivilegeInfo;
  await sim.call("addToken", { token: lp.token, user: lp.deliberateUser, clusterRoleYaml: lp.withoutPatchOnDeploymentsYaml, roleName: lp.roleName });
  try {
    await signInAs("oncall");
    await page.goto(DETAIL);
    await page.getByTestId("workload-actions").getByRole("button", { name: "Roll back…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("radio", { disabled: false }).first().check();
    await dialog.getByRole("button", { name: /^Roll back to revision \d+$/ }).click();
    await expect(dialog).toContainText("Kubernetes API of hetzner-staging refused");
    await expect(dialog).toContainText(`deployments.apps "django-api" is forbidden: User "${lp.deliberateUser}" cannot patch resource "deployments"`);

    await page.goto("/audit");
    const row = page.locator("tr", { hasText: "hetzner-staging/grio/deployment/django-api" }).filter({ hasText: "deployment.rollback" }).first();
    await expect(row).toContainText("failed");
  } finally {
    await sim.call("addToken", { token: lp.token, user: lp.user, clusterRoleYaml: lp.clusterRoleYaml, roleName: lp.roleName });
  }
});
