"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { QueryErrorCard } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge, StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import { links } from "@/lib/domain/kube/links";
import type { NodeRow } from "@/lib/domain/kube/summary";
import { matchesFilters } from "@/lib/domain/kube/table-filter";
import { StaleClusters } from "./cluster-status";
import { EdgeSites } from "./edge-sites";
import { distinctOptions, FilterSelect, FilterText, HEALTHS } from "./filters";
import { HEALTH_SORT, useSort } from "./sortable";
import { filtersFromUrl, LIVE_REFETCH_MS, useUrlState } from "./url-state";

const ACCESSORS: Record<string, (r: NodeRow) => string | number | null> = {
  name: (r) => r.name, cluster: (r) => r.cluster, tier: (r) => r.tier, site: (r) => r.site, status: (r) => HEALTH_SORT[r.health] ?? 9,
  cpu: (r) => Number.parseFloat(r.cpu) || 0, pods: (r) => r.pods, kubelet: (r) => r.kubelet, age: (r) => -(r.createdAt ?? 0),
};

/** Every node of the selected clusters: sortable, filterable (filters in the URL). */
export function NodesTable() {
  const trpc = useTRPC();
  const [params, set] = useUrlState();
  const { data, error } = useQuery({ ...trpc.cluster.nodes.queryOptions(), refetchInterval: LIVE_REFETCH_MS });
  const f = useMemo(() => filtersFromUrl(params, ["cluster", "tier", "site", "health", "q"] as const), [params]);
  const rows = useMemo(() => (data?.rows ?? []).filter((n) => matchesFilters(n, f)), [data, f]);
  const { sorted, header } = useSort(rows, ACCESSORS, { key: "status", dir: 1 });
  if (error && !data) return <QueryErrorCard message={error.message} />;
  const all = data?.rows ?? [];

  return (
    <Card>
      <StaleClusters clusters={data?.clusters.filter((c) => !f.cluster || c.name === f.cluster)} />
      <div className="mb-3 flex flex-wrap gap-2">
        <FilterSelect label="Cluster" value={f.cluster} options={distinctOptions(all.map((n) => n.cluster))} onChange={(v) => set({ cluster: v })} />
        <FilterSelect label="Tier" value={f.tier} options={distinctOptions(all.map((n) => n.tier))} onChange={(v) => set({ tier: v })} />
        <FilterSelect label="Site" value={f.site} options={distinctOptions(all.map((n) => n.site))} onChange={(v) => set({ site: v })} />
        <FilterSelect label="Health" value={f.health} options={HEALTHS} onChange={(v) => set({ health: v })} />
        <FilterText label="Name contains" value={f.q} onChange={(v) => set({ q: v })} />
      </div>
      <EdgeSites rows={all.filter((n) => !f.cluster || n.cluster === f.cluster)} selected={f.site} onSelect={(site) => set({ site })} />
      <p className="mb-2 text-xs text-muted">{sorted.length} of {all.length} nodes</p>
      <Table
        rows={sorted}
        rowKey={(n) => `${n.cluster}/${n.name}`}
        empty={data ? "No node matches these filters." : "Loading…"}
        columns={[
          { key: "name", header: header("name", "Name"), render: (n) => <Link className="font-medium text-accent hover:underline" href={links.node(n.cluster, n.name)}>{n.name}</Link> },
          { key: "cluster", header: header("cluster", "Cluster"), render: (n) => n.cluster },
          { key: "tier", header: header("tier", "Tier"), render: (n) => n.tier },
          { key: "site", header: header("site", "Site"), render: (n) => n.site ? <span title={n.district ?? undefined}>{n.site}</span> : "—" },
          { key: "roles", header: "Roles", render: (n) => n.roles.join(", ") },
          { key: "status", header: header("status", "Status"), render: (n) => <StatusPill status={n.health} label={n.status} /> },
          { key: "conditions", header: "Conditions", render: (n) => <span className="flex flex-wrap gap-1">{n.problems.map((p) => <Badge key={p} tone={p === "SchedulingDisabled" || p === "KubeletVersionSkew" ? "neutral" : "bad"}>{p}</Badge>)}</span> },
          { key: "cpu", header: header("cpu", "CPU"), render: (n) => n.cpu },
          { key: "memory", header: "Memory", render: (n) => formatMemory(n.memory) },
          { key: "pods", header: header("pods", "Pods"), render: (n) => `${n.pods}/${n.podCapacity || "?"}` },
          { key: "kubelet", header: header("kubelet", "Kubelet"), render: (n) => n.kubelet },
          { key: "age", header: header("age", "Age"), render: (n) => <RelativeTime at={n.createdAt} /> },
        ]}
      />
    </Card>
  );
}

/** "16318944Ki" → "15.6 GiB" */
export function formatMemory(q: string): string {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) return q || "—";
  const mult: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  const bytes = Number(m[1]) * (m[2] ? mult[m[2]]! : 1);
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
