"use client";

import { useQuery } from "@tanstack/react-query";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { useUrlState } from "@/components/cluster/url-state";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { SourceErrors } from "@/components/ui/source-errors";
import { TIME_RANGES, type TimeRange } from "@/lib/domain/panels";
import { RangePicker } from "./range-picker";
import { PrometheusMissing } from "./prometheus-missing";

const THRESHOLD_LINES: Record<string, number> = { "db-connection-errors": 10, "disk-usage": 85 };

/** Every metrics panel for the chosen range (`?range=`) and cluster (`?cluster=`). */
export function MetricsView() {
  const trpc = useTRPC();
  const [params, set] = useUrlState();
  const range = (TIME_RANGES as readonly string[]).includes(params.get("range") ?? "") ? (params.get("range") as TimeRange) : "1h";
  const cluster = params.get("cluster") || undefined;
  const q = useQuery({
    ...trpc.metrics.panels.queryOptions({ range, cluster }),
    refetchInterval: range === "15m" ? 15_000 : 60_000,
    placeholderData: (prev) => prev,
  });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <RangePicker ranges={TIME_RANGES} value={range} onChange={(r) => set({ range: r === "1h" ? null : r })} />
        <span className="text-sm text-muted">{cluster ? `Cluster ${cluster}` : "All clusters"}{q.isFetching ? " · refreshing…" : ""}</span>
      </div>
      {q.isPending && <p className="text-sm text-muted">Asking Prometheus…</p>}
      {q.isError && <SourceErrors errors={[{ source: "prometheus", message: q.error.message }]} />}
      {q.data && !q.data.configured && <PrometheusMissing />}
      {q.data && q.data.configured && <SourceErrors errors={q.data.errors} />}
      {q.data && q.data.configured && (
        <div className="grid gap-4 lg:grid-cols-2">
          {q.data.panels.map((p) => (
            <Card key={p.id} id={`panel-${p.id}`} title={p.title}>
              <div data-testid={`panel-${p.id}`}>
                <p className="mb-2 text-xs text-muted">{p.description}</p>
                {p.error ? (
                  <p className="text-sm text-bad">{p.error.message}</p>
                ) : (
                  <TimeSeriesChart t={p.data.t} series={p.data.series} unit={p.unit} ariaLabel={`${p.title}, ${range}`} threshold={THRESHOLD_LINES[p.id]} />
                )}
              </div>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
