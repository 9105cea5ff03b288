import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { UpstreamError } from "@/server/adapters/errors";
import { DomainError } from "@/server/api/errors";
import { countAction } from "@/server/observability/metrics";
import { beginAction, completeAction, findActionByIdempotencyKey, type AuditContext } from "@/server/services/audit";
import { getDb } from "@/server/db";

/**
 * The audit envelope every action runs in:
 * 1. refuse when a different action on the same object is still running;
 * 2. write the `pending` row (with the dialog's idempotency key) BEFORE any upstream call — the
 *    unique key in the database makes a second submission (double click, retry, another replica)
 *    return the first attempt's outcome instead of acting twice;
 * 3. run the action, then complete the row `succeeded` / `failed` with the error sentence.
 */
export interface ActionRequest {
  /** e.g. "deployment.rollback" */
  action: string;
  /** "cluster/namespace/kind/name" */
  target: string;
  parameters: Record<string, unknown>;
  reason?: string | null;
  idempotencyKey: string;
  timeLimitMs: number;
}

export type ActionOutcome<T> =
  | { auditId: string; status: "succeeded"; message: string; data: T; duplicate: false }
  | { auditId: string; status: "failed"; message: string; duplicate: false }
  | { auditId: string; status: "succeeded" | "failed" | "pending"; message: string; duplicate: true };

export function actionTarget(cluster: string, namespace: string | null, kind: string, name: string): string {
  return [cluster, namespace ?? "-", kind.toLowerCase(), name].join("/");
}

/** A plain sentence for any failure (never a stack trace). */
export function errorSentence(e: unknown): string {
  if (e instanceof UpstreamError) return e.sentence;
  if (e instanceof DomainError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

async function runningActionOn(db: Db, target: string, key: string, now: Date) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.target, target),
        eq(auditEvents.status, "pending"),
        or(ne(auditEvents.idempotencyKey, key), isNull(auditEvents.idempotencyKey)),
      ),
    );
  return rows.find((r) => r.timeLimitMs === null || r.startedAt.getTime() + r.timeLimitMs > now.getTime());
}

async function firstOutcome(key: string, action: string) {
  const row = await findActionByIdempotencyKey(key);
  if (!row) return undefined;
  if (row.action !== action) {
    throw new DomainError("CONFLICT", `This confirmation was already used for "${row.action}" on ${row.target}; open the dialog again.`);
  }
  const status: "pending" | "succeeded" | "failed" =
    row.status === "pending" ? "pending" : row.status === "succeeded" ? "succeeded" : "failed";
  const message =
    status === "pending"
      ? "Already submitted; the first attempt is still running."
      : status === "succeeded"
        ? "Already done by the first submission of this confirmation."
        : (row.error ?? "The first submission of this confirmation failed.");
  return { auditId: row.id, status, message, duplicate: true as const };
}

export async function runAction<T>(
  ctx: AuditContext,
  req: ActionRequest,
  perform: () => Promise<{ message: string; data: T }>,
): Promise<ActionOutcome<T>> {
  const earlier = await firstOutcome(req.idempotencyKey, req.action);
  if (earlier) {
    countAction(req.action, "duplicate");
    return earlier;
  }
  let auditId: string;
  try {
    // One object, one action at a time — on every replica: the check and the pending row are made
    // under a transaction-scoped advisory lock on the target.
    const db = await getDb();
    auditId = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${req.target}))`);
      const running = await runningActionOn(tx, req.target, req.idempotencyKey, new Date());
      if (running) {
        countAction(req.action, "refused");
        throw new DomainError(
          "CONFLICT",
          `Another action (${running.action} by ${running.actorName}) is still running on ${req.target}; wait for it to finish.`,
        );
      }
      return beginAction(ctx, { ...req, reason: req.reason ?? null }, tx);
    });
  } catch (e) {
    // lost the race on the unique idempotency key to another request or replica
    const raced = e instanceof DomainError && e.code === "CONFLICT" ? await firstOutcome(req.idempotencyKey, req.action) : undefined;
    if (raced) {
      countAction(req.action, "duplicate");
      return raced;
    }
    throw e;
  }
  try {
    const { message, data } = await perform();
    await completeAction(auditId, { status: "succeeded" });
    countAction(req.action, "succeeded");
    return { auditId, status: "succeeded", message, data, duplicate: false };
  } catch (e) {
    const message = errorSentence(e);
    await completeAction(auditId, { status: "failed", error: message });
    countAction(req.action, "failed");
    return { auditId, status: "failed", message, duplicate: false };
  }
}
