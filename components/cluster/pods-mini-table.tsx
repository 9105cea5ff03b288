"use client";

import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import { links } from "@/lib/domain/kube/links";
import type { PodRow } from "@/lib/domain/kube/summary";

/** Pods of a node or a workload. */
export function PodsMiniTable({ pods, showNode = true }: { pods: PodRow[]; showNode?: boolean }) {
  return (
    <Table
      rows={pods}
      rowKey={(p) => `${p.cluster}/${p.namespace}/${p.name}`}
      empty="No pods."
      columns={[
        { key: "name", header: "Pod", render: (p) => <Link href={links.pod(p.cluster, p.namespace, p.name)} className="font-medium text-accent hover:underline">{p.name}</Link> },
        { key: "ns", header: "Namespace", render: (p) => p.namespace },
        { key: "health", header: "Status", render: (p) => <StatusPill status={p.health} label={p.reason} title={p.message} /> },
        { key: "ready", header: "Ready", render: (p) => p.ready },
        { key: "restarts", header: "Restarts", render: (p) => p.restarts },
        ...(showNode ? [{ key: "node", header: "Node", render: (p: PodRow) => p.node || "—" }] : []),
        { key: "age", header: "Age", render: (p) => <RelativeTime at={p.createdAt} /> },
      ]}
    />
  );
}
