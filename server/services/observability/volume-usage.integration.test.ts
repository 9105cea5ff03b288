/**
 * Volume usage against Debian's real Prometheus 2.42 scraping the sim's kubelet volume stats: the
 * StatefulSets' claims come back with used/capacity/percent in the sim's ranges, fullest first,
 * judged by the stored disk threshold (only the ministry's near-full minio claim is flagged); with Prometheus stopped (or not configured) the report is
 * empty with a Prometheus error instead of throwing, so the claims table still renders.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { startSim, type SimHandle } from "../../../sim/index";
import { startPrometheus, type PrometheusHandle } from "@/server/testing/prometheusHarness";
import { PrometheusClient } from "@/server/adapters/prometheus";
import { createTestDatabase, type TestDatabase } from "@/test/harness/databases";
import { volumeUsageReport } from "./volume-usage";

const GiB = 1024 ** 3;
let sim: SimHandle;
let prom: PrometheusHandle;
let database: TestDatabase;
let h: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  h = await openDb(database.target);
  sim = await startSim();
  prom = await startPrometheus({ scrapeTargets: [{ url: sim.estate.metrics.url, job: "grio-sim" }] });
  await prom.waitForSample("kubelet_volume_stats_capacity_bytes", 30_000);
}, 90_000);

afterAll(async () => {
  await prom?.stop();
  await h?.close();
  await database?.drop();
  await sim?.stop();
});

describe("volumeUsageReport", () => {
  it("joins the sim's kubelet volume stats per claim, with the seed's disk rule, fullest first", async () => {
    const r = await volumeUsageReport(h.db, new PrometheusClient({ url: prom.url }));
    expect(r.errors).toEqual([]);
    expect(r.rule).toEqual({ comparison: ">", threshold: 85, action: "Scale volume" });
    expect(r.rows.length).toBeGreaterThan(0);
    for (const row of r.rows) {
      expect(row.claim).toMatch(/^data-/);
      expect(row.usedBytes).toBeGreaterThan(0);
      expect(row.percent).toBeCloseTo((100 * row.usedBytes) / row.capacityBytes, 1);
    }
    const percents = r.rows.map((x) => x.percent);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
    const postgres = r.rows.filter((x) => x.claim.startsWith("data-postgres"));
    expect(postgres.length).toBeGreaterThan(0);
    for (const p of postgres) {
      expect(p.capacityBytes).toBe(200 * GiB);
      expect(p.percent).toBeGreaterThanOrEqual(58);
      expect(p.percent).toBeLessThanOrEqual(64);
      expect(p.full).toBe(false);
    }
    // the ministry's on-prem object store is the sim's near-full volume: first, flagged
    expect(r.rows[0]).toMatchObject({ cluster: "ministry-onprem", namespace: "grio", claim: "data-minio-0", full: true });
    expect(r.rows[0]!.percent).toBeGreaterThan(85);
    expect(r.rows.filter((x) => x.full).map((x) => x.cluster)).toEqual(["ministry-onprem"]);
    // the sim's claims span its clusters, each claim once
    const keys = r.rows.map((x) => `${x.cluster}/${x.namespace}/${x.claim}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(r.rows.map((x) => x.cluster)).size).toBeGreaterThan(1);
  });

  it("without Prometheus configured, says so instead of throwing", async () => {
    const r = await volumeUsageReport(h.db, null);
    expect(r.rows).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ source: "prometheus" });
    expect(r.errors[0]!.message).toContain("not configured");
  });

  it("with Prometheus stopped, returns its error beside an empty report", async () => {
    const url = prom.url;
    await prom.stop();
    const r = await volumeUsageReport(h.db, new PrometheusClient({ url, timeoutMs: 2_000 }));
    expect(r.rows).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.source).toBe("prometheus");
    expect(r.errors[0]!.message.length).toBeGreaterThan(0);
  });
});
