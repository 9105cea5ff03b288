import { bigint, bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** School and district servers that report to /api/edge/v1/heartbeat. */
export const edgeSites = pgTable("edge_sites", {
  /** e.g. "kla-001" */
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  district: text("district").notNull(),
  /** "daily" | "weekly" | "<n>h" */
  syncInterval: text("sync_interval").notNull(),
  /** the K3s node of this site (nodes also carry the label grio.io/site=<id>) */
  nodeName: text("node_name"),
  /** sha256 hex of the site token; the token itself is shown once and never stored */
  tokenHash: text("token_hash").notNull().unique(),
  /** first characters of the token, to recognise it */
  tokenPrefix: text("token_prefix").notNull(),
  tokenCreatedAt: timestamp("token_created_at", { withTimezone: true }).notNull().defaultNow(),
  tokenRotatedAt: timestamp("token_rotated_at", { withTimezone: true }),
  tokenRevokedAt: timestamp("token_revoked_at", { withTimezone: true }),
  /** principal id (user or API token) that registered the site */
  createdBy: text("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const edgeHeartbeats = pgTable(
  "edge_heartbeats",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    siteId: text("site_id").notNull().references(() => edgeSites.id),
    /** when the agent sent it (late heartbeats are stored under their own sentAt) */
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    /** when the console received it */
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    agentVersion: text("agent_version").notNull(),
    curriculumVersion: text("curriculum_version").notNull(),
    lastCurriculumSyncAt: timestamp("last_curriculum_sync_at", { withTimezone: true }),
    lastSubmissionUploadAt: timestamp("last_submission_upload_at", { withTimezone: true }),
    queuedChanges: integer("queued_changes").notNull(),
    diskUsedBytes: bigint("disk_used_bytes", { mode: "number" }).notNull(),
    diskTotalBytes: bigint("disk_total_bytes", { mode: "number" }).notNull(),
  },
  (t) => [index("edge_heartbeats_site_sent").on(t.siteId, t.sentAt), index("edge_heartbeats_site_received").on(t.siteId, t.receivedAt)],
);

/** Authenticated heartbeat requests per site, for the 60-per-minute limit shared by every replica. */
export const edgeRequests = pgTable(
  "edge_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    siteId: text("site_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("edge_requests_site_at").on(t.siteId, t.at)],
);
