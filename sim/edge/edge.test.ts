import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { readBody } from "../faults";
import { heartbeatAt, startEdgeAgents, type EdgeAgents, type Heartbeat } from "./index";

const NOW = Date.now();
const DAY = 86_400_000;

/** a console stand-in that checks what issue 6 asks of a heartbeat and records them */
async function fakeConsole(tokens: Record<string, string>, opts: { tooManyOnce?: boolean } = {}) {
  const got: Heartbeat[] = [];
  let refusedOnce = false;
  const srv = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const site = Object.entries(tokens).find(([, t]) => req.headers.authorization === `Bearer ${t}`)?.[0];
    if (req.url !== "/api/edge/v1/heartbeat" || req.method !== "POST") return void res.writeHead(404).end();
    if (!req.headers["content-type"]?.startsWith("application/json")) return void res.writeHead(415).end();
    if (!site) return void res.writeHead(401).end();
    if (opts.tooManyOnce && !refusedOnce) {
      refusedOnce = true;
      return void res.writeHead(429).end();
    }
    const hb = JSON.parse(body) as Heartbeat;
    const sent = Date.parse(hb.sentAt);
    if (hb.siteId !== site || sent > Date.now() + 300_000 || sent < Date.now() - 30 * DAY) return void res.writeHead(400).end("bad");
    got.push(hb);
    res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ id: got.length }));
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, got, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

describe("sim edge sync agents", () => {
  let agents: EdgeAgents | undefined;
  afterEach(() => agents?.stop());

  it("replay 30 days oldest first, then post live; a silent site stops 9 days ago; a late site lags", async () => {
    const tokens = { "kla-001": "tok-kla-001", "gul-002": "tok-gul-002", "mbr-001": "tok-mbr-001" };
    const c = await fakeConsole(tokens, { tooManyOnce: true });
    agents = startEdgeAgents({
      console: c.url,
      historyEveryHours: 12,
      maxPerMinute: 60_000,
      liveEveryMs: 60_000,
      retryMs: 50,
      sites: [
        { id: "kla-001", token: tokens["kla-001"], syncInterval: "daily", syncLagMs: 0 },
        { id: "gul-002", token: tokens["gul-002"], syncInterval: "daily", silentSince: NOW - 9 * DAY },
        { id: "mbr-001", token: tokens["mbr-001"], syncInterval: "daily", syncLagMs: 1.2 * DAY },
      ],
    });
    await agents.drained(20_000);
    await expect.poll(() => c.got.filter((h) => h.siteId === "kla-001").length).toBe(61); // 60 replayed + 1 live
    const kla = c.got.filter((h) => h.siteId === "kla-001").map((h) => Date.parse(h.sentAt));
    expect(kla).toEqual([...kla].sort((a, b) => a - b));
    expect(kla[0]!).toBeLessThan(NOW - 29 * DAY);
    expect(NOW - kla.at(-1)!).toBeLessThan(5_000);
    const gul = c.got.filter((h) => h.siteId === "gul-002");
    expect(gul.length).toBeGreaterThan(35);
    expect(Math.max(...gul.map((h) => Date.parse(h.sentAt)))).toBeLessThan(NOW - 9 * DAY);
    const lastMbr = c.got.filter((h) => h.siteId === "mbr-001").at(-1)!;
    const age = Date.parse(lastMbr.sentAt) - Date.parse(lastMbr.lastCurriculumSyncAt!);
    expect(age).toBeGreaterThan(1.2 * DAY);
    expect(lastMbr.queuedChanges).toBeGreaterThan(0);
    const lastKla = c.got.filter((h) => h.siteId === "kla-001").at(-1)!;
    expect(Date.parse(lastKla.sentAt) - Date.parse(lastKla.lastCurriculumSyncAt!)).toBeLessThanOrEqual(DAY);
    expect(agents.stats("kla-001").refused).toEqual([]);
    await c.close();
  });

  it("an offline site queues its heartbeats and sends them late, oldest first", async () => {
    const c = await fakeConsole({ "kla-002": "t2" });
    agents = startEdgeAgents({ console: c.url, replay: false, maxPerMinute: 60_000, liveEveryMs: 30, sites: [{ id: "kla-002", token: "t2", syncInterval: "6h" }] });
    agents.setOffline("kla-002", true);
    await new Promise((r) => setTimeout(r, 300));
    const queued = agents.stats("kla-002").queued;
    expect(queued).toBeGreaterThan(3);
    const before = c.got.length;
    agents.setOffline("kla-002", false);
    await expect.poll(() => c.got.length - before, { timeout: 5000 }).toBeGreaterThanOrEqual(queued);
    const times = c.got.map((h) => Date.parse(h.sentAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    await c.close();
  });

  it("a late site's last sync is always between 1.5× and 3× its interval old", () => {
    const site = { id: "kla-003", token: "x", syncInterval: "daily" as const };
    for (let t = NOW; t < NOW + 3 * DAY; t += 3_600_000) {
      const hb = heartbeatAt(site, t);
      const age = (t - Date.parse(hb.lastCurriculumSyncAt!)) / DAY;
      expect(age).toBeGreaterThan(1.5);
      expect(age).toBeLessThan(3);
    }
  });

  it("heartbeats are what issue 6 specifies", () => {
    const hb = heartbeatAt({ id: "gul-001", token: "x", syncInterval: "weekly" }, NOW);
    expect(Object.keys(hb).sort()).toEqual(["agentVersion", "curriculumVersion", "diskTotalBytes", "diskUsedBytes", "lastCurriculumSyncAt", "lastSubmissionUploadAt", "queuedChanges", "sentAt", "siteId"]);
    expect(hb.diskUsedBytes).toBeLessThan(hb.diskTotalBytes);
    expect(Number.isInteger(hb.diskUsedBytes) && Number.isInteger(hb.queuedChanges)).toBe(true);
    expect(Date.parse(hb.lastSubmissionUploadAt!)).toBeLessThanOrEqual(NOW);
  });
});
