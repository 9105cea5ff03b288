"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { StatusPill } from "@/components/ui/status-pill";

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** Follows a Job created by "Run now" to success or failure; for a backup, shows the new dump. */
export function JobProgress(p: { cluster: string; namespace: string; job: string; cronJob: string; startedAt: number }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.actions.jobStatus.queryOptions(p),
    refetchInterval: (query) => {
      const d = query.state.data;
      if (!d || d.phase === "running") return 1500;
      // a finished backup whose dump is not listed yet: look again a few times
      return d.phase === "succeeded" && !d.dump && Date.now() - p.startedAt < 60_000 ? 2000 : false;
    },
  });
  const s = q.data;
  return (
    <div className="space-y-1 rounded-md border border-line p-3 text-sm" data-testid="job-progress" aria-live="polite">
      <div className="flex items-center gap-2">
        <span className="font-medium">Job</span>
        <span className="font-mono">{p.job}</span>
        {s && <StatusPill status={s.phase} />}
      </div>
      {q.error && <p role="alert" className="text-bad">{q.error.message}</p>}
      {s && <p data-testid="job-message">{s.message}</p>}
      {s?.dumpError && <p className="text-warn">The Job finished, but the new dump could not be listed: {s.dumpError}</p>}
      {s?.dump && (
        <p data-testid="job-dump">
          New dump: <span className="font-mono">{s.dump.key}</span> ({bytes(s.dump.size)})
        </p>
      )}
    </div>
  );
}

export { bytes as formatBytes };
