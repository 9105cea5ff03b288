/**
 * Service checks end to end below the API: real HTTP endpoints probed, results stored in PGlite and
 * PostgreSQL, one probe per round across two "replicas", 30-day pruning, availability vs 99.5 %.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { serviceCheckResults } from "@/db/schema";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/harness/databases";
import type { ServiceCheckTarget } from "@/server/adapters/serviceProbe";
import { runProbeRound, serviceCheckViews } from "./serviceChecks";

let server: http.Server;
let base = "";
let apiHealthy = true;
let apiHits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/health") {
      apiHits++;
      res.writeHead(apiHealthy ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: apiHealthy ? "ok" : "error" }));
    } else if (req.url === "/readyz") {
      res.end("all shards are ready");
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const checks = (): ServiceCheckTarget[] => [
  { name: "django-api", kind: "http-json-status", target: `${base}/health`, production: true },
  { name: "qdrant", kind: "http", target: `${base}/readyz`, production: true },
  { name: "postgres", kind: "prometheus-query", target: "pg_up", production: true },
];

describe.each(await databaseKinds())("service checks on %s", (kind) => {
  let database: TestDatabase;
  let a: DbHandle;
  let b: DbHandle | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    a = await openDb(database.target);
    // a second replica (PostgreSQL only: PGlite is single-process)
    if (kind === "postgres") b = await openDb(database.target);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await database?.drop();
  });

  it("probes each round once, however many replicas try", async () => {
    apiHealthy = true;
    apiHits = 0;
    const now = Date.UTC(2026, 11, 4, 8, 0, 0);
    const replicas = [a, b ?? a];
    const rounds = await Promise.all(replicas.map((h, i) => runProbeRound(h.db, { now, checks: checks(), instanceId: `r${i}`, prometheus: null })));
    expect(rounds.filter((r) => r.claimed)).toHaveLength(1);
    expect(apiHits).toBe(1);
    // the PromQL check cannot be judged without Prometheus: nothing recorded rather than a false "down"
    expect(rounds.find((r) => r.claimed)!.probed).toBe(2);
  });

  it("reports down with the reason, the last change and availability against 99.5 %", async () => {
    const t0 = Date.UTC(2026, 11, 4, 8, 0, 30);
    apiHealthy = false;
    await runProbeRound(a.db, { now: t0, checks: checks(), prometheus: null });
    await runProbeRound(a.db, { now: t0 + 30_000, checks: checks(), prometheus: null });
    const views = await serviceCheckViews(a.db, t0 + 30_000, checks());
    const api = views.find((v) => v.name === "django-api")!;
    expect(api).toMatchObject({ up: false, availability30d: (100 * 1) / 3, meetsSla: false, checks30d: 3 });
    expect(api.detail).toMatch(/^HTTP 503/);
    expect(api.lastChangeAt?.getTime()).toBe(t0);
    expect(api.recent.at(-1)).toEqual([Math.floor((t0 + 30_000) / 1000), null]);
    const qdrant = views.find((v) => v.name === "qdrant")!;
    expect(qdrant).toMatchObject({ up: true, availability30d: 100, meetsSla: true });
    expect(qdrant.lastChangeAt?.getTime()).toBe(Date.UTC(2026, 11, 4, 8, 0, 0));
    expect(views.find((v) => v.name === "postgres")).toMatchObject({ up: null, availability30d: null, meetsSla: null });
  });

  it("keeps 30 days of results and prunes older rows", async () => {
    const old = new Date(Date.UTC(2026, 9, 1));
    await a.db.insert(serviceCheckResults).values({ name: "django-api", checkedAt: old, up: true, latencyMs: 5 });
    await runProbeRound(a.db, { now: Date.UTC(2026, 11, 4, 8, 5, 0), checks: checks(), prometheus: null });
    const rows = await a.db.select().from(serviceCheckResults);
    expect(rows.some((r) => r.checkedAt.getTime() === old.getTime())).toBe(false);
    expect(rows.length).toBeGreaterThanOrEqual(6);
  });
});
