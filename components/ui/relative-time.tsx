"use client";

import { useEffect, useState } from "react";
import { absoluteTime, relativeTime } from "@/lib/domain/relative-time";
import { useTimeZone } from "./time-zone";

/** "3 min ago", with the absolute time (in the user's UTC / Africa/Kampala choice) on hover. */
export function RelativeTime({ at, className }: { at: Date | string | number | null | undefined; className?: string }) {
  const timeZone = useTimeZone();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(t);
  }, []);
  if (at === null || at === undefined) return <span className={className}>—</span>;
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  const absolute = absoluteTime(date, timeZone);
  return (
    <time dateTime={date.toISOString()} title={absolute} className={className} suppressHydrationWarning>
      {relativeTime(date, now)}
    </time>
  );
}

/** The absolute time in the user's zone, for places where the exact moment matters. */
export function AbsoluteTime({ at }: { at: Date | string | number }) {
  const timeZone = useTimeZone();
  const date = at instanceof Date ? at : new Date(at);
  return <time dateTime={date.toISOString()}>{absoluteTime(date, timeZone)}</time>;
}
