"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { QueryErrorCard } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import { links } from "@/lib/domain/kube/links";
import { podFilterFromParams } from "@/lib/domain/kube/pod-filter";
import { StaleClusters } from "./cluster-status";
import { FilterSelect, FilterText, HEALTHS } from "./filters";
import { LIVE_REFETCH_MS, useUrlState } from "./url-state";

/** Pods of every cluster (filtered on the server: there may be thousands), worst first. */
export function PodsTable() {
  const trpc = useTRPC();
  const [params, set] = useUrlState();
  const input = podFilterFromParams((k) => params.get(k));
  const { data, error } = useQuery({ ...trpc.cluster.pods.queryOptions(input), refetchInterval: LIVE_REFETCH_MS, placeholderData: keepPreviousData });
  const clusters = useQuery(trpc.cluster.list.queryOptions());
  if (error && !data) return <QueryErrorCard message={error.message} />;
  const rows = data?.rows ?? [];
  return (
    <Card>
      <StaleClusters clusters={data?.clusters} />
      <div className="mb-3 flex flex-wrap gap-2">
        <FilterSelect label="Cluster" value={input.cluster ?? ""} options={(clusters.data ?? []).map((c) => ({ value: c.name, label: c.displayName }))} onChange={(v) => set({ cluster: v })} />
        <FilterSelect label="Namespace" value={input.namespace ?? ""} options={data?.namespaces ?? []} onChange={(v) => set({ namespace: v })} />
        <FilterSelect label="Status" value={input.status ?? ""} options={[...HEALTHS, "CrashLoopBackOff", "ImagePullBackOff", "OOMKilled", "Pending", "NotReady"]} onChange={(v) => set({ status: v })} testId="pod-status-filter" />
        <FilterText label="Node" value={input.node ?? ""} onChange={(v) => set({ node: v })} />
        <FilterText label="Workload" value={input.workload ?? ""} onChange={(v) => set({ workload: v })} />
        <FilterText label="Name contains" value={input.q ?? ""} onChange={(v) => set({ q: v })} />
      </div>
      <p className="mb-2 text-xs text-muted">{data ? `${rows.length} of ${data.total} matching pods${data.total > rows.length ? " (narrow the filters to see the rest)" : ""}` : "Loading…"}</p>
      <Table
        rows={rows}
        rowKey={(p) => `${p.cluster}/${p.namespace}/${p.name}`}
        empty={data ? "No pod matches these filters." : "Loading…"}
        columns={[
          { key: "name", header: "Pod", render: (p) => <Link href={links.pod(p.cluster, p.namespace, p.name)} className="font-medium text-accent hover:underline">{p.name}</Link> },
          { key: "ns", header: "Namespace", render: (p) => p.namespace },
          { key: "cluster", header: "Cluster", render: (p) => p.cluster },
          { key: "status", header: "Status", render: (p) => <span title={p.message}><StatusPill status={p.health} label={p.reason} /></span> },
          { key: "ready", header: "Ready", render: (p) => p.ready },
          { key: "restarts", header: "Restarts", render: (p) => p.restarts },
          { key: "node", header: "Node", render: (p) => p.node ? <Link className="hover:underline" href={links.node(p.cluster, p.node)}>{p.node}</Link> : "—" },
          { key: "workload", header: "Workload", render: (p) => p.workload ? `${p.workload.kind}/${p.workload.name}` : "—" },
          { key: "age", header: "Age", render: (p) => <RelativeTime at={p.createdAt} /> },
        ]}
      />
    </Card>
  );
}
