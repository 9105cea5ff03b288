"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { useUrlState } from "./url-state";

/** The top bar's cluster choice: `?cluster=` on the current page (kept in the URL for on-call links). */
export function ClusterPicker() {
  const trpc = useTRPC();
  const [params, set] = useUrlState();
  const { data } = useQuery({ ...trpc.cluster.list.queryOptions(), refetchInterval: 15_000 });
  const value = params.get("cluster") ?? "";
  return (
    <label className="flex items-center gap-1 text-sm text-muted">
      <span className="sr-only md:not-sr-only">Cluster</span>
      <select
        aria-label="Cluster"
        value={value}
        onChange={(e) => set({ cluster: e.target.value })}
        className="rounded-md border border-line bg-surface px-2 py-1 text-sm text-fg"
      >
        <option value="">All clusters</option>
        {(data ?? []).map((c) => (
          <option key={c.name} value={c.name}>
            {c.displayName}{c.status.state !== "connected" ? ` (${c.status.state})` : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
