"use client";

import { Badge } from "@/components/ui/status-pill";
import { humanBytes } from "@/lib/domain/humanize";
import type { DiskRule, VolumeUsage } from "@/lib/domain/kube/volume-usage";

/** Used / capacity and percent of one claim, with the seed's action when over the disk threshold. */
export function VolumeUsageCell({ usage, rule }: { usage: VolumeUsage | null; rule: DiskRule | undefined }) {
  if (!usage) return <span className="text-muted">—</span>;
  const pct = Math.min(100, Math.max(0, usage.percent));
  const ruleText = rule ? `disk ${rule.comparison} ${rule.threshold} % → ${rule.action.toLowerCase()}` : undefined;
  return (
    <div className="min-w-40" data-testid="volume-usage" data-full={usage.full ? "true" : "false"}>
      <div className="flex items-center gap-2">
        <span className={`tabular-nums font-medium ${usage.full ? "text-bad" : ""}`}>{usage.percent.toFixed(1)} %</span>
        {usage.full && rule && <Badge tone="bad" title={ruleText}>{rule.action}</Badge>}
      </div>
      <div className="mt-1 h-1.5 w-full rounded-full bg-surface-2" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Volume usage">
        <div className={`h-1.5 rounded-full ${usage.full ? "bg-bad" : pct > 70 ? "bg-warn" : "bg-ok"}`} style={{ width: `${pct}%` }} />
      </div>
      <div className="mt-0.5 text-xs text-muted tabular-nums">
        {humanBytes(usage.usedBytes)} of {humanBytes(usage.capacityBytes)}
      </div>
    </div>
  );
}
