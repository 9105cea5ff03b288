"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/status-pill";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/empty-state";
import type { OverviewChange } from "@/lib/domain/kube/overview";

const TONE = { rollout: "info", restart: "warn", scale: "neutral", warning: "warn" } as const;

/** The last 24 h: rollouts (old → new image), restarts, scale changes, Warning events, newest first. */
export function ChangeTimeline({ entries }: { entries: OverviewChange[] }) {
  if (entries.length === 0) return <EmptyState title="No changes in the last 24 hours." />;
  return (
    <ol data-testid="change-timeline" className="divide-y divide-line/60">
      {entries.map((e) => (
        <li key={e.id} data-kind={e.kind} className="flex flex-wrap items-baseline gap-2 py-1.5 text-sm">
          <span className="w-20 shrink-0 text-xs text-muted"><RelativeTime at={e.at} /></span>
          <Badge tone={TONE[e.kind]}>{e.kind}</Badge>
          <Link href={e.href} className="min-w-0 flex-1 break-words hover:underline">{e.summary}</Link>
          <span className="text-xs text-muted">{e.cluster}</span>
        </li>
      ))}
    </ol>
  );
}
