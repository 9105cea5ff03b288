import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, type AuditStatus } from "@/db/schema";
import { DomainError } from "@/server/api/errors";
import type { Principal } from "@/server/auth/principal";
import { getDb } from "@/server/db";

export { displayStatus } from "@/lib/domain/audit";

/** Who did it. Tokens are recorded as the token (kind "token", its name), never as their creator. */
export type AuditActor =
  | Pick<Principal, "kind" | "id" | "email" | "name" | "role">
  | { kind: "anonymous" | "system"; id: string | null; email: string | null; name: string; role: null };

export interface AuditContext {
  principal: AuditActor | null;
  requestId: string;
}

function actorColumns(ctx: AuditContext) {
  const p = ctx.principal;
  if (!p) return { actorKind: "anonymous", actorId: null, actorName: "anonymous", actorRole: null };
  return {
    actorKind: p.kind,
    actorId: p.id,
    actorName: p.kind === "user" ? (p.email ?? p.name) : p.name,
    actorRole: p.role,
  };
}

async function dbOf(db?: Db): Promise<Db> {
  return db ?? getDb();
}

/** An instant event (sign-in, role change, token created): written once with its final status. */
export async function recordEvent(
  ctx: AuditContext,
  event: { action: string; target: string; parameters?: Record<string, unknown>; reason?: string; status: Exclude<AuditStatus, "pending">; error?: string },
  db?: Db,
): Promise<string> {
  const d = await dbOf(db);
  const now = new Date();
  const [row] = await d
    .insert(auditEvents)
    .values({
      ...actorColumns(ctx),
      action: event.action,
      target: event.target,
      parameters: event.parameters ?? null,
      reason: event.reason ?? null,
      status: event.status,
      error: event.error ?? null,
      startedAt: now,
      finishedAt: now,
      requestId: ctx.requestId,
    })
    .returning({ id: auditEvents.id });
  return row!.id;
}

/**
 * Start of an action: a `pending` row written BEFORE the upstream call. With an idempotency key, a
 * second submission of the same action is refused (CONFLICT) instead of running twice.
 */
export async function beginAction(
  ctx: AuditContext,
  action: {
    action: string;
    target: string;
    parameters: Record<string, unknown>;
    reason?: string | null;
    idempotencyKey?: string;
    timeLimitMs: number;
  },
  db?: Db,
): Promise<string> {
  const d = await dbOf(db);
  const rows = await d
    .insert(auditEvents)
    .values({
      ...actorColumns(ctx),
      action: action.action,
      target: action.target,
      parameters: action.parameters,
      reason: action.reason ?? null,
      status: "pending",
      startedAt: new Date(),
      timeLimitMs: action.timeLimitMs,
      requestId: ctx.requestId,
      idempotencyKey: action.idempotencyKey ?? null,
    })
    .onConflictDoNothing({ target: auditEvents.idempotencyKey })
    .returning({ id: auditEvents.id });
  if (!rows[0]) throw new DomainError("CONFLICT", "This action was already submitted (same idempotency key); see the audit log for its outcome.");
  return rows[0].id;
}

/** The one transition a row may see: pending → succeeded | failed. A second completion is ignored. */
export async function completeAction(
  id: string,
  outcome: { status: "succeeded" | "failed"; error?: string },
  db?: Db,
): Promise<boolean> {
  const d = await dbOf(db);
  const rows = await d
    .update(auditEvents)
    .set({ status: outcome.status, error: outcome.error ?? null, finishedAt: new Date() })
    .where(and(eq(auditEvents.id, id), eq(auditEvents.status, "pending")))
    .returning({ id: auditEvents.id });
  return rows.length === 1;
}

/** The row for an idempotency key, if that action was already submitted. */
export async function findActionByIdempotencyKey(key: string, db?: Db) {
  const d = await dbOf(db);
  const [row] = await d.select().from(auditEvents).where(eq(auditEvents.idempotencyKey, key)).limit(1);
  return row;
}
