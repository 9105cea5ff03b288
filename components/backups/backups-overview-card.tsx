"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { SourceErrors } from "@/components/ui/source-errors";
import { BackupStatusBadge } from "./status-badge";

/** Overview: the worst backup status, and each stream's status with its reason. */
export function BackupsOverviewCard() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.backups.summary.queryOptions(), refetchInterval: 60_000 });
  return (
    <Card title={<Link href="/backups" className="hover:underline">Backups</Link>} actions={q.data?.worst && <span data-testid="backups-worst"><BackupStatusBadge status={q.data.worst} /></span>}>
      {q.isPending ? (
        <p className="text-sm text-muted">Reading the backups bucket…</p>
      ) : q.isError ? (
        <p className="text-sm text-bad">{q.error.message}</p>
      ) : (
        <>
          <SourceErrors errors={q.data.errors} />
          <ul className="space-y-2 text-sm">
            {q.data.streams.map((s) => (
              <li key={s.stream}>
                <span className="capitalize">{s.stream}</span> <BackupStatusBadge status={s.status} />{" "}
                <span className="text-xs text-muted">newest <RelativeTime at={s.newestAt} /></span>
                <p className="text-xs text-muted">{s.reason}</p>
              </li>
            ))}
            {q.data.restore && (
              <li>
                Restore test <BackupStatusBadge status={q.data.restore === "ok" ? "ok" : q.data.restore} />
              </li>
            )}
          </ul>
        </>
      )}
    </Card>
  );
}
