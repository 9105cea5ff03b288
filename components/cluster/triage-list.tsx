"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/status-pill";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/empty-state";
import type { OverviewTriageItem } from "@/lib/domain/kube/overview";

const TONE = { critical: "bad", warning: "warn", info: "neutral" } as const;

/** What is wrong now, most urgent first: each with a one-line reason and a link. */
export function TriageList({ items, total }: { items: OverviewTriageItem[]; total: number }) {
  if (items.length === 0) return <EmptyState title="Nothing is wrong right now.">Every node, workload and pod in the selected clusters is healthy.</EmptyState>;
  return (
    <div>
      <ol data-testid="triage-list" className="divide-y divide-line/60">
        {items.map((i) => (
          <li key={i.id} data-testid="triage-item" data-kind={i.kind} data-cluster={i.cluster} data-name={i.name} data-reason={i.reason} className="flex flex-wrap items-baseline gap-2 py-2 text-sm">
            <Badge tone={TONE[i.severity]}>{i.reason}</Badge>
            <Link href={i.href} className="font-medium text-accent hover:underline">
              {i.kind} {i.namespace ? `${i.namespace}/` : ""}{i.name}
            </Link>
            <span className="text-xs text-muted">{i.cluster}{i.production ? " · production" : ""}</span>
            <span className="basis-full text-muted sm:basis-auto">{i.message}</span>
            {i.since !== null && <span className="ml-auto text-xs text-muted"><RelativeTime at={i.since} /></span>}
          </li>
        ))}
      </ol>
      {total > items.length && (
        <p className="mt-2 text-xs text-muted">
          Showing the {items.length} most urgent of {total}. <Link href="/pods?status=failed" className="text-accent hover:underline">All failed pods →</Link>{" "}
          <Link href="/workloads?health=degraded" className="text-accent hover:underline">Degraded workloads →</Link>
        </p>
      )}
    </div>
  );
}
