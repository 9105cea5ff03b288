"use client";

import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import type { BackupsReport } from "@/server/services/backups";
import { humanDuration } from "@/lib/domain/humanize";
import { BackupStatusBadge } from "./status-badge";

export function CronJobsCard({ cronJobs }: { cronJobs: BackupsReport["cronJobs"] }) {
  return (
    <Card title="Backup CronJobs">
      <Table
        rows={cronJobs}
        rowKey={(c) => `${c.cluster}/${c.namespace}/${c.name}`}
        empty="No backup CronJobs found in the cluster cache."
        columns={[
          {
            key: "name", header: "CronJob",
            render: (c) => (
              <div>
                <span className="font-mono">{c.name}</span> <span className="text-xs text-muted">{c.cluster}/{c.namespace}</span>
                <div className="text-xs text-muted">{c.schedule}</div>
              </div>
            ),
          },
          { key: "state", header: "State", render: (c) => (c.suspended ? <Badge tone="warn">suspended</Badge> : c.failingNow ? <Badge tone="bad">failing</Badge> : c.active ? <Badge tone="info">running</Badge> : <Badge tone="ok">scheduled</Badge>) },
          { key: "schedule", header: "Last schedule", render: (c) => <RelativeTime at={c.lastScheduleAt} /> },
          { key: "success", header: "Last success", render: (c) => <RelativeTime at={c.lastSuccessAt} /> },
          {
            key: "failure", header: "Last failure",
            render: (c) => (c.lastFailure ? <span className={c.failingNow ? "text-bad" : "text-muted"}><RelativeTime at={c.lastFailure.at} />: {c.lastFailure.reason}</span> : "—"),
          },
        ]}
      />
    </Card>
  );
}

export function RestoreCard({ restore }: { restore: BackupsReport["restore"] }) {
  return (
    <Card title="Last verified restore">
      {restore ? (
        <div className="space-y-1 text-sm" data-testid="restore-verification">
          <BackupStatusBadge status={restore.status === "ok" ? "ok" : restore.status} />
          <p>
            {restore.lastVerifiedAt ? <RelativeTime at={restore.lastVerifiedAt} /> : "Never"} — {restore.reason}.
          </p>
          <p className="text-xs text-muted">From the weekly restore-test CronJob; stale after 8 days.</p>
        </div>
      ) : (
        <p className="text-sm text-muted">The cluster cache is not available, so the restore-test CronJob cannot be read.</p>
      )}
    </Card>
  );
}

export function MirrorCard({ mirror }: { mirror: BackupsReport["mirror"] }) {
  return (
    <Card title="Mirror (minio-backup)">
      {!mirror.configured ? (
        <p className="text-sm text-muted">No mirror is configured (S3_MIRROR_ENDPOINT).</p>
      ) : !mirror.streams ? (
        <p className="text-sm text-muted">The comparison needs both endpoints; see the errors above.</p>
      ) : (
        <Table
          rows={mirror.streams}
          rowKey={(m) => m.stream}
          columns={[
            { key: "stream", header: "Stream", render: (m) => <span className="capitalize">{m.stream}</span> },
            { key: "status", header: "Status", render: (m) => <BackupStatusBadge status={m.status} /> },
            { key: "lag", header: "Lag", render: (m) => (m.lagMs === undefined ? "—" : m.lagMs === 0 ? "none" : humanDuration(m.lagMs)) },
            {
              key: "missing", header: "Not mirrored",
              render: (m) => (m.missingKeys.length === 0 ? "—" : <span title={m.missingKeys.join("\n")}>{m.missingKeys.length}: {m.missingKeys.slice(0, 2).map((k) => k.split("/").pop()).join(", ")}{m.missingKeys.length > 2 ? "…" : ""}</span>),
            },
          ]}
        />
      )}
    </Card>
  );
}
