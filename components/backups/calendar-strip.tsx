import type { CalendarDay } from "@/lib/domain/backups/calendar";
import { humanBytes } from "@/lib/domain/humanize";

const DAY_CLASS: Record<CalendarDay["status"], string> = {
  ok: "bg-ok/70",
  anomalous: "bg-warn",
  missed: "bg-bad",
  pending: "bg-surface-2 border border-dashed border-line",
  pruned: "bg-surface-2",
};
const DAY_WORDS: Record<CalendarDay["status"], string> = {
  ok: "backup taken",
  anomalous: "backup under half the usual size",
  missed: "no backup",
  pending: "today, no backup yet",
  pruned: "older than the retention window",
};

/** 30 UTC days, one square each: green ok, amber anomalous, red missed. */
export function CalendarStrip({ stream, days }: { stream: string; days: CalendarDay[] }) {
  return (
    <div>
      <ol className="flex gap-0.5" aria-label={`${stream} backups over the last ${days.length} days (UTC)`}>
        {days.map((d) => {
          const label = `${d.day}: ${DAY_WORDS[d.status]}${d.count ? ` (${d.count}, ${humanBytes(d.bytes)})` : ""}`;
          return (
            <li key={d.day} title={label} aria-label={label} data-day={d.day} data-status={d.status} className={`h-6 min-w-0 flex-1 rounded-sm ${DAY_CLASS[d.status]}`} />
          );
        })}
      </ol>
      <div className="mt-1 flex justify-between text-[11px] text-muted">
        <span>{days[0]?.day}</span>
        <span>UTC days</span>
        <span>{days[days.length - 1]?.day}</span>
      </div>
    </div>
  );
}
