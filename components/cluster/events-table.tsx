"use client";

import { Badge } from "@/components/ui/status-pill";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table } from "@/components/ui/table";
import type { SlimEvent } from "@/lib/domain/kube/types";

export function EventsTable({ events }: { events: SlimEvent[] }) {
  return (
    <Table
      rows={events}
      rowKey={(e) => e.uid}
      empty="No events in the cache for this object (Kubernetes keeps events for about an hour)."
      columns={[
        { key: "type", header: "Type", render: (e) => <Badge tone={e.type === "Warning" ? "warn" : "neutral"}>{e.type}</Badge> },
        { key: "reason", header: "Reason", render: (e) => e.reason },
        { key: "message", header: "Message", render: (e) => <span className="break-words">{e.message}</span> },
        { key: "count", header: "Count", render: (e) => e.count },
        { key: "last", header: "Last seen", render: (e) => <RelativeTime at={e.lastSeen} /> },
      ]}
    />
  );
}
