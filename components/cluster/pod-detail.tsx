"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { LoadingCard, QueryErrorCard } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge, StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import { links } from "@/lib/domain/kube/links";
import type { ContainerState } from "@/lib/domain/kube/types";
import { StaleClusters } from "./cluster-status";
import { EventsTable } from "./events-table";
import { LIVE_REFETCH_MS } from "./url-state";
import { YamlView } from "./yaml-view";
import { UsageSparklines } from "@/components/observability/usage-sparklines";

function StateText({ s }: { s: ContainerState | null }) {
  if (!s) return <span className="text-muted">—</span>;
  return (
    <span>
      <Badge tone={s.state === "running" ? "ok" : s.state === "waiting" ? "warn" : "neutral"}>{s.state}{s.reason ? `: ${s.reason}` : ""}</Badge>
      {s.exitCode !== null && <span className="ml-1 text-xs">exit {s.exitCode}</span>}
      {(s.finishedAt ?? s.startedAt) !== null && <span className="ml-1 text-xs text-muted"><RelativeTime at={s.finishedAt ?? s.startedAt} /></span>}
      {s.message && <span className="block text-xs text-muted">{s.message}</span>}
    </span>
  );
}

/** `canSeeLogs`: operators and admins get a link to this pod's logs around now. */
export function PodDetail({ cluster, namespace, name, canSeeLogs }: { cluster: string; namespace: string; name: string; canSeeLogs: boolean }) {
  const trpc = useTRPC();
  const { data, error } = useQuery({ ...trpc.cluster.pod.queryOptions({ cluster, namespace, name }), refetchInterval: LIVE_REFETCH_MS });
  if (error && !data) return <QueryErrorCard message={error.message} />;
  if (!data) return <LoadingCard />;
  const { pod, row } = data;
  return (
    <div className="space-y-4">
      <StaleClusters clusters={[data.cluster]} />
      <Card title="Status" actions={canSeeLogs && <Link href={links.podLogs(cluster, namespace, name)} className="text-sm text-accent hover:underline">Logs of this pod around now →</Link>}>
        <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <span data-testid="pod-health"><StatusPill status={row.health} label={row.reason} /> <span className="text-muted">{row.message}</span></span>
          <span>Phase {pod.phase}</span>
          <span>Node {pod.nodeName ? <Link className="text-accent hover:underline" href={links.node(cluster, pod.nodeName)}>{pod.nodeName}</Link> : "—"}</span>
          {row.workload && (row.workload.kind === "Deployment" || row.workload.kind === "StatefulSet" || row.workload.kind === "CronJob")
            ? <span>Workload <Link className="text-accent hover:underline" href={links.workload(cluster, row.workload.kind, namespace, row.workload.name)}>{row.workload.kind}/{row.workload.name}</Link></span>
            : row.workload ? <span>Owner {row.workload.kind}/{row.workload.name}</span> : null}
          <span>IP {pod.podIP || "—"}</span>
          <span>Restarts {row.restarts}</span>
          <span>Age <RelativeTime at={pod.createdAt} /></span>
        </div>
      </Card>
      <UsageSparklines kind="pod" cluster={cluster} namespace={namespace} name={name} />
      <Card title="Containers">
        <Table rows={pod.containers} rowKey={(c) => `${c.init ? "init-" : ""}${c.name}`} columns={[
          { key: "name", header: "Container", render: (c) => <span>{c.name}{c.init && <Badge>init</Badge>}</span> },
          { key: "image", header: "Image", render: (c) => <span className="break-all font-mono text-xs">{c.image}</span> },
          { key: "ready", header: "Ready", render: (c) => (c.ready ? "yes" : "no") },
          { key: "state", header: "State", render: (c) => <StateText s={c.current} /> },
          { key: "last", header: "Last termination", render: (c) => <StateText s={c.lastTermination} /> },
          { key: "restarts", header: "Restarts", render: (c) => c.restartCount },
        ]} />
      </Card>
      <Card title="Conditions">
        <div className="flex flex-wrap gap-1">
          {pod.conditions.map((c) => <Badge key={c.type} tone={c.status === "True" ? "ok" : "warn"} title={c.message || c.reason}>{c.type}={c.status}</Badge>)}
        </div>
      </Card>
      <Card title="Events"><EventsTable events={data.events} /></Card>
      <Card title="YAML"><YamlView cluster={cluster} kind="Pod" namespace={namespace} name={name} /></Card>
    </div>
  );
}
