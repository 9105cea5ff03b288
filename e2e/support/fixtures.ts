import fs from "node:fs";
import { expect, test as base, type Page } from "@playwright/test";
import type { E2EInfo } from "./global-setup";

export { expect };

export const DEMO_PASSWORD = "grio-demo";
export const DEMO_USERS = {
  admin: "admin@grio.local",
  oncall: "oncall@grio.local",
  operator: "oncall@grio.local",
  ministry: "ministry@grio.local",
  viewer: "ministry@grio.local",
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

export function e2eInfo(): E2EInfo {
  const file = process.env.GRIO_E2E_INFO;
  if (!file) throw new Error("GRIO_E2E_INFO is not set: run through `playwright test` (global setup starts the console)");
  return JSON.parse(fs.readFileSync(file, "utf8")) as E2EInfo;
}

/** Signs the page's browser context in (over HTTP, like the form does); the next navigation is signed in. */
export async function signInAs(page: Page, who: DemoUser | { email: string; password: string }): Promise<void> {
  const { url } = e2eInfo();
  const email = typeof who === "string" ? DEMO_USERS[who] : who.email;
  const password = typeof who === "string" ? DEMO_PASSWORD : who.password;
  const csrf = (await (await page.request.get(`${url}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await page.request.post(`${url}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf.csrfToken, email, password, callbackUrl: `${url}/overview`, json: "true" },
    maxRedirects: 0,
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  if (!res.ok() || !body.url || body.url.includes("error=")) throw new Error(`sign-in as ${email} failed: HTTP ${res.status()} ${JSON.stringify(body)}`);
}

/** The sim's control API (scenario verbs), over HTTP: `await sim.call("crashPod", {...})`. */
export type SimClient = {
  info: E2EInfo["sim"];
  call(verb: string, args?: Record<string, unknown>): Promise<unknown>;
};

export const test = base.extend<{ grio: E2EInfo; signInAs: (who: DemoUser | { email: string; password: string }) => Promise<void>; sim: SimClient }>({
  // eslint-disable-next-line no-empty-pattern
  grio: async ({}, use) => use(e2eInfo()),
  baseURL: async ({ grio }, use) => use(grio.url),
  signInAs: async ({ page }, use) => use((who) => signInAs(page, who)),
  sim: async ({ grio }, use) => {
    await use({
      info: grio.sim,
      async call(verb, args = {}) {
        if (!grio.sim) throw new Error("the sim is not running (sim/index.ts missing)");
        const res = await fetch(`${grio.sim.controlUrl}/${verb}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(args),
        });
        const body = (await res.json()) as { ok?: boolean; result?: unknown; error?: string };
        if (!res.ok) throw new Error(`sim ${verb} failed: ${body.error ?? res.status}`);
        return body.result;
      },
    });
  },
});
