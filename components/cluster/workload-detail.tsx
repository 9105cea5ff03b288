"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { LoadingCard, QueryErrorCard } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge, StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import type { WorkloadKind } from "@/lib/domain/kube/links";
import { StaleClusters } from "./cluster-status";
import { EventsTable } from "./events-table";
import { PodsMiniTable } from "./pods-mini-table";
import { LIVE_REFETCH_MS } from "./url-state";
import { WorkloadActions } from "./workload-actions";
import { replicasText } from "./workloads-table";
import { YamlView } from "./yaml-view";
import { UsageSparklines } from "@/components/observability/usage-sparklines";

export function WorkloadDetail({ cluster, kind, namespace, name }: { cluster: string; kind: WorkloadKind; namespace: string; name: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery({ ...trpc.cluster.workload.queryOptions({ cluster, kind, namespace, name }), refetchInterval: LIVE_REFETCH_MS });
  if (error && !data) return <QueryErrorCard message={error.message} />;
  if (!data) return <LoadingCard />;
  const { row } = data;
  return (
    <div className="space-y-4">
      <StaleClusters clusters={[data.cluster]} />
      <Card title="Status">
        <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <span data-testid="workload-health"><StatusPill status={row.health} /> <span className="text-muted">{row.message}</span></span>
          <span>Cluster <strong>{data.cluster.displayName}</strong></span>
          <span>Replicas {replicasText(row)}{kind !== "CronJob" ? ` · ${row.updated} updated · ${row.available} available` : ""}</span>
          {data.hpa && <span>Autoscaler {data.hpa.current} current / {data.hpa.desired} desired (min {data.hpa.min}, max {data.hpa.max})</span>}
          {row.schedule && <span>Schedule <code>{row.schedule}</code></span>}
          <span>Revision {row.revision || "—"}</span>
          <span>Last change <RelativeTime at={row.lastChange} /></span>
        </div>
        <p className="mt-2 break-all font-mono text-xs text-muted">{row.images.join(", ")}</p>
        <div className="mt-3">
          <WorkloadActions cluster={cluster} kind={kind} namespace={namespace} name={name} desired={row.desired} revision={row.revision} history={data.history} />
        </div>
      </Card>
      {kind !== "CronJob" && <UsageSparklines kind="workload" cluster={cluster} namespace={namespace} name={name} />}
      {kind !== "CronJob" && (
        <Card title="Rollout history">
          <Table rows={data.history} rowKey={(r) => r.name} empty="No revisions in the cache." columns={[
            { key: "rev", header: "Revision", render: (r) => <span>{r.revision} {r.current && <Badge tone="ok">current</Badge>}</span> },
            { key: "images", header: "Images", render: (r) => <span className="break-all font-mono text-xs">{r.images.join(", ")}</span> },
            { key: "cause", header: "Change cause", render: (r) => r.changeCause || <span className="text-muted">&lt;none&gt;</span> },
            { key: "created", header: "Created", render: (r) => <RelativeTime at={r.createdAt} /> },
          ]} />
        </Card>
      )}
      {kind === "CronJob" && (
        <Card title="Recent jobs">
          <Table rows={data.jobs} rowKey={(j) => j.name} empty="No jobs in the cache." columns={[
            { key: "name", header: "Job", render: (j) => j.name },
            { key: "state", header: "Result", render: (j) => <StatusPill status={j.failed > 0 && j.succeeded === 0 && j.active === 0 ? "failed" : j.succeeded > 0 ? "succeeded" : "running"} /> },
            { key: "start", header: "Started", render: (j) => <RelativeTime at={j.startedAt} /> },
            { key: "end", header: "Completed", render: (j) => <RelativeTime at={j.completedAt} /> },
          ]} />
        </Card>
      )}
      <Card title={`Pods (${data.pods.length})`}><PodsMiniTable pods={data.pods} /></Card>
      <Card title="Events"><EventsTable events={data.events} /></Card>
      <Card title="YAML"><YamlView cluster={cluster} kind={kind} namespace={namespace} name={name} /></Card>
    </div>
  );
}
