"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { QueryErrorCard } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import { links } from "@/lib/domain/kube/links";
import type { WorkloadRow } from "@/lib/domain/kube/summary";
import { matchesFilters } from "@/lib/domain/kube/table-filter";
import { StaleClusters } from "./cluster-status";
import { distinctOptions, FilterSelect, FilterText, HEALTHS } from "./filters";
import { HEALTH_SORT, useSort } from "./sortable";
import { filtersFromUrl, LIVE_REFETCH_MS, useUrlState } from "./url-state";

const ACCESSORS: Record<string, (r: WorkloadRow) => string | number | null> = {
  name: (r) => r.name, namespace: (r) => r.namespace, cluster: (r) => r.cluster, kind: (r) => r.kind,
  health: (r) => HEALTH_SORT[r.health] ?? 9, replicas: (r) => r.desired, change: (r) => -(r.lastChange ?? 0),
};

export function replicasText(w: WorkloadRow): string {
  if (w.kind === "CronJob") return w.ready > 0 ? `${w.ready} running` : "—";
  return `${w.ready}/${w.desired}`;
}

/** Deployments, StatefulSets and CronJobs with health, replicas, autoscaler, images, revision, last change. */
export function WorkloadsTable() {
  const trpc = useTRPC();
  const [params, set] = useUrlState();
  const { data, error } = useQuery({ ...trpc.cluster.workloads.queryOptions(), refetchInterval: LIVE_REFETCH_MS });
  const f = useMemo(() => filtersFromUrl(params, ["cluster", "namespace", "kind", "health", "q"] as const), [params]);
  const rows = useMemo(() => (data?.rows ?? []).filter((w) => matchesFilters(w, f)), [data, f]);
  const { sorted, header } = useSort(rows, ACCESSORS, { key: "health", dir: 1 });
  if (error && !data) return <QueryErrorCard message={error.message} />;
  const all = data?.rows ?? [];
  return (
    <Card>
      <StaleClusters clusters={data?.clusters.filter((c) => !f.cluster || c.name === f.cluster)} />
      <div className="mb-3 flex flex-wrap gap-2">
        <FilterSelect label="Cluster" value={f.cluster} options={distinctOptions(all.map((w) => w.cluster))} onChange={(v) => set({ cluster: v })} />
        <FilterSelect label="Namespace" value={f.namespace} options={distinctOptions(all.map((w) => w.namespace))} onChange={(v) => set({ namespace: v })} />
        <FilterSelect label="Kind" value={f.kind} options={["Deployment", "StatefulSet", "CronJob"]} onChange={(v) => set({ kind: v })} />
        <FilterSelect label="Health" value={f.health} options={HEALTHS} onChange={(v) => set({ health: v })} />
        <FilterText label="Name contains" value={f.q} onChange={(v) => set({ q: v })} />
      </div>
      <p className="mb-2 text-xs text-muted">{sorted.length} of {all.length} workloads</p>
      <Table
        rows={sorted}
        rowKey={(w) => `${w.cluster}/${w.kind}/${w.namespace}/${w.name}`}
        empty={data ? "No workload matches these filters." : "Loading…"}
        columns={[
          { key: "name", header: header("name", "Name"), render: (w) => <Link className="font-medium text-accent hover:underline" href={links.workload(w.cluster, w.kind, w.namespace, w.name)}>{w.name}</Link> },
          { key: "kind", header: header("kind", "Kind"), render: (w) => w.kind },
          { key: "namespace", header: header("namespace", "Namespace"), render: (w) => w.namespace },
          { key: "cluster", header: header("cluster", "Cluster"), render: (w) => w.cluster },
          { key: "health", header: header("health", "Health"), render: (w) => <StatusPill status={w.health} title={w.message} /> },
          { key: "replicas", header: header("replicas", "Replicas"), render: (w) => replicasText(w) },
          { key: "hpa", header: "Autoscaler", render: (w) => w.hpa ? <span title="current/desired (min–max)">{w.hpa.current}/{w.hpa.desired} ({w.hpa.min}–{w.hpa.max})</span> : w.schedule ? <code className="text-xs">{w.schedule}</code> : "—" },
          { key: "images", header: "Images", render: (w) => <span className="break-all font-mono text-xs">{w.images.join(", ")}</span> },
          { key: "revision", header: "Revision", render: (w) => w.revision || "—" },
          { key: "change", header: header("change", "Last change"), render: (w) => <RelativeTime at={w.lastChange} /> },
        ]}
      />
    </Card>
  );
}
