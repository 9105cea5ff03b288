import { z } from "zod";
import { SYNC_INTERVAL_PATTERN } from "./freshness";

/** What a school server's sync agent posts to /api/edge/v1/heartbeat. */
export const HEARTBEAT_MAX_BYTES = 16 * 1024;
export const HEARTBEAT_MAX_FUTURE_MS = 5 * 60_000;
export const HEARTBEAT_MAX_AGE_MS = 30 * 86_400_000;
export const HEARTBEATS_PER_MINUTE = 60;

const rfc3339 = z.iso.datetime({ offset: true, message: "must be an RFC 3339 time, e.g. 2026-12-04T07:00:00Z" });
const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const count = z.int("must be a whole number").min(0, "must be 0 or more");

export const heartbeatSchema = z.object({
  siteId: text(64),
  agentVersion: text(64),
  curriculumVersion: text(64),
  lastCurriculumSyncAt: rfc3339.nullable(),
  lastSubmissionUploadAt: rfc3339.nullable(),
  queuedChanges: count,
  diskUsedBytes: count,
  diskTotalBytes: z.int("must be a whole number").min(1, "must be greater than 0"),
  sentAt: rfc3339,
});
export type HeartbeatBody = z.infer<typeof heartbeatSchema>;

export type FieldError = { field: string; message: string };

export type Heartbeat = {
  siteId: string;
  agentVersion: string;
  curriculumVersion: string;
  lastCurriculumSyncAt: Date | null;
  lastSubmissionUploadAt: Date | null;
  queuedChanges: number;
  diskUsedBytes: number;
  diskTotalBytes: number;
  sentAt: Date;
};

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    field: i.path.length ? i.path.join(".") : "(body)",
    message: i.code === "invalid_type" && i.input === undefined ? "is required" : i.message,
  }));
}

/**
 * Validate a heartbeat's parsed JSON for the site its token belongs to. Field errors for a body
 * that breaks the schema, names another site, or was sent more than 5 minutes in the future or
 * more than 30 days ago (exactly 5 min / 30 d is accepted).
 */
export function checkHeartbeat(
  json: unknown,
  tokenSiteId: string,
  now: Date,
): { ok: true; heartbeat: Heartbeat } | { ok: false; errors: FieldError[] } {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, errors: [{ field: "(body)", message: "must be a JSON object" }] };
  }
  const parsed = heartbeatSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const b = parsed.data;
  const errors: FieldError[] = [];
  if (b.siteId !== tokenSiteId) {
    errors.push({ field: "siteId", message: `is "${b.siteId}" but this token belongs to site "${tokenSiteId}"` });
  }
  const sentAt = new Date(b.sentAt);
  if (sentAt.getTime() - now.getTime() > HEARTBEAT_MAX_FUTURE_MS) {
    errors.push({ field: "sentAt", message: "is more than 5 minutes in the future (check the school server's clock)" });
  } else if (now.getTime() - sentAt.getTime() > HEARTBEAT_MAX_AGE_MS) {
    errors.push({ field: "sentAt", message: "is older than 30 days" });
  }
  if (b.diskUsedBytes > b.diskTotalBytes) {
    errors.push({ field: "diskUsedBytes", message: "is larger than diskTotalBytes" });
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    heartbeat: {
      ...b,
      lastCurriculumSyncAt: b.lastCurriculumSyncAt ? new Date(b.lastCurriculumSyncAt) : null,
      lastSubmissionUploadAt: b.lastSubmissionUploadAt ? new Date(b.lastSubmissionUploadAt) : null,
      sentAt,
    },
  };
}

/** Body of POST /api/edge/v1/sites (and the admin UI's "add site"). */
export const siteInputSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "must be 2–63 lowercase letters, digits or dashes, e.g. kla-001"),
  name: text(200),
  district: text(100),
  syncInterval: z.string().regex(SYNC_INTERVAL_PATTERN, 'must be "daily", "weekly" or "<n>h", e.g. "6h"'),
  nodeName: text(253).optional(),
});
export type SiteInput = z.infer<typeof siteInputSchema>;
