"use client";

import { useQuery } from "@tanstack/react-query";
import { Sparkline } from "@/components/charts/sparkline";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";

type Target =
  | { kind: "node"; cluster: string; name: string }
  | { kind: "workload"; cluster: string; namespace: string; name: string }
  | { kind: "pod"; cluster: string; namespace: string; name: string };

/** Last hour of CPU and memory from Prometheus, for node, workload and pod detail pages. */
export function UsageSparklines(target: Target) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.metrics.sparklines.queryOptions(target), refetchInterval: 60_000 });
  return (
    <Card title="CPU and memory, last hour">
      <div data-testid="usage-sparklines" className="space-y-2">
        {q.isPending && <p className="text-sm text-muted">Asking Prometheus…</p>}
        {q.isError && <p className="text-sm text-bad">{q.error.message}</p>}
        {q.data?.error && <p className="text-sm text-muted">{q.data.error.message}</p>}
        {q.data?.cpu && <Sparkline t={q.data.cpu.t} values={q.data.cpu.values} unit={q.data.cpu.unit} label="CPU" />}
        {q.data?.memory && <Sparkline t={q.data.memory.t} values={q.data.memory.values} unit="bytes" label="Memory" />}
      </div>
    </Card>
  );
}
