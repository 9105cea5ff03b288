"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { LoadingCard } from "@/components/ui/query-state";
import { StatusPill, Badge } from "@/components/ui/status-pill";
import type { HealthCounts } from "@/lib/domain/kube/summary";
import { ChangeTimeline } from "./change-timeline";
import { ClusterStateText } from "./cluster-status";
import { TriageList } from "./triage-list";
import { LIVE_REFETCH_MS, useUrlState } from "./url-state";

function Counts({ label, c, href }: { label: string; c: HealthCounts; href: string }) {
  return (
    <Link href={href} className="flex flex-wrap items-center gap-1 text-sm hover:underline">
      <span className="w-20 text-muted">{label}</span>
      <span className="font-medium">{c.total}</span>
      {c.failed > 0 && <StatusPill status="failed" label={`${c.failed} failed`} />}
      {c.degraded > 0 && <StatusPill status="degraded" label={`${c.degraded} degraded`} />}
      {c.progressing > 0 && <Badge tone="info">{c.progressing} progressing</Badge>}
    </Link>
  );
}

/** Overview / triage: cluster status lines, counts by health, what is wrong now, what changed. */
export function ClusterOverview() {
  const trpc = useTRPC();
  const [params] = useUrlState();
  const selected = params.get("cluster");
  const { data, error } = useQuery({ ...trpc.cluster.overview.queryOptions(), refetchInterval: LIVE_REFETCH_MS });
  if (error && !data) return <Card><p role="alert" className="text-sm text-bad">Could not load the overview: {error.message}</p></Card>;
  if (!data) return <LoadingCard />;
  const clusters = data.clusters.filter((c) => !selected || c.name === selected);
  const triage = data.triage.filter((t) => !selected || t.cluster === selected);
  const timeline = data.timeline.filter((t) => !selected || t.cluster === selected);
  const q = selected ? `?cluster=${encodeURIComponent(selected)}` : "";

  return (
    <div className="space-y-4">
      {data.configError && <p role="alert" className="rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad">{data.configError}</p>}
      {data.clusters.length === 0 && !data.configError && (
        <Card><p className="text-sm text-muted">No clusters configured: set KUBECONFIG (one context per cluster) or GRIO_IN_CLUSTER=1.</p></Card>
      )}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {clusters.map((c) => (
          <Card key={c.name} title={<span>{c.displayName} <span className="font-normal text-muted">· {c.tier}{c.production ? " · production" : ""}</span></span>}>
            <div data-testid={`cluster-status-${c.name}`} data-state={c.status.state} className="mb-2">
              <ClusterStateText status={c.status} />
              {c.stale && <span className="ml-2 text-xs text-warn">last-known data</span>}
            </div>
            <Counts label="Nodes" c={c.counts.nodes} href={`/nodes?cluster=${encodeURIComponent(c.name)}`} />
            <Counts label="Workloads" c={c.counts.workloads} href={`/workloads?cluster=${encodeURIComponent(c.name)}`} />
            <Counts label="Pods" c={c.counts.pods} href={`/pods?cluster=${encodeURIComponent(c.name)}`} />
          </Card>
        ))}
      </div>
      <Card title={`What is wrong now${triage.length ? ` (${selected ? triage.length : data.triageTotal})` : ""}`} id="triage">
        <TriageList items={triage} total={selected ? triage.length : data.triageTotal} />
      </Card>
      <Card title="What changed (last 24 h)" id="timeline" actions={<Link href={`/workloads${q}`} className="text-xs text-accent">Workloads →</Link>}>
        <ChangeTimeline entries={timeline} />
      </Card>
    </div>
  );
}
