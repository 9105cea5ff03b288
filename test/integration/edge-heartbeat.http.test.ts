import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { DEMO, startConsole, type ConsoleHandle } from "@/test/harness/console";
import type { HttpSession } from "@/test/harness/http";
import { createPostgresDatabase, postgresReachable, type TestDatabase } from "@/test/harness/databases";
import { goodHeartbeat, postHeartbeat, registerSite, randomBody } from "./edge-heartbeat.helpers";

/**
 * The heartbeat API over HTTP against the built console on PostgreSQL: every refusal in the
 * issue's order, a fuzz run (no 5xx, every refusal a 4xx with a reason) and a console restart
 * between two heartbeats losing nothing.
 */
let db: TestDatabase;
let grio: ConsoleHandle;
let admin: HttpSession;
const tokens = new Map<string, string>();

const hb = (siteId: string, patch: Record<string, unknown> = {}) => JSON.stringify({ ...goodHeartbeat(siteId, new Date()), ...patch });

beforeAll(async () => {
  if (!(await postgresReachable())) throw new Error("PostgreSQL at 127.0.0.1:5432 is needed for the restart test");
  db = await createPostgresDatabase();
  grio = await startConsole({ reuseDatabase: db });
  admin = await grio.signIn(DEMO.admin);
  for (const id of ["kla-001", "kla-002", "gul-001", "rate-001", "rev-001"]) {
    const r = await registerSite(admin, { id, name: `School ${id}`, district: id.startsWith("gul") ? "Gulu" : "Kampala", syncInterval: "daily" });
    expect(r.status).toBe(201);
    tokens.set(id, r.body.token as string);
  }
});

afterAll(async () => {
  await grio?.stop();
  await db?.drop();
});

describe("POST /api/edge/v1/sites", () => {
  it("returns the token once (201), refuses an existing id (409), bad fields (400), non-admins (403) and strangers (401)", async () => {
    const again = await registerSite(admin, { id: "kla-001", name: "x", district: "Kampala", syncInterval: "daily" });
    expect(again.status).toBe(409);
    const bad = await registerSite(admin, { id: "KLA 1", name: "", district: "Kampala", syncInterval: "monthly" });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(["id", "name", "syncInterval"]);
    const viewer = await grio.signIn(DEMO.viewer);
    expect((await registerSite(viewer, { id: "x-001", name: "x", district: "d", syncInterval: "daily" })).status).toBe(403);
    expect((await registerSite(grio.anonymous(), { id: "x-001", name: "x", district: "d", syncInterval: "daily" })).status).toBe(401);
    expect(tokens.get("kla-001")).toMatch(/^gsite_/);
  });

  it("takes an admin API token for scripted roll-outs, refuses an operator token (403)", async () => {
    const mint = async (role: string) => (await admin.mutation<{ secret: string }>("admin.createToken", { name: `rollout-${role}`, role, expiresInDays: 1 })).data!.secret;
    const adminToken = grio.withToken(await mint("admin"));
    const r = await registerSite(adminToken, { id: "mbr-101", name: "Ntare School", district: "Mbarara", syncInterval: "6h", nodeName: "edge-mbr-101" });
    expect(r.status).toBe(201);
    expect(r.body.siteId).toBe("mbr-101");
    const operatorToken = grio.withToken(await mint("operator"));
    expect((await registerSite(operatorToken, { id: "mbr-102", name: "x", district: "Mbarara", syncInterval: "daily" })).status).toBe(403);
  });

  it("never shows tokens or site settings to a ministry viewer", async () => {
    const viewer = await grio.signIn(DEMO.viewer);
    const fleet = await viewer.query<{ canManage: boolean; districts: Array<{ sites: Array<Record<string, unknown>> }> }>("edge.fleet");
    expect(fleet.data?.canManage).toBe(false);
    const text = JSON.stringify(fleet.raw);
    expect(text).not.toContain("gsite_");
    expect(fleet.data!.districts.flatMap((d) => d.sites).every((s) => s.settings === undefined)).toBe(true);
    expect((await viewer.mutation("edge.rotateToken", { siteId: "kla-001" })).status).toBe(403);
  });
});

describe("POST /api/edge/v1/heartbeat", () => {
  it("stores a good heartbeat before answering 202 with its id", async () => {
    const r = await postHeartbeat(grio.url, { token: tokens.get("kla-001"), body: hb("kla-001") });
    expect(r.status).toBe(202);
    expect(typeof r.body.id).toBe("number");
  });

  it("413 for a body over 16 KB, with or without Content-Length, before anything else", async () => {
    const big = hb("kla-001", { agentVersion: "x".repeat(17_000) });
    expect((await postHeartbeat(grio.url, { token: tokens.get("kla-001"), body: big })).status).toBe(413);
    expect((await postHeartbeat(grio.url, { body: big, contentType: "text/plain" })).status).toBe(413);
    const streamed = await postHeartbeat(grio.url, { token: tokens.get("kla-001"), body: big, chunked: true });
    expect(streamed.status).toBe(413);
    expect(streamed.body.error).toMatch(/larger than 16384 bytes/);
  });

  it("415 unless JSON, before checking the token", async () => {
    const r = await postHeartbeat(grio.url, { body: hb("kla-001"), contentType: "text/plain" });
    expect(r.status).toBe(415);
    expect((await postHeartbeat(grio.url, { token: tokens.get("kla-001"), body: hb("kla-001"), contentType: null })).status).toBe(415);
  });

  it("401 for a missing, unknown or revoked token", async () => {
    expect((await postHeartbeat(grio.url, { body: hb("kla-001") })).status).toBe(401);
    expect((await postHeartbeat(grio.url, { token: "gsite_nope", body: hb("kla-001") })).status).toBe(401);
    expect((await postHeartbeat(grio.url, { token: tokens.get("rev-001"), body: hb("rev-001") })).status).toBe(202);
    expect((await admin.mutation("edge.revokeToken", { siteId: "rev-001" })).status).toBe(200);
    const r = await postHeartbeat(grio.url, { token: tokens.get("rev-001"), body: hb("rev-001") });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(/unknown or revoked/);
  });

  it("400 with field errors: invalid JSON, schema, another site's id (said so), sentAt too far ahead or too old", async () => {
    const t = tokens.get("kla-002");
    const post = (body: string) => postHeartbeat(grio.url, { token: t, body });
    const notJson = await post("{not json");
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors).toEqual([{ field: "(body)", message: expect.stringMatching(/not valid JSON/) }]);
    const schema = await post(hb("kla-002", { queuedChanges: -1, diskTotalBytes: 0, sentAt: "soon" }));
    expect((schema.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(["diskTotalBytes", "queuedChanges", "sentAt"]);
    const other = await post(hb("gul-001"));
    expect(other.body.errors).toEqual([{ field: "siteId", message: 'is "gul-001" but this token belongs to site "kla-002"' }]);
    const future = await post(hb("kla-002", { sentAt: new Date(Date.now() + 6 * 60_000).toISOString() }));
    expect(future.body.errors).toEqual([{ field: "sentAt", message: expect.stringMatching(/5 minutes in the future/) }]);
    const old = await post(hb("kla-002", { sentAt: new Date(Date.now() - 31 * 86_400_000).toISOString() }));
    expect(old.body.errors).toEqual([{ field: "sentAt", message: "is older than 30 days" }]);
  });

  it("429 after 60 in a minute for one site (before field errors), other sites unaffected", async () => {
    const t = tokens.get("rate-001");
    const results = await Promise.all(Array.from({ length: 60 }, () => postHeartbeat(grio.url, { token: t, body: "{}" })));
    expect(results.every((r) => r.status === 400)).toBe(true);
    const limited = await postHeartbeat(grio.url, { token: t, body: "{}" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await postHeartbeat(grio.url, { token: tokens.get("gul-001"), body: hb("gul-001") })).status).toBe(202);
  });

  it("stores late heartbeats under their own sentAt, oldest first", async () => {
    const t = tokens.get("gul-001");
    const days = [9, 8, 7];
    for (const d of days) {
      const sentAt = new Date(Date.now() - d * 86_400_000).toISOString();
      expect((await postHeartbeat(grio.url, { token: t, body: hb("gul-001", { sentAt }) })).status).toBe(202);
    }
    const rows = await sql<{ sent_at: Date }>("select sent_at from edge_heartbeats where site_id = 'gul-001' order by id");
    const sent = rows.map((r) => Math.round((Date.now() - r.sent_at.getTime()) / 86_400_000));
    expect(sent.slice(-3)).toEqual(days);
  });

  it("fuzz: a few thousand random bodies, tokens and content types — zero 5xx, every refusal a 4xx with a reason", async () => {
    const fuzzSites: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `fz-${String(i).padStart(3, "0")}`;
      const r = await registerSite(admin, { id, name: id, district: "Fuzz", syncInterval: `${1 + (i % 12)}h` });
      tokens.set(id, r.body.token as string);
      fuzzSites.push(id);
    }
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    const N = 3000;
    let next = 0;
    const worker = async () => {
      while (next < N) {
        next++;
        const site = fuzzSites[Math.floor(rnd() * fuzzSites.length)]!;
        const c = randomBody(rnd, site);
        const token = rnd() < 0.85 ? tokens.get(site) : rnd() < 0.5 ? undefined : `gsite_${Math.floor(rnd() * 1e9)}`;
        const contentType = rnd() < 0.9 ? "application/json" : ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8"][Math.floor(rnd() * 3)]!;
        const r = await postHeartbeat(grio.url, { token, body: c, contentType });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status >= 500 || (r.status !== 202 && (r.status < 400 || typeof r.body.error !== "string" || r.body.error.length === 0))) {
          bad.push(`${r.status} ${JSON.stringify(r.body).slice(0, 200)} for ${c.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    console.log("fuzz statuses", Object.fromEntries(statuses));
    expect(bad).toEqual([]);
    expect(statuses.get(202) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  }, 240_000);

  it("loses nothing across a console restart between two heartbeats", async () => {
    const t = tokens.get("kla-001");
    const before = Number((await sql<{ n: string }>("select count(*) n from edge_heartbeats where site_id = 'kla-001'"))[0]!.n);
    const first = await postHeartbeat(grio.url, { token: t, body: hb("kla-001", { queuedChanges: 101 }) });
    expect(first.status).toBe(202);
    await grio.stop();
    grio = await startConsole({ reuseDatabase: db });
    const second = await postHeartbeat(grio.url, { token: t, body: hb("kla-001", { queuedChanges: 102 }) });
    expect(second.status).toBe(202);
    const rows = await sql<{ id: string; queued_changes: number }>("select id, queued_changes from edge_heartbeats where site_id = 'kla-001' order by id");
    expect(rows).toHaveLength(before + 2);
    expect(rows.slice(-2).map((r) => [Number(r.id), r.queued_changes])).toEqual([[first.body.id, 101], [second.body.id, 102]]);
  }, 180_000);
});

async function sql<T>(text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: db.env.DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}
