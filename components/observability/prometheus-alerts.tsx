"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { describeSeries } from "@/lib/domain/thresholds";
import type { AlertsOverview } from "@/server/services/observability/alerts";

type Prom = AlertsOverview["prometheus"];

const withoutName = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).filter(([k]) => k !== "alertname"));

/** Prometheus' own view: every pending/firing alert and every rule group, so nothing firing is missed. */
export function PrometheusAlerts({ prometheus }: { prometheus: Prom }) {
  const active = prometheus.alerts.filter((a) => a.state !== "inactive");
  return (
    <div className="space-y-4">
      <div>
        <h3 className="mb-1 text-sm font-medium">Active alerts ({active.length})</h3>
        {active.length === 0 ? (
          <p className="text-sm text-muted">Nothing pending or firing in Prometheus.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="prometheus-alerts">
            {active.map((a, i) => (
              <li key={`${a.labels.alertname}-${i}`} className="flex flex-wrap items-center gap-2">
                <StatusPill status={a.state} />
                <span className="font-medium">{a.labels.alertname}</span>
                <span className="break-all font-mono text-xs text-muted">{describeSeries(withoutName(a.labels))}</span>
                {a.activeAt && (
                  <span className="text-xs text-muted">
                    active since <RelativeTime at={a.activeAt} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">Rule groups ({prometheus.ruleGroups.length})</h3>
        {prometheus.ruleGroups.length === 0 && <p className="text-sm text-muted">Prometheus has no rules loaded. Export the thresholds below and load them.</p>}
        {prometheus.ruleGroups.map((g) => (
          <details key={`${g.file}/${g.name}`} className="mb-1 text-sm" open={g.rules.some((r) => r.state === "firing" || r.health !== "ok")}>
            <summary className="cursor-pointer">
              <span className="font-medium">{g.name}</span> <span className="text-xs text-muted">{g.file} · every {g.intervalSeconds} s · {g.rules.length} rules</span>
            </summary>
            <ul className="mt-1 space-y-0.5 pl-4">
              {g.rules.map((r) => (
                <li key={r.name} className="flex flex-wrap items-center gap-2">
                  {r.type === "alerting" ? <StatusPill status={r.state ?? "unknown"} /> : <span className="text-xs text-muted">recording</span>}
                  <span>{r.name}</span>
                  {r.health !== "ok" && <StatusPill status="error" label={`health ${r.health}`} title={r.lastError} />}
                  {r.lastError && <span className="text-xs text-bad">{r.lastError}</span>}
                </li>
              ))}
            </ul>
          </details>
        ))}
      </div>
    </div>
  );
}
