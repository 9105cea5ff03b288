import type { AuthOptions } from "next-auth";
import CredentialsImport from "next-auth/providers/credentials";
import { z } from "zod";
import { roleFromClaims } from "@/lib/domain/roles";
import { env } from "@/server/config";
import { getDb } from "@/server/db";
import { recordEvent } from "@/server/services/audit";
import { verifyPassword } from "@/server/services/passwords";
import { recordSignInFailure } from "@/server/services/sign-in-limits";
import { createUser, findUserByEmail, normalizeEmail, updateUser } from "@/server/services/users";
import { requestClientIp } from "./request-ip";

// next-auth v4 is CommonJS: outside Next/vitest (tsx scripts) the default export sits on `.default`.
const Credentials = ((CredentialsImport as unknown as { default?: typeof CredentialsImport }).default ??
  CredentialsImport) as typeof CredentialsImport;

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) });

const anonymous = (name: string, requestId: string) => ({
  principal: { kind: "anonymous" as const, id: null, email: null, name, role: null },
  requestId,
});

let cached: AuthOptions | undefined;

/** next-auth options, built at run time (never at build time: they read the validated env). */
export function authOptions(): AuthOptions {
  if (cached) return cached;
  const e = env();
  const providers: AuthOptions["providers"] = [
    Credentials({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const email = normalizeEmail(parsed.data.email);
        const ip = requestClientIp((req?.headers ?? {}) as Record<string, string>);
        const requestId = crypto.randomUUID();
        const db = await getDb();
        const user = await findUserByEmail(db, email);
        const ok = (await verifyPassword(parsed.data.password, user?.passwordHash)) && !!user && !user.disabled;
        if (!ok || !user) {
          await recordSignInFailure(db, { email, ip });
          await recordEvent(anonymous(email, requestId), {
            action: "auth.sign-in",
            target: email,
            parameters: { method: "credentials", ip },
            status: "failed",
            error: user?.disabled ? "account disabled" : "wrong email or password",
          }, db);
          return null;
        }
        await recordEvent(
          { principal: { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role }, requestId },
          { action: "auth.sign-in", target: user.email, parameters: { method: "credentials", ip }, status: "succeeded" },
          db,
        );
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: "Single sign-on",
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: Record<string, unknown>) {
        const email = typeof profile.email === "string" ? profile.email : "";
        return { id: String(profile.sub), email, name: String(profile.name ?? profile.preferred_username ?? email) };
      },
    });
  }
  cached = {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    jwt: { maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      /** OIDC: the role comes from the configured claim on every sign-in; no mapped role → refused. */
      async signIn({ account, profile, user }) {
        if (account?.provider !== "oidc") return true;
        const claims = (profile ?? {}) as Record<string, unknown>;
        const role = roleFromClaims(claims, e.OIDC_ROLES_CLAIM, e.OIDC_ROLE_MAP ?? {});
        const email = user.email ? normalizeEmail(user.email) : "";
        const requestId = crypto.randomUUID();
        const db = await getDb();
        if (!role || !email) {
          await recordEvent(anonymous(email || "unknown", requestId), {
            action: "auth.sign-in", target: email || "unknown", parameters: { method: "oidc" }, status: "denied",
            error: !email ? "no email claim" : `no role mapped from claim ${e.OIDC_ROLES_CLAIM}`,
          }, db);
          return "/signin?error=NoRole";
        }
        const existing = await findUserByEmail(db, email);
        const row = existing
          ? await updateUser(db, existing.id, { role })
          : await createUser(db, { email, name: user.name ?? email, role, source: "oidc" });
        if (row.disabled) return "/signin?error=Disabled";
        await recordEvent(
          { principal: { kind: "user", id: row.id, email: row.email, name: row.name, role: row.role }, requestId },
          { action: "auth.sign-in", target: row.email, parameters: { method: "oidc" }, status: "succeeded" },
          db,
        );
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account?.provider === "oidc" && user.email) {
          const row = await findUserByEmail(await getDb(), user.email);
          if (row) token.sub = row.id;
        } else if (user) {
          token.sub = user.id;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
  return cached;
}
