/** 30 UTC days of heartbeats as small bars (height by count; empty days drawn as a red tick). */
export function HeartbeatStrip({ siteId, history }: { siteId: string; history: Array<{ day: string; count: number }> }) {
  const max = Math.max(1, ...history.map((h) => h.count));
  return (
    <div className="flex h-6 w-36 items-end gap-px" role="img" aria-label={`${siteId}: heartbeats per day over the last ${history.length} days`}>
      {history.map((h) => (
        <span
          key={h.day}
          title={`${h.day}: ${h.count} heartbeat${h.count === 1 ? "" : "s"}`}
          className={`min-w-0 flex-1 rounded-[1px] ${h.count ? "bg-accent/70" : "bg-bad/40"}`}
          style={{ height: h.count ? `${Math.max(15, (h.count / max) * 100)}%` : "2px" }}
        />
      ))}
    </div>
  );
}
