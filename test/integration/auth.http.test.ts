import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, startConsole, type ConsoleHandle } from "@/test/harness/console";
import { postgresReachable } from "@/test/harness/databases";
import { HttpSession } from "@/test/harness/http";

/**
 * Sign-in, sessions, roles, API tokens and the sign-in rate limit, over HTTP against the built
 * console — on PostgreSQL when it is reachable (the role matrix covers PGlite). The console trusts
 * 127.0.0.1 as a proxy, so each rate-limit test presents its own client IP in X-Forwarded-For.
 */
let grio: ConsoleHandle;
let admin: HttpSession;

type Audit = { rows: Array<{ actorKind: string; actorName: string; action: string; target: string; status: string; parameters: Record<string, unknown> | null }> };

async function auditRows(filter: Record<string, string>) {
  const r = await admin.query<Audit>("audit.list", filter);
  expect(r.status, JSON.stringify(r.raw)).toBe(200);
  return r.data!.rows;
}

async function createUser(email: string, role: "admin" | "operator" | "viewer", password = "a-good-password") {
  const r = await admin.mutation<{ id: string }>("admin.createUser", { email, role, password });
  expect(r.status, JSON.stringify(r.raw)).toBe(200);
  return { id: r.data!.id, email, password };
}

beforeAll(async () => {
  grio = await startConsole({
    database: (await postgresReachable()) ? "postgres" : "pglite",
    env: { TRUSTED_PROXIES: "127.0.0.1" },
  });
  admin = await grio.signIn(DEMO.admin);
});
afterAll(async () => {
  await grio?.stop();
});

describe("health and headers", () => {
  it("answers /api/health without a session, and checks the database with ?deep=1", async () => {
    const plain = await fetch(`${grio.url}/api/health`);
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({ status: "ok" });
    const deep = (await (await fetch(`${grio.url}/api/health?deep=1`)).json()) as { database: { status: string } };
    expect(deep.database.status).toBe("ok");
  });

  it("sends the security headers on pages and API routes", async () => {
    for (const path of ["/signin", "/api/health"]) {
      const res = await fetch(`${grio.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBeTruthy();
    }
  });

  it("redirects pages without a session to sign-in, while API routes answer 401", async () => {
    const anon = grio.anonymous();
    const page = await anon.get("/workloads");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/signin");
    expect((await anon.get("/api/trpc/me.get")).status).toBe(401);
    expect((await anon.get("/api/audit/export")).status).toBe(401);
  });
});

describe("users and sessions", () => {
  it("a disabled user loses access at their next request", async () => {
    const u = await createUser("leaver@grio.local", "operator");
    const s = await grio.signIn(u.email, u.password);
    expect((await s.query("me.get")).status).toBe(200);
    expect((await admin.mutation("admin.setDisabled", { id: u.id, disabled: true })).status).toBe(200);
    expect((await s.query("me.get")).status).toBe(401);
    expect((await new HttpSession(grio.url).trySignIn(u.email, u.password, { "x-forwarded-for": "198.51.100.50" })).ok).toBe(false);
  });

  it("a demoted user loses the role at their next request", async () => {
    const u = await createUser("demoted@grio.local", "admin");
    const s = await grio.signIn(u.email, u.password);
    expect((await s.query("admin.listUsers")).status).toBe(200);
    expect((await admin.mutation("admin.setRole", { id: u.id, role: "viewer" })).status).toBe(200);
    expect((await s.query("admin.listUsers")).status).toBe(403);
    const me = await s.query<{ role: string }>("me.get");
    expect(me.data?.role).toBe("viewer");
  });

  it("passes zod field messages to the client", async () => {
    const r = await admin.mutation("admin.createUser", { email: "not-an-email", role: "viewer", password: "short" });
    expect(r.status).toBe(400);
    const fields = (r.error?.zodError as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(fields.email?.[0]).toBe("Enter a valid email");
    expect(fields.password?.[0]).toBe("Use at least 10 characters");
  });

  it("lets a user change their own password and time zone", async () => {
    const u = await createUser("self@grio.local", "viewer");
    const s = await grio.signIn(u.email, u.password);
    expect((await s.mutation("me.setTimeZone", { timeZone: "Africa/Kampala" })).status).toBe(200);
    expect((await s.query<{ timeZone: string }>("me.get")).data?.timeZone).toBe("Africa/Kampala");
    const wrong = await s.mutation("me.changePassword", { current: "nope", next: "another-good-password" });
    expect(wrong.status).toBe(400);
    expect((await s.mutation("me.changePassword", { current: u.password, next: "another-good-password" })).status).toBe(200);
    expect((await new HttpSession(grio.url).trySignIn(u.email, "another-good-password")).ok).toBe(true);
  });
});

describe("API tokens", () => {
  it("works as Bearer wherever a session does, is attributed in the audit log, and stops working when revoked", async () => {
    const created = await admin.mutation<{ id: string; secret: string }>("admin.createToken", { name: "ci-provisioning", role: "admin", expiresInDays: 1 });
    expect(created.status).toBe(200);
    const { id, secret } = created.data!;
    const listed = await admin.query<Array<{ id: string }>>("admin.listTokens");
    expect(JSON.stringify(listed.raw)).not.toContain(secret);

    const bot = grio.withToken(secret);
    const me = await bot.query<{ kind: string; role: string }>("me.get");
    expect(me.data).toMatchObject({ kind: "token", role: "admin" });
    expect((await bot.mutation("admin.createUser", { email: "by-token@grio.local", role: "viewer", password: "a-good-password" })).status).toBe(200);
    const csv = await bot.get("/api/audit/export?action=user.create");
    expect(csv.status).toBe(200);

    const rows = await auditRows({ action: "user.create", target: "by-token@grio.local" });
    expect(rows[0]).toMatchObject({ actorKind: "token", actorName: "token:ci-provisioning", status: "succeeded" });

    expect((await admin.mutation("admin.revokeToken", { id })).status).toBe(200);
    expect((await bot.query("me.get")).status).toBe(401);
    expect((await grio.withToken("grio_not-a-real-token").query("me.get")).status).toBe(401);
  });

  it("a viewer token cannot act", async () => {
    const { secret } = (await admin.mutation<{ secret: string }>("admin.createToken", { name: "ministry-report", role: "viewer", expiresInDays: 1 })).data!;
    const r = await grio.withToken(secret).mutation("admin.createUser", { email: "x@grio.local", role: "viewer", password: "a-good-password" });
    expect(r.status).toBe(403);
  });
});

describe("sign-in rate limit", () => {
  it("refuses the 6th attempt on an account with 429, even with the right password, and audits it", async () => {
    const u = await createUser("target@grio.local", "viewer");
    const s = new HttpSession(grio.url);
    for (let i = 0; i < 5; i++) {
      const r = await s.trySignIn(u.email, `wrong-${i}`, { "x-forwarded-for": `198.51.100.${10 + i}` });
      expect(r.status).toBe(302);
      expect(r.ok).toBe(false);
    }
    const sixth = await s.trySignIn(u.email, u.password, { "x-forwarded-for": "198.51.100.20" });
    expect(sixth.status).toBe(429);
    expect(JSON.parse(sixth.body)).toMatchObject({ error: "RateLimited" });
    const rows = await auditRows({ action: "auth.sign-in", target: u.email });
    expect(rows.filter((r) => r.status === "failed")).toHaveLength(5);
    expect(rows.filter((r) => r.status === "denied")).toHaveLength(1);
    expect(rows.find((r) => r.status === "failed")?.parameters?.ip).toMatch(/^198\.51\.100\./);
  });

  it("refuses a client IP after 5 failures on different accounts", async () => {
    const s = new HttpSession(grio.url);
    const ip = { "x-forwarded-for": "198.51.100.99" };
    for (let i = 0; i < 5; i++) expect((await s.trySignIn(`nobody-${i}@grio.local`, "wrong", ip)).status).toBe(302);
    expect((await s.trySignIn(DEMO.operator, "grio-demo", ip)).status).toBe(429);
    // another client is not affected
    expect((await new HttpSession(grio.url).trySignIn(DEMO.operator, "grio-demo", { "x-forwarded-for": "198.51.100.100" })).ok).toBe(true);
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    // connect from 127.0.0.2 (not in TRUSTED_PROXIES) and claim to be someone else
    const csrf = await rawRequest("GET", "/api/auth/csrf", undefined, {});
    const token = (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken;
    const form = new URLSearchParams({ csrfToken: token, email: "spoofer@grio.local", password: "wrong", callbackUrl: `${grio.url}/overview` });
    const res = await rawRequest("POST", "/api/auth/callback/credentials", form.toString(), {
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": "203.0.113.77",
      cookie: csrf.cookies,
    });
    expect(res.status).toBe(302);
    const rows = await auditRows({ action: "auth.sign-in", target: "spoofer@grio.local" });
    expect(rows[0]?.parameters?.ip).toBe("127.0.0.2");
  });
});

function rawRequest(method: string, path: string, body: string | undefined, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; cookies: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: grio.port, path, method, headers, localAddress: "127.0.0.2" }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: text,
          cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; "),
        }),
      );
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}
