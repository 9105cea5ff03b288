"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { SourceErrors } from "@/components/ui/source-errors";
import { Table } from "@/components/ui/table";
import { humanBytes, humanDuration } from "@/lib/domain/humanize";
import { CalendarStrip } from "./calendar-strip";
import { CronJobsCard, MirrorCard, RestoreCard } from "./cluster-cards";
import { SizeChart } from "./size-chart";
import { BackupStatusBadge } from "./status-badge";

export function BackupsView() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.backups.report.queryOptions(), refetchInterval: 60_000 });
  if (q.isPending) return <p className="text-sm text-muted">Reading the backups bucket…</p>;
  if (q.isError) return <SourceErrors errors={[{ source: "s3", message: q.error.message }]} />;
  const r = q.data;
  return (
    <div className="space-y-4">
      <SourceErrors errors={r.errors} />
      {r.streams === undefined ? (
        <Card title={`Backups bucket (${r.bucket})`}>
          <p className="text-sm text-muted">The backups bucket could not be read; see the error above.</p>
        </Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {r.streams.map((s) => (
            <Card
              key={s.stream}
              id={`stream-${s.stream}`}
              title={
                <span className="flex items-center gap-2">
                  <span className="capitalize">{s.stream}</span>
                  <span data-testid={`stream-status-${s.stream}`}>
                    <BackupStatusBadge status={s.status} />
                  </span>
                </span>
              }
            >
              <p className="text-sm" data-testid={`stream-reason-${s.stream}`}>{s.reason}.</p>
              <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
                <dt className="text-muted">Newest</dt>
                <dd>{s.newest ? <RelativeTime at={s.newest.takenAt} /> : "—"}</dd>
                <dt className="text-muted">RPO</dt>
                <dd>
                  {s.rpoHours} h{s.newestAgeMs !== undefined && <span className="text-muted"> (age {humanDuration(s.newestAgeMs)})</span>}
                </dd>
                <dt className="text-muted">Size</dt>
                <dd>
                  {s.newest ? humanBytes(s.newest.size) : "—"}
                  {s.medianOfPrevious !== undefined && <span className="text-muted"> (median {humanBytes(s.medianOfPrevious)})</span>}
                </dd>
                <dt className="text-muted">Retention</dt>
                <dd title={s.retention.status === "short" ? "fewer backups than the policy keeps" : undefined}>
                  {s.retention.count} / {s.retention.target} kept
                </dd>
              </dl>
              {s.newest && <p className="mt-1 truncate font-mono text-xs text-muted" title={s.newest.key}>{s.newest.key}</p>}
              <h3 className="mt-4 mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Last 30 days</h3>
              <CalendarStrip stream={s.stream} days={s.calendar} />
              <p className="mt-1 text-xs" data-testid={`missed-days-${s.stream}`}>
                {s.missedDays.length === 0 ? <span className="text-muted">No missed days.</span> : <span className="text-bad">Missed: {s.missedDays.join(", ")}</span>}
              </p>
              <h3 className="mt-4 mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Size of each backup</h3>
              <SizeChart stream={s.stream} points={s.sizes} />
            </Card>
          ))}
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <CronJobsCard cronJobs={r.cronJobs} />
        <RestoreCard restore={r.restore} />
        <MirrorCard mirror={r.mirror} />
        <Card title="Buckets">
          <Table
            rows={r.buckets}
            rowKey={(b) => b.bucket}
            columns={[
              { key: "bucket", header: "Bucket", render: (b) => <span className="font-mono">{b.bucket}</span> },
              { key: "objects", header: "Objects", className: "text-right", render: (b) => ("error" in b ? <span className="text-bad">{b.error}</span> : b.objects.toLocaleString("en")) },
              { key: "bytes", header: "Size", className: "text-right", render: (b) => ("error" in b ? "—" : humanBytes(b.bytes)) },
            ]}
          />
        </Card>
      </div>
      <p className="text-xs text-muted">
        Checked <RelativeTime at={r.checkedAt} />. Times of backups come from their names (UTC), else from the object&apos;s date.
      </p>
    </div>
  );
}
