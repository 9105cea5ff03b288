import { expect, test } from "./support/fixtures";

test.describe("admin and account", () => {
  test("an admin creates an API token that is shown once, and revokes it", async ({ page, signInAs }) => {
    await signInAs("admin");
    await page.goto("/admin");
    const name = `e2e-token-${Date.now()}`;
    await page.getByLabel("Name", { exact: true }).last().fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("new-token");
    await expect(shown).toContainText(`Token “${name}” created`);
    const secret = (await shown.locator("code").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^grio_/);

    // the token works as a Bearer, and is not shown again
    const me = await page.request.get("/api/trpc/me.get", { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status()).toBe(200);
    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    const row = page.getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await expect(row.getByText("revoked")).toBeVisible();
    const after = await page.request.get("/api/trpc/me.get", { headers: { authorization: `Bearer ${secret}` } });
    expect(after.status()).toBe(401);

    // the audit log has both, filterable, and exports them as CSV
    await page.goto("/audit");
    await page.getByLabel("Target").fill(name);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByRole("row").filter({ hasText: "token.create" })).toHaveCount(1);
    await expect(page.getByRole("row").filter({ hasText: "token.revoke" })).toHaveCount(1);
    const csv = await page.request.get(`/api/audit/export?target=${encodeURIComponent(name)}`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(3);
  });

  test("a user chooses Africa/Kampala time and the console shows times in it", async ({ page, signInAs, browser }) => {
    await signInAs("admin");
    await page.goto("/admin");
    const email = `tz-${Date.now()}@grio.local`;
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Initial password").fill("a-good-password");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("row").filter({ hasText: email })).toBeVisible();

    const ctx = await browser.newContext({ baseURL: new URL(page.url()).origin });
    const user = await ctx.newPage();
    await user.goto("/signin");
    await user.getByLabel("Email").fill(email);
    await user.getByLabel("Password").fill("a-good-password");
    await user.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(user).toHaveURL(/\/overview$/);
    await user.goto("/audit");
    await expect(user.locator("time").first()).toHaveAttribute("title", / UTC$/);
    await user.goto("/settings");
    await user.getByLabel("Time zone").selectOption("Africa/Kampala");
    await user.getByRole("button", { name: "Save" }).click();
    await expect(user.getByRole("status")).toHaveText("Saved.");
    await user.goto("/audit");
    await expect(user.locator("time").first()).toHaveAttribute("title", / EAT$/);
    await ctx.close();
  });
});
