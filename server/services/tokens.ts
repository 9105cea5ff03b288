import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, type Role } from "@/db/schema";
import { DomainError } from "@/server/api/errors";

const PREFIX = "grio_";

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Creates a token; the secret is returned once and only its sha256 is stored. */
export async function createApiToken(
  db: Db,
  input: { name: string; role: Role; expiresAt: Date; createdBy: string | null },
  now = new Date(),
): Promise<{ token: ApiTokenRow; secret: string }> {
  if (input.expiresAt.getTime() <= now.getTime()) throw new DomainError("BAD_REQUEST", "The expiry must be in the future.");
  const secret = PREFIX + randomBytes(24).toString("base64url");
  const [token] = await db
    .insert(apiTokens)
    .values({
      name: input.name.trim(),
      role: input.role,
      expiresAt: input.expiresAt,
      createdBy: input.createdBy,
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, PREFIX.length + 4),
    })
    .returning();
  return { token: token!, secret };
}

/** The token for a presented secret, if it exists, is not revoked and has not expired. Counts the use. */
export async function redeemApiToken(db: Db, secret: string, now = new Date()): Promise<ApiTokenRow | undefined> {
  if (!secret.startsWith(PREFIX) || secret.length > 200) return undefined;
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: now, useCount: sql`${apiTokens.useCount} + 1` })
    .where(and(eq(apiTokens.tokenHash, hashToken(secret)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)))
    .returning();
  return row;
}

export async function listApiTokens(db: Db): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, id: string, now = new Date()): Promise<ApiTokenRow> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw new DomainError("NOT_FOUND", "No such active token.");
  return row;
}
