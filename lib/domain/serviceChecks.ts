/**
 * Service checks (the seed's "production health check", made continuous): judging one probe's
 * answer, and availability over a window against the 99.5 % production SLA. Pure.
 */
export const PRODUCTION_SLA_PERCENT = 99.5;
export const RESULT_RETENTION_DAYS = 30;

export type ServiceCheckKind = "http-json-status" | "http" | "prometheus-query";

export interface ProbeVerdict {
  up: boolean;
  detail: string;
}

/** An HTTP answer → up/down. `http-json-status` wants 2xx and `{"status": "ok"}` (the Django health endpoint). */
export function judgeHttpAnswer(kind: "http-json-status" | "http", status: number, body: string): ProbeVerdict {
  if (status < 200 || status >= 300) return { up: false, detail: `HTTP ${status}${body ? `: ${body.slice(0, 120)}` : ""}` };
  if (kind === "http") return { up: true, detail: `HTTP ${status}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { up: false, detail: `HTTP ${status} but the body is not JSON: ${body.slice(0, 80)}` };
  }
  const s = (parsed as { status?: unknown } | null)?.status;
  return s === "ok"
    ? { up: true, detail: 'HTTP 200 {"status": "ok"}'.replace("200", String(status)) }
    : { up: false, detail: `status is ${JSON.stringify(s ?? null)}, expected "ok"` };
}

/** A PromQL check (e.g. `pg_up`): up when it returns samples and every one is non-zero. */
export function judgePromSamples(samples: number[]): ProbeVerdict {
  if (samples.length === 0) return { up: false, detail: "the query returned no samples" };
  const zero = samples.filter((v) => !(v !== 0 && Number.isFinite(v))).length;
  return zero === 0
    ? { up: true, detail: `${samples.length} sample(s), all up` }
    : { up: false, detail: `${zero} of ${samples.length} sample(s) report down` };
}

export interface CheckResult {
  /** epoch ms */
  checkedAt: number;
  up: boolean;
  latencyMs: number | null;
  detail?: string;
}

export interface ServiceCheckSummary {
  up: boolean | null;
  latencyMs: number | null;
  detail: string | null;
  lastCheckedAt: number | null;
  /** when the current up/down state began, as far as the kept results show */
  lastChangeAt: number | null;
  /** percentage of probes that were up within the window; null without results */
  availabilityPercent: number | null;
  checks: number;
  slaPercent: number;
  meetsSla: boolean | null;
}

/** Summarises results (any order) within [now − windowMs, now]. */
export function summariseChecks(results: readonly CheckResult[], opts: { now: number; windowMs: number; production: boolean }): ServiceCheckSummary {
  const inWindow = results
    .filter((r) => r.checkedAt <= opts.now && r.checkedAt >= opts.now - opts.windowMs)
    .sort((a, b) => a.checkedAt - b.checkedAt);
  const last = inWindow[inWindow.length - 1];
  let lastChangeAt: number | null = null;
  if (last) {
    lastChangeAt = inWindow[0]!.checkedAt;
    for (let i = inWindow.length - 1; i > 0; i--) {
      if (inWindow[i - 1]!.up !== last.up) {
        lastChangeAt = inWindow[i]!.checkedAt;
        break;
      }
    }
  }
  const { availabilityPercent, meetsSla } = availabilityVerdict(inWindow.filter((r) => r.up).length, inWindow.length, opts.production);
  return {
    up: last ? last.up : null,
    latencyMs: last?.latencyMs ?? null,
    detail: last?.detail ?? null,
    lastCheckedAt: last?.checkedAt ?? null,
    lastChangeAt,
    availabilityPercent,
    checks: inWindow.length,
    slaPercent: PRODUCTION_SLA_PERCENT,
    meetsSla,
  };
}

/** Share of probes that were up, and whether a production service meets the 99.5 % SLA. */
export function availabilityVerdict(upCount: number, total: number, production: boolean): { availabilityPercent: number | null; meetsSla: boolean | null } {
  const availabilityPercent = total > 0 ? (100 * upCount) / total : null;
  return { availabilityPercent, meetsSla: availabilityPercent === null || !production ? null : availabilityPercent >= PRODUCTION_SLA_PERCENT };
}

/** The time slot a probe round belongs to: replicas that agree on the slot probe it once. */
export function probeSlot(now: number, intervalMs: number): number {
  return Math.floor(now / intervalMs);
}

/** Results older than this are pruned. */
export function retentionCutoff(now: number): number {
  return now - RESULT_RETENTION_DAYS * 86_400_000;
}
