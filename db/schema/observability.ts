import { bigint, bigserial, boolean, doublePrecision, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** The seed's critical-alert thresholds, made live: evaluated against Prometheus, exported as rules. */
export const alertThresholds = pgTable("alert_thresholds", {
  /** stable slug, e.g. "disk-usage" */
  id: text("id").primaryKey(),
  /** Prometheus alert name in the exported rules, e.g. "GrioDiskUsageHigh" */
  alertName: text("alert_name").notNull().unique(),
  title: text("title").notNull(),
  query: text("query").notNull(),
  /** ">" | ">=" | "<" | "<=" */
  comparison: text("comparison").notNull(),
  threshold: doublePrecision("threshold").notNull(),
  unit: text("unit").notNull(),
  forSeconds: integer("for_seconds").notNull(),
  /** "critical" | "warning" | "info" */
  severity: text("severity").notNull(),
  /** what on-call does, e.g. "Scale volume" */
  action: text("action").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  /** principal id of the last editor; null while seeded values are untouched */
  updatedBy: text("updated_by"),
});

/** One probe of one configured service check; kept 30 days (the prober prunes older rows). */
export const serviceCheckResults = pgTable(
  "service_check_results",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    name: text("name").notNull(),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
    up: boolean("up").notNull(),
    latencyMs: integer("latency_ms"),
    detail: text("detail"),
  },
  (t) => [index("service_check_results_name_checked_at_idx").on(t.name, t.checkedAt)],
);

/**
 * One row per probe round (time slot): the replica that inserts it probes that round, the others
 * skip it — several console replicas never probe twice.
 */
export const serviceCheckRounds = pgTable("service_check_rounds", {
  slot: bigint("slot", { mode: "number" }).primaryKey(),
  claimedBy: text("claimed_by").notNull(),
  claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull().defaultNow(),
});
