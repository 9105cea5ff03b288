import { Badge, type Tone } from "@/components/ui/status-pill";

const TONE: Record<string, Tone> = {
  ok: "ok", late: "warn", anomalous: "bad", missing: "bad", "in-sync": "ok", lagging: "warn", empty: "neutral",
  stale: "bad", never: "bad", fresh: "ok",
};

/** Backup and mirror statuses in their colours (late amber; anomalous and missing red). */
export function BackupStatusBadge({ status, title }: { status: string; title?: string }) {
  return (
    <Badge tone={TONE[status] ?? "neutral"} title={title}>
      <span aria-hidden className="inline-block size-1.5 rounded-full bg-current" />
      {status}
    </Badge>
  );
}
