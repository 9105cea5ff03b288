/**
 * Alert thresholds: stored (seeded with the seed's four rules), evaluated against Prometheus now,
 * edited by admins (query checked by Prometheus first, old and new values audited), exported.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertThresholds } from "@/db/schema";
import { DomainError } from "@/server/api/errors";
import { toSourceError, type SourceError } from "@/server/adapters/errors";
import type { PrometheusClient } from "@/server/adapters/prometheus";
import { beginAction, completeAction, type AuditContext } from "@/server/services/audit";
import { SEED_THRESHOLDS } from "@/lib/domain/seedThresholds";
import {
  evaluateThreshold,
  evaluationWindow,
  type AlertThreshold,
  type Comparison,
  type Severity,
  type ThresholdEdit,
  type ThresholdEvaluation,
} from "@/lib/domain/thresholds";
import { prometheusRuleYaml, rulesFileYaml } from "@/lib/domain/rulesExport";

export type StoredThreshold = AlertThreshold & { updatedAt: Date; updatedBy: string | null };

function toThreshold(r: typeof alertThresholds.$inferSelect): StoredThreshold {
  return { ...r, comparison: r.comparison as Comparison, severity: r.severity as Severity };
}

/** Every threshold, seeding the seed's four on first use (idempotent across replicas). */
export async function listThresholds(db: Db): Promise<StoredThreshold[]> {
  let rows = await db.select().from(alertThresholds).orderBy(asc(alertThresholds.id));
  if (rows.length === 0) {
    await db.insert(alertThresholds).values(SEED_THRESHOLDS.map((t) => ({ ...t }))).onConflictDoNothing();
    rows = await db.select().from(alertThresholds).orderBy(asc(alertThresholds.id));
  }
  const order = new Map(SEED_THRESHOLDS.map((t, i) => [t.id, i]));
  return rows.map(toThreshold).sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));
}

export type ThresholdView = StoredThreshold & { evaluation: ThresholdEvaluation | null; error: SourceError | null };

/** Each threshold with its live state; a failing query or Prometheus outage is reported per threshold. */
export async function evaluateThresholds(db: Db, prometheus: PrometheusClient, now: number): Promise<ThresholdView[]> {
  const thresholds = await listThresholds(db);
  return Promise.all(
    thresholds.map(async (t): Promise<ThresholdView> => {
      const w = evaluationWindow(t.forSeconds, now);
      try {
        const series = await prometheus.queryRange(t.query, w);
        return { ...t, evaluation: evaluateThreshold(t, series, { now: w.end, stepSeconds: w.stepSeconds, windowStart: w.start }), error: null };
      } catch (e) {
        return { ...t, evaluation: null, error: toSourceError(e, "prometheus") };
      }
    }),
  );
}

const AUDITED_FIELDS = ["query", "comparison", "threshold", "forSeconds", "severity"] as const;

/**
 * An admin's edit. The query must parse and evaluate in Prometheus (its message is returned as a
 * BAD_REQUEST otherwise). Audited as `alert-threshold.update` with old and new values.
 */
export async function updateThreshold(
  db: Db,
  ctx: AuditContext,
  prometheus: PrometheusClient,
  edit: ThresholdEdit,
): Promise<StoredThreshold> {
  const [current] = (await listThresholds(db)).filter((t) => t.id === edit.id);
  if (!current) throw new DomainError("NOT_FOUND", `There is no alert threshold "${edit.id}".`);
  const before = Object.fromEntries(AUDITED_FIELDS.map((f) => [f, current[f]]));
  const after = Object.fromEntries(AUDITED_FIELDS.map((f) => [f, edit[f]]));
  const changed = AUDITED_FIELDS.filter((f) => before[f] !== after[f]);
  if (changed.length === 0) return current;

  const auditId = await beginAction(
    ctx,
    { action: "alert-threshold.update", target: `alert-threshold/${edit.id}`, parameters: { before, after, changed }, timeLimitMs: 15_000 },
    db,
  );
  try {
    if (edit.query !== current.query) {
      const check = await prometheus.checkQuery(edit.query);
      if (!check.ok) throw new DomainError("BAD_REQUEST", `Prometheus refused the query: ${check.message}`);
    }
    const [row] = await db
      .update(alertThresholds)
      .set({ ...after, updatedAt: new Date(), updatedBy: ctx.principal?.id ?? null })
      .where(eq(alertThresholds.id, edit.id))
      .returning();
    await completeAction(auditId, { status: "succeeded" }, db);
    return toThreshold(row!);
  } catch (e) {
    await completeAction(auditId, { status: "failed", error: e instanceof Error ? e.message : String(e) }, db);
    throw e;
  }
}

export async function exportRules(db: Db, format: "rules" | "prometheusrule", namespace?: string): Promise<{ filename: string; content: string }> {
  const thresholds = await listThresholds(db);
  return format === "rules"
    ? { filename: "grio-ops-thresholds.rules.yml", content: rulesFileYaml(thresholds) }
    : { filename: "grio-ops-thresholds.prometheusrule.yaml", content: prometheusRuleYaml(thresholds, { namespace }) };
}
