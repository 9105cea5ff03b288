import { and, desc, gte, ilike, lt, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditEvents, type AuditEventRow } from "@/db/schema";
import { displayStatus, type AuditDisplayStatus } from "@/lib/domain/audit";

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.string().trim().max(200).optional(),
  target: z.string().trim().max(300).optional(),
  status: z.enum(["pending", "succeeded", "failed", "denied", "interrupted"]).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** startedAt of the last row of the previous page */
  before: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(5000).default(100),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export type AuditEventView = AuditEventRow & { displayStatus: AuditDisplayStatus };

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listAuditEvents(db: Db, input: AuditFilter, now = new Date()): Promise<AuditEventView[]> {
  const f = auditFilterSchema.parse(input);
  const where: SQL[] = [];
  if (f.actor) where.push(ilike(auditEvents.actorName, like(f.actor)));
  if (f.action) where.push(ilike(auditEvents.action, like(f.action)));
  if (f.target) where.push(ilike(auditEvents.target, like(f.target)));
  if (f.from) where.push(gte(auditEvents.startedAt, f.from));
  if (f.to) where.push(lte(auditEvents.startedAt, f.to));
  if (f.before) where.push(lt(auditEvents.startedAt, f.before));
  const expired = sql`(${auditEvents.timeLimitMs} is not null and ${auditEvents.startedAt} + ${auditEvents.timeLimitMs} * interval '1 millisecond' < ${now.toISOString()}::timestamptz)`;
  if (f.status === "interrupted") where.push(sql`${auditEvents.status} = 'pending' and ${expired}`);
  else if (f.status === "pending") where.push(sql`${auditEvents.status} = 'pending' and not ${expired}`);
  else if (f.status) where.push(sql`${auditEvents.status} = ${f.status}`);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.startedAt))
    .limit(f.limit);
  return rows.map((r) => ({ ...r, displayStatus: displayStatus(r, now) }));
}
