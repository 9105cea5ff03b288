import type { Db } from "@/db/client";
import { env } from "@/server/config";
import { getDb } from "@/server/db";
import { redeemApiToken } from "@/server/services/tokens";
import { findPrincipalUser } from "@/server/services/users";
import type { Principal } from "./principal";
import { sessionUserId } from "./session-token";

export const SESSION_COOKIE = "next-auth.session-token";
export const SECURE_SESSION_COOKIE = "__Secure-next-auth.session-token";

/** Cookie header → name/value map (no decoding surprises: values are used as sent). */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

/** The session JWT from cookies, joining next-auth's chunks (`name.0`, `name.1`, …). */
export function sessionTokenFromCookies(cookies: Map<string, string>): string | undefined {
  for (const base of [SECURE_SESSION_COOKIE, SESSION_COOKIE]) {
    if (cookies.has(base)) return cookies.get(base);
    const chunks = [...cookies.keys()]
      .filter((k) => k.startsWith(`${base}.`))
      .sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
    if (chunks.length) return chunks.map((k) => cookies.get(k)).join("");
  }
  return undefined;
}

/**
 * Who is calling, re-read from the database on every request: a disabled or demoted user loses
 * access at their next request, not when their JWT expires. `Authorization: Bearer <api token>`
 * works wherever a session does.
 */
export async function principalFromHeaders(headers: Headers, db?: Db): Promise<Principal | null> {
  const d = db ?? (await getDb());
  const auth = headers.get("authorization");
  if (auth && /^bearer\s+/i.test(auth)) {
    const token = await redeemApiToken(d, auth.replace(/^bearer\s+/i, "").trim());
    if (!token) return null;
    return { kind: "token", id: token.id, email: null, name: `token:${token.name}`, role: token.role, timeZone: "UTC" };
  }
  const raw = sessionTokenFromCookies(parseCookies(headers.get("cookie")));
  if (!raw) return null;
  const userId = await sessionUserId(raw, env().NEXTAUTH_SECRET); // undefined: tampered, expired or another secret
  if (!userId) return null;
  const user = await findPrincipalUser(d, userId);
  if (!user || user.disabled) return null;
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role, timeZone: user.timeZone };
}
