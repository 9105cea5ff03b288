"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { QueryErrorCard } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import { StaleClusters } from "./cluster-status";
import { distinctOptions, FilterSelect } from "./filters";
import { LIVE_REFETCH_MS, useUrlState } from "./url-state";

/** PersistentVolumeClaims: capacity, storage class, bound volume. (Usage arrives with the metrics issue.) */
export function VolumesTable() {
  const trpc = useTRPC();
  const [params, set] = useUrlState();
  const { data, error } = useQuery({ ...trpc.cluster.volumes.queryOptions(), refetchInterval: LIVE_REFETCH_MS });
  const cluster = params.get("cluster") ?? "";
  const namespace = params.get("namespace") ?? "";
  if (error && !data) return <QueryErrorCard message={error.message} />;
  const all = data?.rows ?? [];
  const rows = all.filter((v) => (!cluster || v.cluster === cluster) && (!namespace || v.namespace === namespace));
  return (
    <Card>
      <StaleClusters clusters={data?.clusters.filter((c) => !cluster || c.name === cluster)} />
      <div className="mb-3 flex flex-wrap gap-2">
        <FilterSelect label="Cluster" value={cluster} options={[...new Set(all.map((v) => v.cluster))]} onChange={(v) => set({ cluster: v })} />
        <FilterSelect label="Namespace" value={namespace} options={distinctOptions(all.map((v) => v.namespace))} onChange={(v) => set({ namespace: v })} />
      </div>
      <Table
        rows={rows}
        rowKey={(v) => `${v.cluster}/${v.namespace}/${v.name}`}
        empty={data ? "No persistent volume claims." : "Loading…"}
        columns={[
          { key: "name", header: "Claim", render: (v) => <span className="font-medium">{v.name}</span> },
          { key: "ns", header: "Namespace", render: (v) => v.namespace },
          { key: "cluster", header: "Cluster", render: (v) => v.cluster },
          { key: "phase", header: "Status", render: (v) => <StatusPill status={v.phase === "Bound" ? "healthy" : v.phase === "Lost" ? "failed" : "pending"} label={v.phase || "?"} /> },
          { key: "cap", header: "Capacity", render: (v) => v.capacity || `${v.requested} requested` },
          { key: "class", header: "Storage class", render: (v) => v.storageClass || "—" },
          { key: "volume", header: "Volume", render: (v) => <span className="font-mono text-xs">{v.volumeName || "—"}</span> },
          { key: "modes", header: "Access", render: (v) => v.accessModes.join(", ") },
          { key: "age", header: "Age", render: (v) => <RelativeTime at={v.createdAt} /> },
        ]}
      />
    </Card>
  );
}
