import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const AUDIT_STATUSES = ["pending", "succeeded", "failed", "denied"] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/**
 * Audit history: never deleted or rewritten. The only change a row may see is its one status
 * transition from `pending` to a final status (server/services/audit.ts).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** "user" | "token" | "anonymous" | "system" */
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    /** email for users, token name for tokens, typed email for failed sign-ins */
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    target: text("target").notNull(),
    parameters: jsonb("parameters").$type<Record<string, unknown>>(),
    reason: text("reason"),
    status: text("status").$type<AuditStatus>().notNull(),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** a pending row older than this is shown as `interrupted` */
    timeLimitMs: integer("time_limit_ms"),
    requestId: text("request_id"),
    idempotencyKey: text("idempotency_key").unique(),
  },
  (t) => [
    index("audit_events_started_at").on(t.startedAt),
    index("audit_events_action").on(t.action),
    index("audit_events_actor_name").on(t.actorName),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
