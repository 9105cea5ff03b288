import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConsole, type ConsoleHandle } from "@/test/harness/console";
import { HttpSession } from "@/test/harness/http";
import { startFakeOidcProvider, type FakeOidcProvider } from "@/test/harness/oidc";

/** Single sign-on through a generic OIDC provider, the role mapped from a configurable claim. */
let idp: FakeOidcProvider;
let grio: ConsoleHandle;

beforeAll(async () => {
  idp = await startFakeOidcProvider({ sub: "u-1", email: "Amina@Ministry.example", name: "Amina", groups: ["ministry-it"] });
  grio = await startConsole({
    env: {
      GRIO_DEMO: "0",
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_ROLES_CLAIM: "groups",
      OIDC_ROLE_MAP: JSON.stringify({ "grio-oncall": "operator", "ministry-it": "viewer", "grio-admins": "admin" }),
    },
  });
});
afterAll(async () => {
  await grio?.stop();
  await idp?.stop();
});

/** Browser-like: start sign-in, follow the provider's redirect, land on the callback. */
async function ssoSignIn(): Promise<{ session: HttpSession; finalLocation: string }> {
  const s = new HttpSession(grio.url);
  const { csrfToken } = (await (await s.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const start = await s.postForm("/api/auth/signin/oidc", { csrfToken, callbackUrl: `${grio.url}/overview` });
  expect(start.status).toBe(302);
  const authorize = start.headers.get("location")!;
  expect(authorize.startsWith(`${idp.issuer}/authorize`)).toBe(true);
  const approved = await fetch(authorize, { redirect: "manual" });
  const callback = approved.headers.get("location")!;
  const done = await s.get(callback.replace(grio.url, ""));
  return { session: s, finalLocation: done.headers.get("location") ?? `HTTP ${done.status}` };
}

describe("OIDC sign-in", () => {
  it("signs a user in with the role their groups map to", async () => {
    const { session, finalLocation } = await ssoSignIn();
    expect(finalLocation).toBe(`${grio.url}/overview`);
    const me = await session.query<{ email: string; role: string; kind: string }>("me.get");
    expect(me.data).toMatchObject({ email: "amina@ministry.example", role: "viewer", kind: "user" });
  });

  it("re-maps the role at the next sign-in when the groups change", async () => {
    idp.nextUser = { ...idp.nextUser, groups: ["ministry-it", "grio-oncall"] };
    const { session } = await ssoSignIn();
    expect((await session.query<{ role: string }>("me.get")).data?.role).toBe("operator");
  });

  it("refuses a user whose groups map to no role", async () => {
    idp.nextUser = { sub: "u-2", email: "visitor@example.org", name: "Visitor", groups: ["staff"] };
    const { session, finalLocation } = await ssoSignIn();
    expect(finalLocation).toContain("/signin?error=NoRole");
    expect((await session.query("me.get")).status).toBe(401);
  });
});
