"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { BackupStatusBadge } from "@/components/backups/status-badge";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { SourceErrors } from "@/components/ui/source-errors";
import { Badge } from "@/components/ui/status-pill";
import { humanDuration } from "@/lib/domain/humanize";

/** Overview: how many school servers are fresh, late, stale or never seen, and the worst few. */
export function EdgeOverviewCard() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.edge.summary.queryOptions(), refetchInterval: 60_000 });
  return (
    <Card title={<Link href="/edge" className="hover:underline">Edge sites</Link>}>
      {q.isPending ? (
        <p className="text-sm text-muted">Loading sites…</p>
      ) : q.isError ? (
        <p className="text-sm text-bad">{q.error.message}</p>
      ) : (
        <>
          <SourceErrors errors={q.data.errors} />
          <div className="flex flex-wrap gap-2 text-sm" data-testid="edge-overview-counts">
            <Badge tone="ok">{q.data.counts.fresh} fresh</Badge>
            <Badge tone="warn">{q.data.counts.late} late</Badge>
            <Badge tone="bad">{q.data.counts.stale} stale</Badge>
            <Badge tone="neutral">{q.data.counts.never} never</Badge>
            <span className="text-muted">of {q.data.total}</span>
          </div>
          {q.data.worst.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm">
              {q.data.worst.map((s) => (
                <li key={s.id}>
                  <BackupStatusBadge status={s.freshness} /> {s.name}{" "}
                  <span className="text-xs text-muted">{s.offlineMs === undefined ? "never reported" : `last heard ${humanDuration(s.offlineMs)} ago`}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}
