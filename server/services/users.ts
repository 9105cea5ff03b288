import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type Role, type TimeZonePreference } from "@/db/schema";
import { DomainError } from "@/server/api/errors";
import { hashPassword } from "./passwords";

export type UserRow = typeof users.$inferSelect;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, normalizeEmail(email))).limit(1);
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** The columns a request's principal needs (never the password hash): read on every request. */
export async function findPrincipalUser(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, timeZone: users.timeZone, disabled: users.disabled })
    .from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

export async function createUser(
  db: Db,
  input: { email: string; name?: string; password?: string; role: Role; source?: string },
): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  if (await findUserByEmail(db, email)) throw new DomainError("CONFLICT", `A user with the email ${email} already exists.`);
  const [row] = await db
    .insert(users)
    .values({
      email,
      name: input.name?.trim() || email.split("@")[0] || email,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      role: input.role,
      source: input.source ?? "credentials",
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateUser(
  db: Db,
  id: string,
  patch: Partial<{ role: Role; disabled: boolean; timeZone: TimeZonePreference; passwordHash: string | null; name: string }>,
): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw new DomainError("NOT_FOUND", "No such user.");
  return row;
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and not ${users.disabled}`);
  return row?.n ?? 0;
}
