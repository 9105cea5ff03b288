"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { StatusPill } from "@/components/ui/status-pill";

/** The overview's alerts card: how many seed thresholds fire, which, and what to do. */
export function AlertsOverviewCard() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.alerts.summary.queryOptions(), refetchInterval: 30_000 });
  return (
    <Card title={<Link href="/alerts" className="hover:underline">Alerts</Link>}>
      <div data-testid="alerts-card" className="space-y-2 text-sm">
        {q.isPending && <p className="text-muted">Evaluating thresholds…</p>}
        {q.isError && <p className="text-bad">{q.error.message}</p>}
        {q.data && (
          <>
            <div className="flex flex-wrap gap-2">
              <StatusPill status={q.data.firing ? "firing" : "ok"} label={`${q.data.firing} firing`} />
              {q.data.pending > 0 && <StatusPill status="pending" label={`${q.data.pending} pending`} />}
              {q.data.unknown > 0 && <StatusPill status="unknown" label={`${q.data.unknown} not evaluated`} />}
              {q.data.activeSilences > 0 && <StatusPill status="silenced" label={`${q.data.activeSilences} silences`} />}
            </div>
            <ul className="space-y-0.5">
              {q.data.firingTitles.map((t) => (
                <li key={t.id}>
                  <span className="font-medium">{t.title}</span> → {t.action}
                </li>
              ))}
            </ul>
            {q.data.errors.map((e, i) => (
              <p key={i} className="text-xs text-bad">
                {e.message}
              </p>
            ))}
          </>
        )}
      </div>
    </Card>
  );
}
