"use client";

import { useQuery } from "@tanstack/react-query";
import { Sparkline } from "@/components/charts/sparkline";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { SourceErrors } from "@/components/ui/source-errors";
import { StatusPill } from "@/components/ui/status-pill";
import { formatValue } from "@/lib/domain/units";

/** Up/down, latency, last change and availability against the 99.5 % production SLA, per check. */
export function ServiceChecksView() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.serviceChecks.list.queryOptions(), refetchInterval: 15_000 });
  if (q.isPending) return <p className="text-sm text-muted">Reading probe results…</p>;
  if (q.isError) return <SourceErrors errors={[{ source: "service-check", message: q.error.message }]} />;
  const { checks, intervalSeconds } = q.data;
  if (checks.length === 0) {
    return (
      <Card title="No service checks configured">
        <p className="text-sm text-muted">
          Set <code>SERVICE_CHECKS</code> to a JSON list of <code>{'{"name", "kind": "http-json-status" | "http" | "prometheus-query", "target", "production"}'}</code>: the
          Django API health endpoint, the web app, Qdrant <code>/readyz</code>, MinIO <code>/minio/health/live</code>, <code>pg_up</code> via Prometheus, Prometheus and Loki
          readiness. The demo configures them for the simulated estate.
        </p>
      </Card>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">Probed every {intervalSeconds} s by the console; results kept 30 days.</p>
      <div className="grid gap-3 md:grid-cols-2">
        {checks.map((c) => (
          <Card
            key={c.name}
            title={
              <span className="flex items-center gap-2">
                {c.name}
                <span data-testid={`check-state-${c.name}`}>
                  <StatusPill status={c.up === null ? "unknown" : c.up ? "up" : "down"} />
                </span>
              </span>
            }
          >
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
              <dt className="text-muted">Latency</dt>
              <dd className="tabular-nums">{c.latencyMs === null ? "—" : formatValue("ms", c.latencyMs)}</dd>
              <dt className="text-muted">Last change</dt>
              <dd>
                <RelativeTime at={c.lastChangeAt} />
              </dd>
              <dt className="text-muted">Last probe</dt>
              <dd>
                <RelativeTime at={c.lastCheckedAt} />
              </dd>
              <dt className="text-muted">Availability 24 h</dt>
              <dd className="tabular-nums">{c.availability24h === null ? "—" : `${c.availability24h.toFixed(2)} %`}</dd>
              <dt className="text-muted">Availability 30 d</dt>
              <dd className="tabular-nums" data-testid={`check-availability-${c.name}`}>
                {c.availability30d === null ? "—" : `${c.availability30d.toFixed(2)} %`}{" "}
                {c.meetsSla !== null && <StatusPill status={c.meetsSla ? "ok" : "failed"} label={c.meetsSla ? `meets ${c.slaPercent} %` : `below ${c.slaPercent} %`} />}
                {!c.production && <span className="text-xs text-muted"> (not production: no SLA)</span>}
              </dd>
            </dl>
            {c.detail && <p className={`mt-2 text-xs ${c.up ? "text-muted" : "text-bad"}`}>{c.detail}</p>}
            <p className="mt-1 break-all font-mono text-[11px] text-muted">
              {c.kind}: {c.target}
            </p>
            {c.recent.length > 1 && (
              <div className="mt-2">
                <Sparkline t={c.recent.map((p) => p[0])} values={c.recent.map((p) => p[1])} unit="ms" label="Latency" height={36} />
              </div>
            )}
          </Card>
        ))}
      </div>
    </div>
  );
}
