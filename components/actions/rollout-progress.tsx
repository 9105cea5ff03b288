"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { StatusPill } from "@/components/ui/status-pill";

type Workload = { cluster: string; namespace: string; kind: "Deployment" | "StatefulSet"; name: string };

const PHASE_LABEL = { progressing: "progressing", complete: "complete", failed: "failed", "timed-out": "timed out" } as const;

/** Follows the rollout like `kubectl rollout status` until complete, failed or timed out, and says which. */
export function RolloutProgress({ workload, startedAt }: { workload: Workload; startedAt: number }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.actions.rolloutStatus.queryOptions({ ...workload, startedAt }),
    refetchInterval: (query) => (query.state.data && query.state.data.phase !== "progressing" ? false : 1500),
  });
  const s = q.data;
  return (
    <div className="space-y-2 rounded-md border border-line p-3 text-sm" data-testid="rollout-progress" aria-live="polite">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Rollout</span>
        {s ? (
          <StatusPill status={s.phase === "complete" ? "succeeded" : s.phase === "progressing" ? "progressing" : "failed"} label={PHASE_LABEL[s.phase]} />
        ) : (
          <span className="text-muted">waiting for the first observation…</span>
        )}
      </div>
      {q.error && <p role="alert" className="text-bad">{q.error.message}</p>}
      {s && (
        <>
          <p data-testid="rollout-message">{s.message}</p>
          <p className="text-muted">
            updated {s.updated}/{s.desired} · ready {s.ready}/{s.desired} · available {s.available}/{s.desired}
          </p>
          {s.pods.length > 0 && (
            <ul className="grid gap-1 text-xs sm:grid-cols-2">
              {s.pods.map((p) => (
                <li key={p.name} className="flex items-center gap-2 font-mono">
                  <StatusPill status={p.ready ? "ready" : p.phase === "Failed" ? "failed" : "pending"} label={p.ready ? "ready" : p.phase} />
                  <span className="truncate">{p.name}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
