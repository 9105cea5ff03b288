"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import type { ClusterState } from "@/lib/domain/kube/triage";

type Line = { name: string; displayName: string; status: ClusterState; stale?: boolean };

/** "connected", "reconnecting since 2 min ago (reason)", "unreachable since … (reason)" */
export function ClusterStateText({ status }: { status: ClusterState }) {
  if (status.state === "connected") return <StatusPill status="connected" />;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <StatusPill status={status.state} />
      <span className="text-xs text-muted">
        since <RelativeTime at={status.since} /> — {status.reason}
      </span>
    </span>
  );
}

/** One alert line per cluster that is not connected: its error, and that its data is last-known. */
export function StaleClusters({ clusters }: { clusters: Line[] | undefined }) {
  const bad = (clusters ?? []).filter((c) => c.status.state !== "connected");
  if (bad.length === 0) return null;
  return (
    <div role="alert" data-testid="stale-clusters" className="mb-3 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm">
      {bad.map((c) => (
        <p key={c.name} data-testid={`cluster-state-${c.name}`}>
          <strong>{c.displayName}</strong>: <ClusterStateText status={c.status} /> — showing last-known data (stale).
        </p>
      ))}
    </div>
  );
}
