"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { LoadingCard, QueryErrorCard } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge, StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import { StaleClusters } from "./cluster-status";
import { EventsTable } from "./events-table";
import { formatMemory } from "./nodes-table";
import { PodsMiniTable } from "./pods-mini-table";
import { LIVE_REFETCH_MS } from "./url-state";
import { YamlView } from "./yaml-view";
import { UsageSparklines } from "@/components/observability/usage-sparklines";

export function NodeDetail({ cluster, name }: { cluster: string; name: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery({ ...trpc.cluster.node.queryOptions({ cluster, name }), refetchInterval: LIVE_REFETCH_MS });
  if (error && !data) return <QueryErrorCard message={error.message} />;
  if (!data) return <LoadingCard />;
  const { node, row } = data;
  const res = [
    { k: "CPU", cap: node.capacity.cpu, alloc: node.allocatable.cpu },
    { k: "Memory", cap: formatMemory(node.capacity.memory), alloc: formatMemory(node.allocatable.memory) },
    { k: "Pods", cap: node.capacity.pods, alloc: node.allocatable.pods },
    { k: "Ephemeral storage", cap: formatMemory(node.capacity.ephemeralStorage), alloc: formatMemory(node.allocatable.ephemeralStorage) },
  ];
  return (
    <div className="space-y-4">
      <StaleClusters clusters={[data.cluster]} />
      <Card title="Status">
        <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <span><StatusPill status={row.health} label={row.status} /></span>
          <span>Cluster <strong>{data.cluster.displayName}</strong></span>
          <span>Roles {row.roles.join(", ")}</span>
          <span>Tier {row.tier}{row.site ? ` · site ${row.site}` : ""}{row.district ? ` · ${row.district}` : ""}</span>
          <span>Kubelet {node.kubeletVersion} · {node.architecture} · {node.osImage}</span>
          <span>IP {node.internalIP || "—"}</span>
          <span>Age <RelativeTime at={node.createdAt} /></span>
        </div>
      </Card>
      <UsageSparklines kind="node" cluster={cluster} name={name} />
      <Card title="Conditions">
        <Table rows={node.conditions} rowKey={(c) => c.type} columns={[
          { key: "type", header: "Type", render: (c) => c.type },
          { key: "status", header: "Status", render: (c) => <Badge tone={(c.type === "Ready") === (c.status === "True") ? "ok" : "bad"}>{c.status}</Badge> },
          { key: "reason", header: "Reason", render: (c) => c.reason },
          { key: "message", header: "Message", render: (c) => c.message },
          { key: "since", header: "Since", render: (c) => <RelativeTime at={c.lastTransition} /> },
        ]} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Capacity vs allocatable">
          <Table rows={res} rowKey={(r) => r.k} columns={[
            { key: "k", header: "Resource", render: (r) => r.k },
            { key: "cap", header: "Capacity", render: (r) => r.cap || "—" },
            { key: "alloc", header: "Allocatable", render: (r) => r.alloc || "—" },
          ]} />
        </Card>
        <Card title="Labels and taints">
          <div className="flex flex-wrap gap-1">
            {Object.entries(node.labels).map(([k, v]) => <Badge key={k}>{k}={v}</Badge>)}
          </div>
          <div className="mt-3 flex flex-wrap gap-1">
            {node.taints.length === 0 ? <span className="text-sm text-muted">No taints.</span>
              : node.taints.map((t) => <Badge key={`${t.key}:${t.effect}`} tone="warn">{t.key}{t.value ? `=${t.value}` : ""}:{t.effect}</Badge>)}
          </div>
        </Card>
      </div>
      <Card title={`Pods on this node (${data.pods.length})`}><PodsMiniTable pods={data.pods} showNode={false} /></Card>
      <Card title="Events"><EventsTable events={data.events} /></Card>
      <Card title="YAML"><YamlView cluster={cluster} kind="Node" namespace="" name={name} /></Card>
    </div>
  );
}
