/**
 * Observability against Debian's real Prometheus 2.42 (+ Alertmanager 0.25) scraping the sim, at
 * the service layer: the p95 panel has data; the disk threshold fires for the sim's near-full
 * nodes and the restarts threshold for the crash-looping pod; the exported rules pass
 * `promtool check rules` and, loaded into Prometheus, fire; a bad PromQL edit is refused with
 * Prometheus' message; silences are created and expired (audited); with Prometheus stopped the
 * alerts overview says it is unreachable while the rest keeps working.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { desc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { startSim, type SimHandle } from "../../../sim/index";
import { startAlertmanager, startPrometheus, type AlertmanagerHandle, type PrometheusHandle } from "@/server/testing/prometheusHarness";
import { waitFor } from "@/server/testing/ports";
import { PrometheusClient } from "@/server/adapters/prometheus";
import { AlertmanagerClient } from "@/server/adapters/alertmanager";
import { createTestDatabase, type TestDatabase } from "@/test/harness/databases";
import { DomainError } from "@/server/api/errors";
import { alertsOverview, createSilence, expireSilence } from "./alerts";
import { evaluateThresholds, exportRules, listThresholds, updateThreshold } from "./thresholds";
import { metricPanels } from "./metrics";

const ctx = {
  principal: { kind: "user" as const, id: "u-admin", email: "admin@grio.local", name: "Admin", role: "admin" as const },
  requestId: "req-observability-test",
};

let sim: SimHandle;
let prom: PrometheusHandle;
let am: AlertmanagerHandle;
let database: TestDatabase;
let h: DbHandle;
let dir: string;
let rulesFile: string;
let client: PrometheusClient;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "grio-obs-"));
  database = await createTestDatabase("pglite");
  h = await openDb(database.target);
  // Shorten `for` (wall-clock from rule load): long enough that Alertmanager is discovered first
  const unused = new PrometheusClient({ url: "http://127.0.0.1:9" });
  for (const t of await listThresholds(h.db)) {
    if (t.id === "disk-usage" || t.id === "pod-crash-loop") {
      await updateThreshold(h.db, ctx, unused, { id: t.id, query: t.query, comparison: t.comparison, threshold: t.threshold, forSeconds: 8, severity: t.severity });
    }
  }
  rulesFile = path.join(dir, "grio-ops.rules.yml");
  await writeFile(rulesFile, (await exportRules(h.db, "rules")).content);
  am = await startAlertmanager();
  // The sim's crash loop starts with the sim (restarts at ≈ 10 s, 34 s, 77 s: the kubelet's real
  // back-off); Prometheus starts right after it so that it sees the loop from its first restart.
  sim = await startSim();
  prom = await startPrometheus({ scrapeTargets: [{ url: sim.estate.metrics.url, job: "grio-sim" }], rulesFiles: [rulesFile], alertmanagerUrl: am.url });
  client = new PrometheusClient({ url: prom.url });
}, 90_000);

afterAll(async () => {
  await prom?.stop();
  await am?.stop();
  await h?.close();
  await database?.drop();
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** nodes over the seed's 85 % whose node-exporter can be scraped (a NotReady node's cannot) */
function nearFullNodes(): string[] {
  return sim.model
    .view()
    .nodes()
    .filter((n) => n.ready !== "Unknown" && n.diskUsedBytes / n.diskTotalBytes > 0.85)
    .map((n) => `${n.cluster}/${n.name}`)
    .sort();
}

describe("against Prometheus scraping the sim", () => {
  it("the exported rules file passes promtool check rules", () => {
    const r = spawnSync("/usr/bin/promtool", ["check", "rules", rulesFile], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("SUCCESS: 4 rules found");
    expect(r.status).toBe(0);
  });

  it("the API p95 panel has a non-empty series", async () => {
    const p95 = await waitFor(async () => {
      const r = await metricPanels("15m", Date.now(), { only: ["api-latency"], prometheus: client });
      const s = r.panels[0]!.data.series.find((x) => x.name === "p95");
      const latest = s?.values.filter((v) => v !== null).at(-1);
      if (latest === undefined || latest === null) throw new Error(`no p95 yet: ${JSON.stringify(r.panels[0]!.error)}`);
      return latest;
    }, 30_000, 1_000);
    expect(p95).toBeGreaterThan(10);
    expect(p95).toBeLessThan(1000);
  }, 40_000);

  it("disk fires for the near-full nodes and restarts fire for the crash-looping pod", async () => {
    const t0 = Date.now();
    const views = await waitFor(async () => {
      const v = await evaluateThresholds(h.db, client, Date.now());
      const disk = v.find((t) => t.id === "disk-usage")!;
      const crash = v.find((t) => t.id === "pod-crash-loop")!;
      if (disk.evaluation?.state !== "firing" || crash.evaluation?.state !== "firing") {
        throw new Error(`disk ${disk.evaluation?.state ?? disk.error?.message}, restarts ${crash.evaluation?.state ?? crash.error?.message} (value ${crash.evaluation?.value})`);
      }
      return v;
    }, 150_000, 2_000);
    console.log(`both thresholds firing ${Date.now() - t0} ms after Prometheus started scraping`);
    const disk = views.find((t) => t.id === "disk-usage")!.evaluation!;
    expect(disk.breaching.map((b) => `${b.labels.cluster}/${b.labels.node}`).sort()).toEqual(nearFullNodes());
    expect(disk.breaching[0]).toMatchObject({ labels: { cluster: "hetzner-prod", node: "hetzner-prod-server-3" }, state: "firing" });
    expect(Math.round(disk.value!)).toBe(95);
    expect(disk.since).toBeLessThanOrEqual(Date.now());
    const crash = views.find((t) => t.id === "pod-crash-loop")!.evaluation!;
    expect(crash.breaching[0]!.labels).toMatchObject({ cluster: "hetzner-prod", namespace: "grio", container: "ai-inference" });
    expect(crash.breaching[0]!.labels.pod).toMatch(/^ai-inference-/);
    expect(crash.breaching[0]!.value).toBeGreaterThanOrEqual(3);
  }, 160_000);

  it("the loaded rules fire in Prometheus itself, reach Alertmanager, and can be silenced and expired (audited)", async () => {
    const amClient = new AlertmanagerClient({ url: am.url });
    const overview = await waitFor(async () => {
      const o = await alertsOverview(h.db, Date.now(), { prometheus: client, alertmanager: amClient });
      const firing = o.prometheus.alerts.filter((a) => a.labels.alertname === "GrioDiskUsageHigh" && a.state === "firing");
      const notified = o.alertmanager.alerts.filter((a) => a.labels.alertname === "GrioDiskUsageHigh");
      if (firing.length === 0 || notified.length === 0) throw new Error(`firing ${firing.length}, in alertmanager ${notified.length}`);
      return o;
    }, 60_000, 1_000);
    expect(overview.errors).toEqual([]);
    expect(overview.prometheus.ruleGroups[0]!.rules.find((r) => r.name === "GrioDiskUsageHigh")).toMatchObject({ state: "firing", health: "ok" });
    const diskAlerts = overview.prometheus.alerts.filter((a) => a.labels.alertname === "GrioDiskUsageHigh");
    expect(diskAlerts.map((a) => `${a.labels.cluster}/${a.labels.node}`).sort()).toEqual(nearFullNodes());
    expect(overview.alertmanager.alerts.find((a) => a.labels.node === "hetzner-prod-server-3")?.receivers).toEqual(["none"]);

    const { silenceId } = await createSilence(
      h.db,
      ctx,
      { matchers: [{ name: "alertname", value: "GrioDiskUsageHigh", isRegex: false }, { name: "node", value: "hetzner-prod-server-3", isRegex: false }], durationMinutes: 60, comment: "volume resize in progress" },
      Date.now(),
      amClient,
    );
    expect((await amClient.silences()).find((s) => s.id === silenceId)).toMatchObject({ state: "active", createdBy: "admin@grio.local", comment: "volume resize in progress" });
    await expireSilence(h.db, ctx, { silenceId }, amClient);
    expect((await amClient.silences()).find((s) => s.id === silenceId)?.state).toBe("expired");
    const audit = await h.db.select().from(auditEvents).orderBy(desc(auditEvents.startedAt)).limit(2);
    expect(audit.map((a) => [a.action, a.status])).toEqual([
      ["alertmanager.silence.expire", "succeeded"],
      ["alertmanager.silence.create", "succeeded"],
    ]);
    expect(audit[1]!.reason).toBe("volume resize in progress");
  }, 70_000);

  it("refuses a bad PromQL edit with Prometheus' own message, audits old and new values of a good one", async () => {
    const [t] = (await listThresholds(h.db)).filter((x) => x.id === "api-latency-p95");
    const e = await updateThreshold(h.db, ctx, client, { ...t!, query: "histogram_quantile(0.95, sum by (le (rate(x[5m]))" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("BAD_REQUEST");
    expect((e as DomainError).message).toMatch(/^Prometheus refused the query: .*parse error/);
    expect((await listThresholds(h.db)).find((x) => x.id === "api-latency-p95")!.query).toBe(t!.query);

    await updateThreshold(h.db, ctx, client, { ...t!, threshold: 800 });
    const [row] = await h.db.select().from(auditEvents).orderBy(desc(auditEvents.startedAt)).limit(1);
    expect(row).toMatchObject({ action: "alert-threshold.update", target: "alert-threshold/api-latency-p95", status: "succeeded" });
    expect(row!.parameters).toMatchObject({ before: { threshold: 1000 }, after: { threshold: 800 }, changed: ["threshold"] });
  });

  it("with Prometheus stopped, the overview says it is unreachable and the rest still answers", async () => {
    await prom.stop();
    const amClient = new AlertmanagerClient({ url: am.url });
    const o = await alertsOverview(h.db, Date.now(), { prometheus: client, alertmanager: amClient });
    expect(o.errors.map((x) => x.message)).toEqual([expect.stringMatching(/^Prometheus is unreachable: connection refused/)]);
    expect(o.thresholds).toHaveLength(4);
    expect(o.thresholds.every((t) => t.evaluation === null && t.error?.source === "prometheus")).toBe(true);
    expect(o.alertmanager.configured).toBe(true); // Alertmanager still answers
    expect(o.errors.some((x) => x.source === "alertmanager")).toBe(false);
    const panels = await metricPanels("1h", Date.now(), { prometheus: client });
    expect(panels.panels).toHaveLength(11);
    expect(panels.errors[0]!.message).toMatch(/^Prometheus is unreachable/);
    expect((await exportRules(h.db, "prometheusrule")).content).toContain("kind: PrometheusRule");
  });
});
