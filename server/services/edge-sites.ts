import { randomBytes } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { edgeSites } from "@/db/schema";
import { DomainError } from "@/server/api/errors";
import { hashToken } from "@/server/services/tokens";
import type { SiteInput } from "@/lib/domain/edge/heartbeat";

/** Site tokens look like `gsite_<32 random bytes, base64url>`; only their sha256 is stored. */
const SITE_TOKEN_PREFIX = "gsite_";

export type EdgeSiteRow = typeof edgeSites.$inferSelect;

function newSiteToken(): { token: string; hash: string; prefix: string } {
  const token = SITE_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, SITE_TOKEN_PREFIX.length + 4) };
}

/** Registers a site; returns its token once. CONFLICT when the id exists. */
export async function createEdgeSite(db: Db, input: SiteInput, createdBy: string | null, now = new Date()): Promise<{ siteId: string; token: string }> {
  const t = newSiteToken();
  const rows = await db
    .insert(edgeSites)
    .values({
      id: input.id, name: input.name, district: input.district, syncInterval: input.syncInterval,
      nodeName: input.nodeName ?? null, tokenHash: t.hash, tokenPrefix: t.prefix, tokenCreatedAt: now, createdBy, createdAt: now,
    })
    .onConflictDoNothing({ target: edgeSites.id })
    .returning({ id: edgeSites.id });
  if (rows.length === 0) throw new DomainError("CONFLICT", `A site with id "${input.id}" already exists.`);
  return { siteId: input.id, token: t.token };
}

/** The site whose live (not revoked) token this is. */
export async function siteForToken(db: Db, token: string): Promise<EdgeSiteRow | undefined> {
  if (!token.startsWith(SITE_TOKEN_PREFIX) || token.length > 200) return undefined;
  const [row] = await db
    .select()
    .from(edgeSites)
    .where(and(eq(edgeSites.tokenHash, hashToken(token)), isNull(edgeSites.tokenRevokedAt)))
    .limit(1);
  return row;
}

/** A new token for the site (the old one stops working at once); returned once. */
export async function rotateSiteToken(db: Db, siteId: string, now = new Date()): Promise<{ siteId: string; token: string }> {
  const t = newSiteToken();
  const rows = await db
    .update(edgeSites)
    .set({ tokenHash: t.hash, tokenPrefix: t.prefix, tokenRotatedAt: now, tokenRevokedAt: null })
    .where(eq(edgeSites.id, siteId))
    .returning({ id: edgeSites.id });
  if (rows.length === 0) throw new DomainError("NOT_FOUND", `No site "${siteId}".`);
  return { siteId, token: t.token };
}

export async function revokeSiteToken(db: Db, siteId: string, now = new Date()): Promise<void> {
  const rows = await db
    .update(edgeSites)
    .set({ tokenRevokedAt: sql`coalesce(${edgeSites.tokenRevokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(edgeSites.id, siteId))
    .returning({ id: edgeSites.id });
  if (rows.length === 0) throw new DomainError("NOT_FOUND", `No site "${siteId}".`);
}

export async function listEdgeSites(db: Db): Promise<EdgeSiteRow[]> {
  return db.select().from(edgeSites).orderBy(asc(edgeSites.district), asc(edgeSites.id));
}

export async function updateEdgeSite(db: Db, siteId: string, patch: Partial<Pick<SiteInput, "name" | "district" | "syncInterval" | "nodeName">>): Promise<void> {
  const rows = await db
    .update(edgeSites)
    .set({ ...patch, nodeName: patch.nodeName === undefined ? undefined : patch.nodeName || null })
    .where(eq(edgeSites.id, siteId))
    .returning({ id: edgeSites.id });
  if (rows.length === 0) throw new DomainError("NOT_FOUND", `No site "${siteId}".`);
}
