import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { edgeHeartbeats, edgeRequests } from "@/db/schema";
import { HEARTBEATS_PER_MINUTE, type Heartbeat } from "@/lib/domain/edge/heartbeat";

/**
 * Counts this request against the site's 60-per-minute limit, in the database so that every replica
 * shares it. A refused request is not counted (an agent backing off recovers after a minute).
 */
export async function takeHeartbeatSlot(db: Db, siteId: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - 60_000);
  const rows = await db.execute(sql`
    insert into ${edgeRequests} (site_id, at)
    select ${siteId}, ${now.toISOString()}::timestamptz
    where (select count(*) from ${edgeRequests} where site_id = ${siteId} and at > ${since.toISOString()}::timestamptz) < ${HEARTBEATS_PER_MINUTE}
    returning id`);
  if (Math.random() < 0.01) {
    await db.delete(edgeRequests).where(lt(edgeRequests.at, new Date(now.getTime() - 3_600_000)));
  }
  return rowCount(rows) > 0;
}

function rowCount(result: unknown): number {
  const r = result as { rows?: unknown[]; rowCount?: number | null } | unknown[];
  if (Array.isArray(r)) return r.length;
  return r.rows?.length ?? r.rowCount ?? 0;
}

/** Stores a valid heartbeat under its own sentAt; resolves only once it is written. */
export async function storeHeartbeat(db: Db, hb: Heartbeat, receivedAt = new Date()): Promise<number> {
  const [row] = await db
    .insert(edgeHeartbeats)
    .values({
      siteId: hb.siteId, sentAt: hb.sentAt, receivedAt, agentVersion: hb.agentVersion, curriculumVersion: hb.curriculumVersion,
      lastCurriculumSyncAt: hb.lastCurriculumSyncAt, lastSubmissionUploadAt: hb.lastSubmissionUploadAt,
      queuedChanges: hb.queuedChanges, diskUsedBytes: hb.diskUsedBytes, diskTotalBytes: hb.diskTotalBytes,
    })
    .returning({ id: edgeHeartbeats.id });
  return row!.id;
}

export type HeartbeatRow = typeof edgeHeartbeats.$inferSelect;

/**
 * Per site: the newest heartbeat by sentAt (what the agent last said), when one was last received,
 * and when the site was last heard from: the newest sentAt among delivered heartbeats (never later
 * than its arrival). A site that queued heartbeats offline and delivers them on reconnecting was
 * up until its newest one; a replay of old heartbeats does not make a silent site look online.
 */
export async function latestHeartbeats(db: Db): Promise<Map<string, { latest: HeartbeatRow; lastReceivedAt: Date; lastHeardAt: Date }>> {
  const latest = (await db
    .selectDistinctOn([edgeHeartbeats.siteId])
    .from(edgeHeartbeats)
    .orderBy(edgeHeartbeats.siteId, desc(edgeHeartbeats.sentAt), desc(edgeHeartbeats.id))) as HeartbeatRow[];
  const received = await db
    .select({
      siteId: edgeHeartbeats.siteId,
      receivedAt: sql<string>`max(${edgeHeartbeats.receivedAt})`,
      heardAt: sql<string>`max(least(${edgeHeartbeats.sentAt}, ${edgeHeartbeats.receivedAt}))`,
    })
    .from(edgeHeartbeats)
    .groupBy(edgeHeartbeats.siteId);
  const rec = new Map(received.map((r) => [r.siteId, { receivedAt: new Date(r.receivedAt), heardAt: new Date(r.heardAt) }]));
  return new Map(
    latest.map((h) => [h.siteId, { latest: h, lastReceivedAt: rec.get(h.siteId)?.receivedAt ?? h.receivedAt, lastHeardAt: rec.get(h.siteId)?.heardAt ?? h.sentAt }]),
  );
}

/** Heartbeats per site per UTC day (by sentAt) since `since`, for the 30-day history chart. */
export async function heartbeatDailyCounts(db: Db, since: Date, siteId?: string): Promise<Map<string, Date[]>> {
  const day = sql<string>`to_char(${edgeHeartbeats.sentAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ siteId: edgeHeartbeats.siteId, day, count: sql<number>`count(*)::int` })
    .from(edgeHeartbeats)
    .where(siteId ? and(gte(edgeHeartbeats.sentAt, since), eq(edgeHeartbeats.siteId, siteId)) : gte(edgeHeartbeats.sentAt, since))
    .groupBy(edgeHeartbeats.siteId, day);
  // expanded to one instant per heartbeat at noon UTC of its day, the shape heartbeatHistory() takes
  const out = new Map<string, Date[]>();
  for (const r of rows) {
    const list = out.get(r.siteId) ?? [];
    const at = new Date(`${r.day}T12:00:00Z`);
    for (let i = 0; i < Number(r.count); i++) list.push(at);
    out.set(r.siteId, list);
  }
  return out;
}
