import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { checkHeartbeat } from "@/lib/domain/edge/heartbeat";
import { edgeFleet } from "./edge-fleet";
import { storeHeartbeat, takeHeartbeatSlot } from "./edge-heartbeats";
import { createEdgeSite, revokeSiteToken, rotateSiteToken, siteForToken } from "./edge-sites";

const H = 3_600_000;
const now = new Date("2026-12-04T07:00:00Z");
let dir: string;
let h: DbHandle;

async function beat(siteId: string, sentAt: Date, lastSync: Date | null, receivedAt = sentAt, version = "2026.12") {
  const r = checkHeartbeat(
    {
      siteId, agentVersion: "1.4.2", curriculumVersion: version, lastCurriculumSyncAt: lastSync?.toISOString() ?? null,
      lastSubmissionUploadAt: null, queuedChanges: 7, diskUsedBytes: 90, diskTotalBytes: 100, sentAt: sentAt.toISOString(),
    },
    siteId,
    receivedAt,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return storeHeartbeat(h.db, r.heartbeat, receivedAt);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "grio-edge-"));
  h = await openDb({ kind: "pglite", dataDir: path.join(dir, "data") });
});
afterAll(async () => {
  await h?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe("edge sites and heartbeats (PGlite)", () => {
  it("stores only a hash: the token finds its site until rotated or revoked", async () => {
    const { token } = await createEdgeSite(h.db, { id: "kla-001", name: "Kampala Primary", district: "Kampala", syncInterval: "daily" }, null, now);
    expect((await siteForToken(h.db, token))?.id).toBe("kla-001");
    expect((await siteForToken(h.db, token))?.tokenHash).not.toContain(token);
    const rotated = await rotateSiteToken(h.db, "kla-001");
    expect(await siteForToken(h.db, token)).toBeUndefined();
    expect((await siteForToken(h.db, rotated.token))?.id).toBe("kla-001");
    await revokeSiteToken(h.db, "kla-001");
    expect(await siteForToken(h.db, rotated.token)).toBeUndefined();
    await expect(createEdgeSite(h.db, { id: "kla-001", name: "x", district: "x", syncInterval: "daily" }, null)).rejects.toThrow(/already exists/);
  });

  it("allows 60 heartbeat requests per site per minute, then refuses; a minute later it allows again", async () => {
    await createEdgeSite(h.db, { id: "rate-001", name: "r", district: "r", syncInterval: "daily" }, null, now);
    const results: boolean[] = [];
    for (let i = 0; i < 61; i++) results.push(await takeHeartbeatSlot(h.db, "rate-001", new Date(now.getTime() + i * 500)));
    expect(results.filter(Boolean)).toHaveLength(60);
    expect(results[60]).toBe(false);
    expect(await takeHeartbeatSlot(h.db, "kla-001", now)).toBe(true);
    expect(await takeHeartbeatSlot(h.db, "rate-001", new Date(now.getTime() + 61_000))).toBe(true);
  });

  it("reads the fleet: stale and offline for silent sites, joined to their K3s node, stalest first", async () => {
    await createEdgeSite(h.db, { id: "gul-001", name: "Gulu High", district: "Gulu", syncInterval: "daily", nodeName: "edge-gul-001" }, null, now);
    await createEdgeSite(h.db, { id: "gul-002", name: "Gulu Primary", district: "Gulu", syncInterval: "weekly" }, null, now);
    await createEdgeSite(h.db, { id: "mbr-001", name: "Mbarara", district: "Mbarara", syncInterval: "6h" }, null, now);
    // kla-001 fresh, reporting hourly; gul-001 silent for 9 days (replayed late: stored under its sentAt)
    for (let i = 5; i >= 0; i--) await beat("kla-001", new Date(now.getTime() - i * H), new Date(now.getTime() - 2 * H), new Date(now.getTime() - i * H), i === 0 ? "2026.11" : "2026.12");
    await beat("gul-001", new Date(now.getTime() - 9 * 24 * H), new Date(now.getTime() - 9 * 24 * H - 2 * H));
    await beat("gul-002", new Date(now.getTime() - 10 * 24 * H), new Date(now.getTime() - 10 * 24 * H), now); // late, received now
    const f = await edgeFleet(h.db, {
      now, includeSettings: false,
      nodeSource: () => ({ nodes: [{ cluster: "ministry-onprem", name: "edge-gul-001", siteId: "gul-001", ready: "False", readySince: new Date(now.getTime() - 9 * 24 * H) }], errors: [] }),
    });
    const sites = new Map(f.districts.flatMap((d) => d.sites).map((s) => [s.id, s]));
    expect(f.counts).toEqual({ fresh: 2, late: 0, stale: 1, never: 2 }); // rate-001 from the test above never reported
    expect(sites.get("kla-001")).toMatchObject({ freshness: "fresh", offlineMs: 0, queuedChanges: 7, curriculumVersion: "2026.11" });
    expect(f.currentVersion).toBe("2026.12"); // the most common of each site's newest report
    expect(sites.get("kla-001")!.drift).toEqual({ drifted: true, direction: "behind" });
    const gul = sites.get("gul-001")!;
    expect(gul).toMatchObject({ freshness: "stale", offlineMs: 9 * 24 * H });
    expect(gul.story).toMatch(/looks offline: node edge-gul-001 is NotReady for 9 d and the site last heard from 9 d ago/);
    expect(gul.history.filter((d) => d.count > 0)).toEqual([{ day: "2026-11-25", count: 1 }]);
    // weekly: 10 d ≤ 10.5 d is fresh; its only heartbeat arrived now but was sent 10 d ago: last heard 10 d ago
    expect(sites.get("gul-002")).toMatchObject({ freshness: "fresh", offlineMs: 10 * 24 * H });
    expect(sites.get("mbr-001")).toMatchObject({ freshness: "never", offlineMs: undefined });
    expect(f.districts.map((d) => d.district)).toEqual(["Mbarara", "r", "Gulu", "Kampala"]);
    expect(sites.get("kla-001")!.disk).toMatchObject({ status: "critical", fraction: 0.9 });
    expect(sites.get("kla-001")!.settings).toBeUndefined();
    // Ready=Unknown (the kubelet stopped posting status) reads as NotReady too, like kubectl prints it
    const unknown = await edgeFleet(h.db, {
      now, includeSettings: true,
      nodeSource: () => ({ nodes: [{ cluster: "hetzner-prod", name: "edge-gul-001", siteId: "gul-001", ready: "Unknown", readySince: undefined }], errors: [] }),
    });
    const gulAgain = unknown.districts.flatMap((d) => d.sites).find((s) => s.id === "gul-001")!;
    expect(gulAgain.story).toMatch(/node edge-gul-001 is NotReady \(no status from its kubelet\) and the site last heard/);
    expect(gulAgain.settings).toMatchObject({ syncInterval: "daily", nodeName: "edge-gul-001" });
    expect(gulAgain.settings!.tokenPrefix).toHaveLength(10); // only the first characters, never the token
  });
});
