import { and, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInFailures } from "@/db/schema";
import { SIGN_IN_WINDOW_MS, signInVerdict, type SignInLimitVerdict } from "@/lib/domain/sign-in-limits";

/** Failures are kept in the database so every replica counts the same attempts. */
export async function signInLimit(db: Db, who: { email: string; ip: string }, now = new Date()): Promise<SignInLimitVerdict> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const rows = await db
    .select({ key: signInFailures.key, n: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(and(sql`${signInFailures.key} in (${accountKey(who.email)}, ${ipKey(who.ip)})`, gt(signInFailures.at, since)))
    .groupBy(signInFailures.key);
  const count = (key: string) => rows.find((r) => r.key === key)?.n ?? 0;
  return signInVerdict({ account: count(accountKey(who.email)), ip: count(ipKey(who.ip)) });
}

export async function recordSignInFailure(db: Db, who: { email: string; ip: string }, now = new Date()): Promise<void> {
  await db.insert(signInFailures).values([
    { key: accountKey(who.email), at: now },
    { key: ipKey(who.ip), at: now },
  ]);
  // keep the table small: old failures no longer count
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 10 * SIGN_IN_WINDOW_MS)));
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
