/** How an audit row is shown. Pure: `now` is passed in. */
export type AuditDisplayStatus = "pending" | "succeeded" | "failed" | "denied" | "interrupted";

export interface AuditStatusInput {
  status: string;
  startedAt: Date;
  timeLimitMs: number | null;
}

/**
 * A `pending` row whose time limit has passed is shown as `interrupted`: the console stopped (or the
 * upstream call hung) before it could record the outcome. Pending rows without a limit stay pending.
 */
export function displayStatus(row: AuditStatusInput, now: Date): AuditDisplayStatus {
  if (row.status !== "pending") return row.status as AuditDisplayStatus;
  if (row.timeLimitMs !== null && now.getTime() - row.startedAt.getTime() > row.timeLimitMs) return "interrupted";
  return "pending";
}

/** One CSV field, quoted when needed (RFC 4180); formulas are defused for spreadsheet safety. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(",");
}
