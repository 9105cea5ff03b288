import { DEMO_PASSWORD, DEMO_USERS, expect, test } from "./support/fixtures";

const ROLE_OF = { admin: "admin", oncall: "operator", ministry: "viewer" } as const;

async function fillSignIn(page: import("@playwright/test").Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe("sign-in", () => {
  for (const who of ["admin", "oncall", "ministry"] as const) {
    test(`${who} signs in through the form and sees their role`, async ({ page }) => {
      await page.goto("/overview");
      await expect(page).toHaveURL(/\/signin/);
      await fillSignIn(page, DEMO_USERS[who], DEMO_PASSWORD);
      await expect(page).toHaveURL(/\/overview$/);
      await expect(page.getByTestId("role-badge")).toHaveText(ROLE_OF[who]);
      const nav = page.getByRole("navigation", { name: "Sections" });
      await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(who === "admin" ? 1 : 0);
      await expect(nav.getByRole("link", { name: "Logs" })).toHaveCount(who === "ministry" ? 0 : 1);
    });
  }

  test("the viewer sees no write controls on any section, and no request leaves for another host", async ({ page, signInAs }) => {
    const hosts = new Set<string>();
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.protocol.startsWith("http")) hosts.add(u.hostname);
    });
    await signInAs("ministry");
    await page.goto("/overview");
    const links = page.getByRole("navigation", { name: "Sections" }).getByRole("link");
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs).not.toContain("/logs");
    expect(hrefs).not.toContain("/admin");
    for (const href of [...hrefs, "/logs", "/admin"]) {
      await page.goto(href);
      await expect(page.getByTestId("role-badge"), `${href} did not render for the viewer`).toHaveText("viewer");
      await expect(page.locator("[data-write-control]"), `write control on ${href}`).toHaveCount(0);
      const actionButtons = page.getByRole("button", {
        name: /^(restart|scale|roll ?back|cordon|uncordon|drain|delete|run backup|back up now|silence|create|disable|revoke|change role)/i,
      });
      await expect(actionButtons, `action button on ${href}`).toHaveCount(0);
    }
    expect([...hosts]).toEqual(["127.0.0.1"]);
  });

  test("the shell works on a 390 px phone", async ({ page, signInAs }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs("oncall");
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Audit" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("sign-out ends the session", async ({ page, signInAs }) => {
    await signInAs("oncall");
    await page.goto("/overview");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("a wrong password shows an error", async ({ page }) => {
    // its own client IP (see global-setup: TRUSTED_PROXIES) so no other spec's sign-ins are counted with it
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.10" });
    await page.goto("/signin");
    await fillSignIn(page, "nobody@grio.local", "not-the-password");
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("six fast wrong passwords are rate limited with a clear message", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.20" });
    await page.goto("/signin");
    const email = `throwaway-${Date.now()}@grio.local`;
    for (let i = 1; i <= 5; i++) {
      await fillSignIn(page, email, `wrong-${i}`);
      await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
    }
    const limited = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await fillSignIn(page, email, "wrong-6");
    expect((await limited).status()).toBe(429);
    await expect(page.getByTestId("sign-in-error")).toContainText("Too many failed sign-ins");
  });
});
