"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { SourceErrors } from "@/components/ui/source-errors";
import { AlertmanagerPanel } from "./alertmanager-panel";
import { PrometheusAlerts } from "./prometheus-alerts";
import { PrometheusMissing } from "./prometheus-missing";
import { ThresholdTable } from "./threshold-table";
import { useRole } from "./use-role";

/** The Alerts page: thresholds evaluated now, Prometheus' alerts and rules, Alertmanager. */
export function AlertsView() {
  const trpc = useTRPC();
  const role = useRole();
  const q = useQuery({ ...trpc.alerts.overview.queryOptions(), refetchInterval: 15_000 });
  if (q.isPending) return <p className="text-sm text-muted">Evaluating thresholds against Prometheus…</p>;
  if (q.isError) return <SourceErrors errors={[{ source: "prometheus", message: q.error.message }]} />;
  const o = q.data;
  const promDown = o.errors.find((e) => e.source === "prometheus");
  return (
    <div className="space-y-4">
      {o.prometheus.configured && promDown && (
        <div role="alert" data-testid="prometheus-unreachable" className="rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad">
          <strong>{promDown.message}</strong>
          <span className="block text-xs">
            Threshold states and Prometheus alerts cannot be evaluated until it answers; the rest of the console keeps working.
          </span>
        </div>
      )}
      <SourceErrors errors={o.errors.filter((e) => e !== promDown)} />
      {!o.prometheus.configured && <PrometheusMissing what="Threshold states and alerts" />}
      <Card
        title="Alert thresholds"
        actions={
          <>
            <a className="text-sm text-accent underline" href="/api/alerts/export?format=rules" download>
              Rules file
            </a>
            <a className="text-sm text-accent underline" href="/api/alerts/export?format=prometheusrule" download>
              PrometheusRule
            </a>
          </>
        }
      >
        <ThresholdTable thresholds={o.thresholds} canEdit={role === "admin"} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Prometheus">
          {o.prometheus.configured && !promDown ? <PrometheusAlerts prometheus={o.prometheus} /> : <p className="text-sm text-muted">Unavailable.</p>}
        </Card>
        <Card title="Alertmanager">
          <AlertmanagerPanel alertmanager={o.alertmanager} canAct={role === "operator" || role === "admin"} />
        </Card>
      </div>
    </div>
  );
}
