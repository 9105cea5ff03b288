import { decode } from "next-auth/jwt";

/**
 * The user id inside a next-auth session JWT, or undefined when the token is tampered with, expired or
 * signed with another secret.
 *
 * Decrypting costs a key derivation (HKDF) and an AES-GCM decryption on every request; a session
 * token is immutable, so its verified `sub` and `exp` are remembered by the exact token string (and
 * secret). Only the cryptographic check is remembered: expiry is re-checked on every call (with
 * next-auth's 15 s clock tolerance), and the caller still reads the user row from the database on
 * every request, so a disabled or demoted user loses access at their next request as before.
 */
const CLOCK_TOLERANCE_S = 15;
const MAX_ENTRIES = 2000;
const verified = new Map<string, { sub: string; exp: number }>();

export async function sessionUserId(raw: string, secret: string, nowMs = Date.now()): Promise<string | undefined> {
  const key = `${secret}\u0000${raw}`;
  const hit = verified.get(key);
  if (hit) {
    if (hit.exp + CLOCK_TOLERANCE_S > nowMs / 1000) return hit.sub;
    verified.delete(key);
    return undefined;
  }
  let jwt: Awaited<ReturnType<typeof decode>>;
  try {
    jwt = await decode({ token: raw, secret });
  } catch {
    return undefined;
  }
  const sub = typeof jwt?.sub === "string" ? jwt.sub : undefined;
  if (!sub || typeof jwt?.exp !== "number") return sub;
  if (jwt.exp + CLOCK_TOLERANCE_S <= nowMs / 1000) return undefined;
  if (verified.size >= MAX_ENTRIES) verified.delete(verified.keys().next().value!);
  verified.set(key, { sub, exp: jwt.exp });
  return sub;
}
