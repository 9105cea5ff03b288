"use client";

import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { SourceErrors } from "@/components/ui/source-errors";
import { withVolumeUsage, type PvcWithUsage } from "@/lib/domain/kube/volume-usage";
import type { SourceError } from "@/server/adapters/errors";
import { QueryErrorCard } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import { StaleClusters } from "./cluster-status";
import { distinctOptions, FilterSelect } from "./filters";
import { useSort } from "./sortable";
import { VolumeUsageCell } from "./volume-usage-cell";
import { LIVE_REFETCH_MS, useUrlState } from "./url-state";

const ACCESSORS: Record<string, (r: PvcWithUsage) => string | number | null> = {
  usage: (r) => r.usage?.percent ?? null, name: (r) => r.name, ns: (r) => r.namespace, cluster: (r) => r.cluster,
};

/**
 * PersistentVolumeClaims: capacity, storage class, bound volume, and usage from Prometheus (its own
 * query: without Prometheus the claims still show, with its error beside them), fullest first.
 */
export function VolumesTable() {
  const trpc = useTRPC();
  const [params, set] = useUrlState();
  const { data, error } = useQuery({ ...trpc.cluster.volumes.queryOptions(), refetchInterval: LIVE_REFETCH_MS });
  const usage = useQuery({ ...trpc.metrics.volumeUsage.queryOptions(), refetchInterval: 30_000 });
  const cluster = params.get("cluster") ?? "";
  const namespace = params.get("namespace") ?? "";
  const all = data?.rows;
  const rows = useMemo(
    () => withVolumeUsage((all ?? []).filter((v) => (!cluster || v.cluster === cluster) && (!namespace || v.namespace === namespace)), usage.data?.rows ?? []),
    [all, usage.data, cluster, namespace],
  );
  const { sorted, header } = useSort(rows, ACCESSORS, { key: "usage", dir: -1 });
  if (error && !data) return <QueryErrorCard message={error.message} />;
  const usageErrors: SourceError[] = usage.data?.errors.length ? usage.data.errors : usage.error ? [{ source: "prometheus", message: usage.error.message }] : [];
  const rule = usage.data?.rule;
  return (
    <Card>
      <StaleClusters clusters={data?.clusters.filter((c) => !cluster || c.name === cluster)} />
      <SourceErrors errors={usageErrors} />
      <div className="mb-3 flex flex-wrap gap-2">
        <FilterSelect label="Cluster" value={cluster} options={[...new Set((all ?? []).map((v) => v.cluster))]} onChange={(v) => set({ cluster: v })} />
        <FilterSelect label="Namespace" value={namespace} options={distinctOptions((all ?? []).map((v) => v.namespace))} onChange={(v) => set({ namespace: v })} />
      </div>
      <Table
        rows={sorted}
        rowKey={(v) => `${v.cluster}/${v.namespace}/${v.name}`}
        empty={data ? "No persistent volume claims." : "Loading…"}
        columns={[
          { key: "name", header: header("name", "Claim"), render: (v) => <span className="font-medium">{v.name}</span> },
          { key: "ns", header: header("ns", "Namespace"), render: (v) => v.namespace },
          { key: "cluster", header: header("cluster", "Cluster"), render: (v) => v.cluster },
          { key: "usage", header: header("usage", "Usage"), render: (v) => <VolumeUsageCell usage={v.usage} rule={rule} /> },
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
