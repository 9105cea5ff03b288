/**
 * Continuous service checks: a loop in the server probes every SERVICE_CHECKS target each round,
 * stores results (30 days, older pruned), and summarises up/down, latency, last change and
 * availability against the 99.5 % SLA. A round is claimed in the database by time slot, so with
 * several replicas exactly one probes it.
 */
import os from "node:os";
import { and, desc, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { serviceCheckResults, serviceCheckRounds } from "@/db/schema";
import { env } from "@/server/config";
import { prometheusFromEnv, type PrometheusClient } from "@/server/adapters/prometheus";
import { probeService, type ServiceCheckTarget } from "@/server/adapters/serviceProbe";
import { availabilityVerdict, probeSlot, retentionCutoff, PRODUCTION_SLA_PERCENT } from "@/lib/domain/serviceChecks";
import { childLogger } from "@/server/observability/logger";

export const PROBE_INTERVAL_MS = 30_000;
const DAY = 86_400_000;
const log = childLogger({ component: "service-checks" });

export function configuredChecks(): ServiceCheckTarget[] {
  return env().SERVICE_CHECKS ?? [];
}

/** Probes every check once if this replica wins the round's slot; returns how many it probed. */
export async function runProbeRound(
  db: Db,
  opts: { now: number; checks?: ServiceCheckTarget[]; instanceId?: string; intervalMs?: number; prometheus?: PrometheusClient | null },
): Promise<{ claimed: boolean; probed: number }> {
  const checks = opts.checks ?? configuredChecks();
  if (checks.length === 0) return { claimed: false, probed: 0 };
  const slot = probeSlot(opts.now, opts.intervalMs ?? PROBE_INTERVAL_MS);
  const claimed = await db
    .insert(serviceCheckRounds)
    .values({ slot, claimedBy: opts.instanceId ?? `${os.hostname()}:${process.pid}` })
    .onConflictDoNothing()
    .returning({ slot: serviceCheckRounds.slot });
  if (claimed.length === 0) return { claimed: false, probed: 0 };

  const prometheus = opts.prometheus !== undefined ? opts.prometheus : prometheusFromEnv();
  const checkedAt = new Date(opts.now);
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        return { name: c.name, checkedAt, ...(await probeService(c, { prometheus })) };
      } catch (e) {
        // the check cannot be judged (e.g. Prometheus itself is down): record nothing rather than a false "down"
        log.warn({ check: c.name, err: e instanceof Error ? e.message : String(e) }, "service check skipped");
        return null;
      }
    }),
  );
  const rows = results.filter((r): r is NonNullable<typeof r> => r !== null);
  if (rows.length) await db.insert(serviceCheckResults).values(rows);
  await db.delete(serviceCheckResults).where(lt(serviceCheckResults.checkedAt, new Date(retentionCutoff(opts.now))));
  await db.delete(serviceCheckRounds).where(lt(serviceCheckRounds.slot, slot - Math.ceil(DAY / (opts.intervalMs ?? PROBE_INTERVAL_MS))));
  return { claimed: true, probed: rows.length };
}

const globalLoop = globalThis as unknown as { __grioServiceChecks?: NodeJS.Timeout };

/** Starts the probe loop once per process (called at server start-up); no-op without SERVICE_CHECKS. */
export function startServiceCheckLoop(getDb: () => Promise<Db>): void {
  if (globalLoop.__grioServiceChecks || configuredChecks().length === 0) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runProbeRound(await getDb(), { now: Date.now() });
    } catch (e) {
      log.error({ err: e instanceof Error ? e.message : String(e) }, "service check round failed");
    } finally {
      running = false;
    }
  };
  void tick();
  globalLoop.__grioServiceChecks = setInterval(() => void tick(), PROBE_INTERVAL_MS);
  globalLoop.__grioServiceChecks.unref();
}

export interface ServiceCheckView {
  name: string;
  kind: ServiceCheckTarget["kind"];
  /** the probed URL (or PromQL), shown to operators; no credentials are part of SERVICE_CHECKS */
  target: string;
  production: boolean;
  up: boolean | null;
  latencyMs: number | null;
  detail: string | null;
  lastCheckedAt: Date | null;
  lastChangeAt: Date | null;
  availability24h: number | null;
  availability30d: number | null;
  checks30d: number;
  slaPercent: number;
  meetsSla: boolean | null;
  /** last 24 h of latency for a sparkline: [epoch s, ms | null (down)] */
  recent: Array<[number, number | null]>;
}

export async function serviceCheckViews(db: Db, now: number, checks: ServiceCheckTarget[] = configuredChecks()): Promise<ServiceCheckView[]> {
  const since30 = new Date(retentionCutoff(now));
  const since24 = new Date(now - DAY);
  return Promise.all(
    checks.map(async (c): Promise<ServiceCheckView> => {
      const byName = eq(serviceCheckResults.name, c.name);
      const [agg] = await db
        .select({
          total: sql<number>`count(*)::int`,
          up: sql<number>`(count(*) filter (where ${serviceCheckResults.up}))::int`,
          total24: sql<number>`(count(*) filter (where ${serviceCheckResults.checkedAt} >= ${since24}))::int`,
          up24: sql<number>`(count(*) filter (where ${serviceCheckResults.up} and ${serviceCheckResults.checkedAt} >= ${since24}))::int`,
        })
        .from(serviceCheckResults)
        .where(and(byName, gt(serviceCheckResults.checkedAt, since30)));
      const [last] = await db.select().from(serviceCheckResults).where(byName).orderBy(desc(serviceCheckResults.checkedAt)).limit(1);
      let lastChangeAt: Date | null = null;
      if (last) {
        const [flip] = await db
          .select({ at: sql<Date | string | null>`max(${serviceCheckResults.checkedAt})` })
          .from(serviceCheckResults)
          .where(and(byName, ne(serviceCheckResults.up, last.up)));
        const flipAt = flip?.at ? new Date(flip.at) : null;
        const [first] = await db
          .select({ at: sql<Date | string | null>`min(${serviceCheckResults.checkedAt})` })
          .from(serviceCheckResults)
          .where(flipAt ? and(byName, gt(serviceCheckResults.checkedAt, flipAt)) : byName);
        lastChangeAt = first?.at ? new Date(first.at) : null;
      }
      const recentRows = await db
        .select({ at: serviceCheckResults.checkedAt, up: serviceCheckResults.up, ms: serviceCheckResults.latencyMs })
        .from(serviceCheckResults)
        .where(and(byName, gt(serviceCheckResults.checkedAt, since24)))
        .orderBy(serviceCheckResults.checkedAt);
      const v30 = availabilityVerdict(agg?.up ?? 0, agg?.total ?? 0, c.production);
      const v24 = availabilityVerdict(agg?.up24 ?? 0, agg?.total24 ?? 0, c.production);
      return {
        name: c.name,
        kind: c.kind,
        target: c.kind === "prometheus-query" ? c.target : withoutCredentials(c.target),
        production: c.production,
        up: last?.up ?? null,
        latencyMs: last?.latencyMs ?? null,
        detail: last?.detail ?? null,
        lastCheckedAt: last?.checkedAt ?? null,
        lastChangeAt,
        availability24h: v24.availabilityPercent,
        availability30d: v30.availabilityPercent,
        checks30d: agg?.total ?? 0,
        slaPercent: PRODUCTION_SLA_PERCENT,
        meetsSla: v30.meetsSla,
        recent: thin(recentRows.map((r) => [Math.floor(r.at.getTime() / 1000), r.up ? r.ms : null] as [number, number | null]), 300),
      };
    }),
  );
}

/** A URL as shown in the browser: user:password@ and query strings (tokens) removed. */
function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    u.search = "";
    return u.toString();
  } catch {
    return "(not a URL)";
  }
}

/** Keeps at most `max` points, preferring down points so an outage never disappears from the sparkline. */
function thin(points: Array<[number, number | null]>, max: number): Array<[number, number | null]> {
  if (points.length <= max) return points;
  const bucket = Math.ceil(points.length / max);
  const out: Array<[number, number | null]> = [];
  for (let i = 0; i < points.length; i += bucket) {
    const slice = points.slice(i, i + bucket);
    out.push(slice.find((p) => p[1] === null) ?? slice[slice.length - 1]!);
  }
  return out;
}
