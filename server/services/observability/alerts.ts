/**
 * The Alerts page in one call: our thresholds evaluated now, Prometheus' own alerts and rule
 * groups, Alertmanager's alerts (who is notified) and silences. Each source may fail alone; its
 * error is returned beside whatever the others gave.
 */
import type { Db } from "@/db/client";
import { toSourceError, type SourceError } from "@/server/adapters/errors";
import { prometheusFromEnv, PROMETHEUS_NOT_CONFIGURED, type PrometheusClient, type PromAlert, type PromRuleGroup } from "@/server/adapters/prometheus";
import { alertmanagerFromEnv, requireAlertmanager, type AlertmanagerClient, type AmAlert, type AmMatcher, type AmSilence } from "@/server/adapters/alertmanager";
import { DomainError } from "@/server/api/errors";
import { beginAction, completeAction, type AuditContext } from "@/server/services/audit";
import { evaluateThresholds, listThresholds, type ThresholdView } from "./thresholds";

export interface AlertsOverview {
  thresholds: ThresholdView[];
  prometheus: { configured: boolean; alerts: PromAlert[]; ruleGroups: PromRuleGroup[] };
  alertmanager: { configured: boolean; alerts: AmAlert[]; silences: AmSilence[] };
  errors: SourceError[];
  evaluatedAt: number;
}

async function settle<T>(p: Promise<T>, errors: SourceError[], source: SourceError["source"]): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    const err = toSourceError(e, source);
    if (!errors.some((x) => x.source === err.source && x.message === err.message)) errors.push(err);
    return null;
  }
}

/** The configured sources (tests pass their own). */
export interface AlertSources {
  prometheus: PrometheusClient | null;
  alertmanager: AlertmanagerClient | null;
}
const sourcesFromEnv = (): AlertSources => ({ prometheus: prometheusFromEnv(), alertmanager: alertmanagerFromEnv() });

export async function alertsOverview(db: Db, now: number, sources: AlertSources = sourcesFromEnv()): Promise<AlertsOverview> {
  const errors: SourceError[] = [];
  const prom = sources.prometheus;
  const am = sources.alertmanager;
  let thresholds: ThresholdView[];
  let promAlerts: PromAlert[] | null = null;
  let groups: PromRuleGroup[] | null = null;
  if (prom) {
    // readiness first: when Prometheus is down, say so once instead of once per threshold
    const reachable = (await settle(prom.ready().then(() => true), errors, "prometheus")) === true;
    if (reachable) {
      [thresholds, promAlerts, groups] = await Promise.all([
        evaluateThresholds(db, prom, now),
        settle(prom.alerts(), errors, "prometheus"),
        settle(prom.rules(), errors, "prometheus"),
      ]);
    } else {
      const error = errors[0]!;
      thresholds = (await listThresholds(db)).map((t) => ({ ...t, evaluation: null, error }));
    }
  } else {
    const error: SourceError = { source: "prometheus", message: `Prometheus is ${PROMETHEUS_NOT_CONFIGURED}` };
    errors.push(error);
    thresholds = (await listThresholds(db)).map((t) => ({ ...t, evaluation: null, error }));
  }
  let amAlerts: AmAlert[] | null = null;
  let silences: AmSilence[] | null = null;
  if (am) {
    [amAlerts, silences] = await Promise.all([settle(am.alerts(), errors, "alertmanager"), settle(am.silences(), errors, "alertmanager")]);
  }
  return {
    thresholds,
    prometheus: { configured: !!prom, alerts: promAlerts ?? [], ruleGroups: groups ?? [] },
    alertmanager: {
      configured: !!am,
      alerts: amAlerts ?? [],
      silences: (silences ?? []).sort((a, b) => (a.state === b.state ? b.startsAt.localeCompare(a.startsAt) : a.state === "active" ? -1 : 1)),
    },
    errors,
    evaluatedAt: now,
  };
}

/** A short count for the overview card. */
export async function alertsSummary(db: Db, now: number, sources?: AlertSources) {
  const o = await alertsOverview(db, now, sources);
  const count = (s: string) => o.thresholds.filter((t) => t.evaluation?.state === s).length;
  return {
    firing: count("firing"),
    pending: count("pending"),
    ok: count("ok"),
    unknown: o.thresholds.filter((t) => !t.evaluation).length,
    firingTitles: o.thresholds.filter((t) => t.evaluation?.state === "firing").map((t) => ({ id: t.id, title: t.title, action: t.action })),
    prometheusFiring: o.prometheus.alerts.filter((a) => a.state === "firing").length,
    activeSilences: o.alertmanager.silences.filter((s) => s.state === "active").length,
    errors: o.errors,
  };
}

export async function createSilence(
  db: Db,
  ctx: AuditContext & { principal: { email: string | null; name: string } | null },
  input: { matchers: AmMatcher[]; durationMinutes: number; comment: string },
  now: number,
  am: AlertmanagerClient = requireAlertmanager(),
): Promise<{ silenceId: string; endsAt: string }> {
  if (input.matchers.length === 0) throw new DomainError("BAD_REQUEST", "A silence needs at least one matcher (e.g. alertname).");
  const startsAt = new Date(now);
  const endsAt = new Date(now + input.durationMinutes * 60_000);
  const createdBy = ctx.principal?.email ?? ctx.principal?.name ?? "grio-ops";
  const target = `silence/${input.matchers.map((m) => `${m.name}${m.isRegex ? "=~" : "="}${m.value}`).join(",")}`;
  const auditId = await beginAction(
    ctx,
    { action: "alertmanager.silence.create", target, parameters: { matchers: input.matchers, durationMinutes: input.durationMinutes, endsAt: endsAt.toISOString() }, reason: input.comment, timeLimitMs: 15_000 },
    db,
  );
  try {
    const silenceId = await am.createSilence({ matchers: input.matchers, startsAt, endsAt, createdBy, comment: input.comment });
    await completeAction(auditId, { status: "succeeded" }, db);
    return { silenceId, endsAt: endsAt.toISOString() };
  } catch (e) {
    await completeAction(auditId, { status: "failed", error: e instanceof Error ? e.message : String(e) }, db);
    throw e;
  }
}

export async function expireSilence(
  db: Db,
  ctx: AuditContext,
  input: { silenceId: string; reason?: string },
  am: AlertmanagerClient = requireAlertmanager(),
): Promise<void> {
  const auditId = await beginAction(
    ctx,
    { action: "alertmanager.silence.expire", target: `silence/${input.silenceId}`, parameters: { silenceId: input.silenceId }, reason: input.reason ?? null, timeLimitMs: 15_000 },
    db,
  );
  try {
    await am.expireSilence(input.silenceId);
    await completeAction(auditId, { status: "succeeded" }, db);
  } catch (e) {
    await completeAction(auditId, { status: "failed", error: e instanceof Error ? e.message : String(e) }, db);
    throw e;
  }
}
