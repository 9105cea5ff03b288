export type Tone = "ok" | "warn" | "bad" | "neutral" | "info";

const TONE_CLASS: Record<Tone, string> = {
  ok: "bg-ok/15 text-ok border-ok/30",
  warn: "bg-warn/15 text-warn border-warn/30",
  bad: "bg-bad/15 text-bad border-bad/30",
  info: "bg-accent/15 text-accent border-accent/30",
  neutral: "bg-surface-2 text-muted border-line",
};

/** The tone of a status word used anywhere in the console (health, audit, connection, backups). */
export function toneOf(status: string): Tone {
  const s = status.toLowerCase();
  if (["healthy", "ok", "succeeded", "success", "connected", "ready", "running", "fresh", "up", "active", "firing-resolved", "resolved"].includes(s)) return "ok";
  if (["degraded", "pending", "warning", "reconnecting", "transitional", "stale", "progressing", "silenced"].includes(s)) return "warn";
  if (["failed", "unreachable", "critical", "denied", "interrupted", "down", "error", "firing", "missing", "disabled", "revoked", "expired"].includes(s)) return "bad";
  if (["admin", "operator", "viewer"].includes(s)) return "info";
  return "neutral";
}

export function Badge({ tone = "neutral", children, title }: { tone?: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${TONE_CLASS[tone]}`}>
      {children}
    </span>
  );
}

/** A status word in its colour, e.g. <StatusPill status="degraded" />. */
export function StatusPill({ status, label, title }: { status: string; label?: React.ReactNode; title?: string }) {
  return (
    <Badge tone={toneOf(status)} title={title}>
      <span aria-hidden className="inline-block size-1.5 rounded-full bg-current" />
      {label ?? status}
    </Badge>
  );
}
