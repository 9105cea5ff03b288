/**
 * Prometheus (and Alertmanager) in the demo: when Debian's `prometheus` is on PATH (or
 * PROMETHEUS_BIN names it), start it scraping the sim's /metrics with the seed thresholds loaded
 * as rules, Alertmanager in front when `prometheus-alertmanager` is found (or ALERTMANAGER_BIN),
 * and point the console at both. Without Prometheus, say so plainly: the Metrics and Alerts pages
 * then explain what to install. Also adds the Loki, Prometheus and PostgreSQL (pg_up) service checks.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { DemoContext, DemoStep } from "../demo";
import { rulesFileYaml } from "../../lib/domain/rulesExport";
import { SEED_THRESHOLDS } from "../../lib/domain/seedThresholds";
import { startAlertmanager, startPrometheus } from "../../server/testing/prometheusHarness";

function findBinary(envName: string, names: string[]): string | undefined {
  const explicit = process.env[envName];
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  for (const n of names) {
    try {
      return execFileSync("sh", ["-c", `command -v ${n}`], { encoding: "utf8" }).trim() || undefined;
    } catch {
      /* not on PATH */
    }
  }
  return undefined;
}

function addChecks(env: Record<string, string>, extra: Array<Record<string, unknown>>): string {
  let checks: Array<Record<string, unknown>> = [];
  try {
    checks = env.SERVICE_CHECKS ? (JSON.parse(env.SERVICE_CHECKS) as typeof checks) : [];
  } catch {
    checks = [];
  }
  const names = new Set(checks.map((c) => c.name));
  return JSON.stringify([...checks, ...extra.filter((c) => !names.has(c.name))]);
}

export default async function prometheusStep(ctx: DemoContext): Promise<DemoStep> {
  const lokiCheck = ctx.env.LOKI_URL ? [{ name: "loki", kind: "http", target: `${ctx.env.LOKI_URL}/ready`, production: true }] : [];
  const prometheusBin = findBinary("PROMETHEUS_BIN", ["prometheus"]);
  if (!ctx.sim || !prometheusBin) {
    return {
      env: { SERVICE_CHECKS: addChecks(ctx.env, lokiCheck) },
      notes: [
        prometheusBin
          ? "prometheus: not started (no simulated estate to scrape)"
          : "prometheus: NOT FOUND — metrics, thresholds and alerts stay empty. Install it (Debian: apt install prometheus prometheus-alertmanager) or set PROMETHEUS_BIN, then rerun npm run demo.",
      ],
    };
  }
  const rules = path.join(ctx.workDir, "grio-ops-thresholds.rules.yml");
  await writeFile(rules, rulesFileYaml(SEED_THRESHOLDS));
  const stops: Array<() => Promise<void>> = [];
  const notes: string[] = [];
  const env: Record<string, string> = {};
  const alertmanagerBin = findBinary("ALERTMANAGER_BIN", ["prometheus-alertmanager", "alertmanager"]);
  let alertmanagerUrl: string | undefined;
  if (alertmanagerBin) {
    const am = await startAlertmanager({ binary: alertmanagerBin });
    stops.push(() => am.stop());
    alertmanagerUrl = am.url;
    env.ALERTMANAGER_URL = am.url;
    notes.push(`alertmanager: ${am.url}`);
  } else {
    notes.push("alertmanager: not found (apt install prometheus-alertmanager) — the Alerts page shows no notifications or silences");
  }
  const prom = await startPrometheus({
    binary: prometheusBin,
    scrapeTargets: [{ url: ctx.sim.estate.metrics.url, job: "grio-estate" }],
    rulesFiles: [rules],
    alertmanagerUrl,
    scrapeIntervalSeconds: 5,
    evaluationIntervalSeconds: 5,
  });
  stops.unshift(() => prom.stop());
  env.PROMETHEUS_URL = prom.url;
  env.SERVICE_CHECKS = addChecks(ctx.env, [
    ...lokiCheck,
    { name: "prometheus", kind: "http", target: `${prom.url}/-/ready`, production: true },
    { name: "postgres", kind: "prometheus-query", target: 'pg_up{cluster="hetzner-prod"}', production: true },
  ]);
  notes.unshift(`prometheus: ${prom.url} scraping the estate every 5 s, with the seed thresholds loaded as rules`);
  return {
    env,
    notes,
    stop: async () => {
      for (const s of stops) await s().catch(() => undefined);
    },
  };
}
