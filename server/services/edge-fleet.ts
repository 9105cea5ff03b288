import type { Db } from "@/db/client";
import type { SourceError } from "@/server/adapters/errors";
import { currentCurriculumVersion, diskUse, freshnessCounts, groupByDistrict, heartbeatHistory, versionDrift, type DiskUse, type VersionDrift } from "@/lib/domain/edge/fleet";
import { offlineDurationMs, siteFreshness, type Freshness } from "@/lib/domain/edge/freshness";
import { humanDuration } from "@/lib/domain/humanize";
import { heartbeatDailyCounts, latestHeartbeats } from "./edge-heartbeats";
import { listEdgeSites } from "./edge-sites";

/** A K3s node that carries the label grio.io/site=<site id>. */
export type SiteNode = { cluster: string; name: string; siteId: string; ready: "True" | "False" | "Unknown"; readySince: Date | undefined };
export type SiteNodeSource = () => { nodes: SiteNode[]; errors: SourceError[] };

export type FleetSite = {
  id: string;
  name: string;
  district: string;
  freshness: Freshness;
  freshnessReason: string;
  ageMs: number | undefined;
  lastCurriculumSyncAt: Date | null;
  lastSubmissionUploadAt: Date | null;
  lastReceivedAt: Date | undefined;
  /** the newest sentAt the site has delivered: when it was last known up */
  lastHeardAt: Date | undefined;
  lastSentAt: Date | undefined;
  /** time since lastHeardAt */
  offlineMs: number | undefined;
  queuedChanges: number | undefined;
  curriculumVersion: string | undefined;
  drift: VersionDrift;
  agentVersion: string | undefined;
  disk: (DiskUse & { usedBytes: number; totalBytes: number }) | undefined;
  history: Array<{ day: string; count: number }>;
  node: SiteNode | undefined;
  /** one sentence joining the node and the sync state ("node … NotReady and sync stale: …") */
  story: string;
  /** admins only: settings and token metadata (never the token) */
  settings?: { syncInterval: string; nodeName: string | null; tokenPrefix: string; tokenCreatedAt: Date; tokenRotatedAt: Date | null; tokenRevokedAt: Date | null };
};

export type EdgeFleet = {
  checkedAt: Date;
  currentVersion: string | undefined;
  counts: Record<Freshness, number>;
  total: number;
  districts: Array<{ district: string; sites: FleetSite[] }>;
  errors: SourceError[];
};

const DAY = 86_400_000;

export async function edgeFleet(
  db: Db,
  opts: { now?: Date; includeSettings: boolean; nodeSource?: SiteNodeSource; configuredVersion?: string },
): Promise<EdgeFleet> {
  const now = opts.now ?? new Date();
  const [sites, latest, daily] = await Promise.all([
    listEdgeSites(db),
    latestHeartbeats(db),
    heartbeatDailyCounts(db, new Date(now.getTime() - 30 * DAY)),
  ]);
  const nodes = opts.nodeSource ? opts.nodeSource() : { nodes: [], errors: [] };
  const current = currentCurriculumVersion(sites.map((s) => latest.get(s.id)?.latest.curriculumVersion), opts.configuredVersion);
  const out: FleetSite[] = sites.map((s) => {
    const hb = latest.get(s.id);
    const l = hb?.latest;
    const f = siteFreshness({ syncInterval: s.syncInterval, lastCurriculumSyncAt: l?.lastCurriculumSyncAt ?? null, hasHeartbeat: !!l }, now);
    const offlineMs = offlineDurationMs(hb?.lastHeardAt, now);
    const node = nodes.nodes.find((n) => n.siteId === s.id) ?? nodes.nodes.find((n) => s.nodeName && n.name === s.nodeName);
    return {
      id: s.id, name: s.name, district: s.district,
      freshness: f.status, freshnessReason: f.reason, ageMs: f.ageMs,
      lastCurriculumSyncAt: l?.lastCurriculumSyncAt ?? null,
      lastSubmissionUploadAt: l?.lastSubmissionUploadAt ?? null,
      lastReceivedAt: hb?.lastReceivedAt, lastHeardAt: hb?.lastHeardAt, lastSentAt: l?.sentAt, offlineMs,
      queuedChanges: l?.queuedChanges, curriculumVersion: l?.curriculumVersion,
      drift: versionDrift(l?.curriculumVersion, current), agentVersion: l?.agentVersion,
      disk: l ? { ...diskUse(l.diskUsedBytes, l.diskTotalBytes), usedBytes: l.diskUsedBytes, totalBytes: l.diskTotalBytes } : undefined,
      history: heartbeatHistory(daily.get(s.id) ?? [], now),
      node,
      story: story(f.status, offlineMs, node, now),
      settings: opts.includeSettings
        ? { syncInterval: s.syncInterval, nodeName: s.nodeName, tokenPrefix: s.tokenPrefix, tokenCreatedAt: s.tokenCreatedAt, tokenRotatedAt: s.tokenRotatedAt, tokenRevokedAt: s.tokenRevokedAt }
        : undefined,
    };
  });
  return {
    checkedAt: now,
    currentVersion: current,
    counts: freshnessCounts(out),
    total: out.length,
    districts: groupByDistrict(out),
    errors: nodes.errors,
  };
}

function story(freshness: Freshness, offlineMs: number | undefined, node: SiteNode | undefined, now: Date): string {
  const offline = offlineMs === undefined ? "has never reported" : `last heard from ${humanDuration(offlineMs)} ago`;
  if (!node) return `Site ${offline}; no K3s node is labelled for it.`;
  const nodeText =
    node.ready === "True"
      ? `node ${node.name} is Ready`
      : // kubectl prints NotReady for Ready=False and for Ready=Unknown (the kubelet stopped posting status)
        `node ${node.name} is NotReady${node.ready === "Unknown" ? " (no status from its kubelet)" : ""}${node.readySince ? ` for ${humanDuration(now.getTime() - node.readySince.getTime())}` : ""}`;
  if (node.ready !== "True" && (freshness === "stale" || freshness === "late")) {
    return `The school server looks offline: ${nodeText} and the site ${offline}.`;
  }
  return `${nodeText[0]!.toUpperCase()}${nodeText.slice(1)}; the site ${offline}.`;
}
