"use client";

import { useQuery } from "@tanstack/react-query";
import { BackupStatusBadge } from "@/components/backups/status-badge";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { SourceErrors } from "@/components/ui/source-errors";
import { Badge } from "@/components/ui/status-pill";
import { Table } from "@/components/ui/table";
import { humanBytes, humanDuration } from "@/lib/domain/humanize";
import type { FleetSite } from "@/server/services/edge-fleet";
import { HeartbeatStrip } from "./heartbeat-strip";
import { AddSiteCard, SiteTokenActions } from "./site-admin";

const ONLINE_MS = 2 * 3_600_000;

function offline(s: FleetSite) {
  if (s.offlineMs === undefined) return <span className="text-muted">never reported</span>;
  if (s.offlineMs <= ONLINE_MS) return <span className="text-ok">online</span>;
  return <span className="text-bad" data-testid={`offline-${s.id}`}>offline {humanDuration(s.offlineMs)}</span>;
}

export function EdgeView() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.edge.fleet.queryOptions(), refetchInterval: 30_000 });
  if (q.isPending) return <p className="text-sm text-muted">Loading sites…</p>;
  if (q.isError) return <p role="alert" className="text-sm text-bad">{q.error.message}</p>;
  const f = q.data;
  const columns = [
    {
      key: "site", header: "Site",
      render: (s: FleetSite) => (
        <div>
          <div className="font-medium">{s.name}</div>
          <div className="font-mono text-xs text-muted">{s.id}</div>
        </div>
      ),
    },
    {
      key: "freshness", header: "Curriculum sync",
      render: (s: FleetSite) => (
        <div className="max-w-64">
          <span data-testid={`freshness-${s.id}`}><BackupStatusBadge status={s.freshness} title={s.freshnessReason} /></span>
          <div className="mt-1 text-xs text-muted">{s.lastCurriculumSyncAt ? <RelativeTime at={s.lastCurriculumSyncAt} /> : "never"}</div>
        </div>
      ),
    },
    {
      key: "offline", header: "Last heard",
      render: (s: FleetSite) => (
        <div>
          {offline(s)}
          <div className="text-xs text-muted" title="when the newest heartbeat the site delivered was sent">
            <RelativeTime at={s.lastHeardAt} />
          </div>
        </div>
      ),
    },
    { key: "queued", header: "Queued", className: "text-right", render: (s: FleetSite) => s.queuedChanges?.toLocaleString("en") ?? "—" },
    {
      key: "version", header: "Curriculum",
      render: (s: FleetSite) => (
        <span className="font-mono text-xs">
          {s.curriculumVersion ?? "—"} {s.drift.drifted && <Badge tone="warn" title={`current is ${f.currentVersion}`}>{s.drift.direction}</Badge>}
        </span>
      ),
    },
    {
      key: "disk", header: "Disk",
      render: (s: FleetSite) =>
        s.disk ? (
          <span className={s.disk.status === "critical" ? "text-bad" : s.disk.status === "warning" ? "text-warn" : ""} title={`${humanBytes(s.disk.usedBytes)} of ${humanBytes(s.disk.totalBytes)}`}>
            {Math.round(s.disk.fraction * 100)} %
          </span>
        ) : "—",
    },
    { key: "agent", header: "Agent", render: (s: FleetSite) => <span className="font-mono text-xs">{s.agentVersion ?? "—"}</span> },
    { key: "history", header: "30 days", render: (s: FleetSite) => <HeartbeatStrip siteId={s.id} history={s.history} /> },
    {
      key: "node", header: "K3s node",
      render: (s: FleetSite) => (
        <div className="max-w-72 text-xs">
          {s.node && <Badge tone={s.node.ready === "True" ? "ok" : "bad"}>{s.node.name}: {s.node.ready === "True" ? "Ready" : "NotReady"}</Badge>}
          <p className="mt-1 text-muted" data-testid={`story-${s.id}`}>{s.story}</p>
        </div>
      ),
    },
    ...(f.canManage
      ? [{
          key: "admin", header: "Token",
          render: (s: FleetSite) => (
            <div className="text-xs">
              <div className="font-mono text-muted">{s.settings?.tokenPrefix}… · {s.settings?.syncInterval}</div>
              {s.settings?.tokenRevokedAt && <Badge tone="bad">revoked</Badge>}
              <SiteTokenActions siteId={s.id} revoked={!!s.settings?.tokenRevokedAt} />
            </div>
          ),
        }]
      : []),
  ];
  return (
    <div className="space-y-4">
      <SourceErrors errors={f.errors} />
      <div className="flex flex-wrap gap-2 text-sm" data-testid="edge-counts">
        <Badge tone="ok">{f.counts.fresh} fresh</Badge>
        <Badge tone="warn">{f.counts.late} late</Badge>
        <Badge tone="bad">{f.counts.stale} stale</Badge>
        <Badge tone="neutral">{f.counts.never} never</Badge>
        <span className="text-muted">of {f.total} sites · current curriculum {f.currentVersion ?? "unknown"}</span>
      </div>
      {f.total === 0 && <Card><p className="text-sm text-muted">No sites are registered yet.</p></Card>}
      {f.districts.map((d) => (
        <Card key={d.district} title={`${d.district} (${d.sites.length})`}>
          <Table rows={d.sites} rowKey={(s) => s.id} columns={columns} caption={`Sites in ${d.district}, stalest first`} />
        </Card>
      ))}
      {f.canManage && <AddSiteCard />}
    </div>
  );
}
