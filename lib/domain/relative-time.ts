/** "3 min ago", "in 2 h", "just now" — compact, for tables. Pure: `now` is passed in. */
export function relativeTime(at: Date, now: Date): string {
  const diffS = Math.round((at.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(diffS);
  if (abs < 10) return "just now";
  const [value, unit] =
    abs < 60 ? [abs, "s"] : abs < 3600 ? [Math.floor(abs / 60), "min"] : abs < 86_400 ? [Math.floor(abs / 3600), "h"] : [Math.floor(abs / 86_400), "d"];
  return diffS < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** "2026-12-04 10:15:03 EAT" in the user's chosen zone (UTC or Africa/Kampala). */
export function absoluteTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  const label = timeZone === "UTC" ? "UTC" : timeZone === "Africa/Kampala" ? "EAT" : timeZone;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")} ${label}`;
}
