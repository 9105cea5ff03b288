/**
 * Observability through the built console over HTTP, against the sim, Debian's Prometheus 2.42
 * and Alertmanager 0.25: roles (viewers get no logs and no write), the crash-looping pod's error
 * lines in Loki, hostile filter text and bad LogQL answered with a clear 400, bad PromQL refused
 * with Prometheus' message, the rules download, and — with Prometheus stopped — the Alerts page
 * says Prometheus is unreachable while everything else keeps answering.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { DEMO, startConsole, type ConsoleHandle } from "@/test/harness/console";
import type { HttpSession } from "@/test/harness/http";
import { startTestSim, type TestSim } from "@/test/harness/sim";
import { startAlertmanager, startPrometheus, type AlertmanagerHandle, type PrometheusHandle } from "@/server/testing/prometheusHarness";
import { waitFor } from "@/server/testing/ports";

let sim: TestSim;
let prom: PrometheusHandle;
let am: AlertmanagerHandle;
let grio: ConsoleHandle;
let admin: HttpSession;
let oncall: HttpSession;
let ministry: HttpSession;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "grio-obs-http-"));
  sim = await startTestSim();
  am = await startAlertmanager();
  prom = await startPrometheus({ scrapeTargets: [{ url: sim.estate.metrics.url, job: "grio-sim" }], alertmanagerUrl: am.url });
  grio = await startConsole({ env: { ...sim.env, PROMETHEUS_URL: prom.url, ALERTMANAGER_URL: am.url } });
  [admin, oncall, ministry] = await Promise.all([grio.signIn(DEMO.admin), grio.signIn(DEMO.operator), grio.signIn(DEMO.viewer)]);
}, 120_000);

afterAll(async () => {
  await grio?.stop();
  await prom?.stop();
  await am?.stop();
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

function crashLoopingPod() {
  const pod = sim.model
    .view()
    .pods("hetzner-prod")
    .find((p) => p.app === "ai-inference" && p.containers.some((c) => c.recentRestarts.length > 0 || c.waitingReason === "CrashLoopBackOff"));
  if (!pod) throw new Error("no crash-looping pod yet");
  return pod;
}

type LogPage = { query: string; lines: Array<{ line: string; level: string | null; labels: Record<string, string> }>; nextBefore: string | null };

describe("logs", () => {
  it("refuses viewers (ministry IT): student data can appear in logs", async () => {
    const r = await ministry.query("logs.search", { filters: { namespace: "grio" } });
    expect(r.status).toBe(403);
    expect((await ministry.query("logs.labelValues", { label: "pod" })).status).toBe(403);
  });

  it("shows operators the crash-looping pod's error lines, newest first", async () => {
    const page = await waitFor(async () => {
      const pod = crashLoopingPod();
      const r = await oncall.query<LogPage>("logs.search", { filters: { cluster: "hetzner-prod", namespace: "grio", pod: pod.name }, range: "15m" });
      if (r.status !== 200) throw new Error(`${r.status} ${r.error?.message}`);
      if (!r.data!.lines.some((l) => l.line.includes("MemoryError"))) throw new Error("no traceback yet");
      return r.data!;
    }, 45_000, 1_000);
    expect(page.query).toMatch(/^\{cluster="hetzner-prod", namespace="grio", pod="ai-inference-[^"]+"\}$/);
    expect(page.lines.find((l) => l.line.includes("Model load failed"))?.level).toBe("error");
    const errorsOnly = await oncall.query<LogPage>("logs.search", { filters: { pod: crashLoopingPod().name, levels: ["error"] }, range: "15m" });
    expect(errorsOnly.data!.lines.length).toBeGreaterThan(0);
    expect(errorsOnly.data!.lines.every((l) => l.line.includes('"level": "error"') || l.line.includes('"level":"error"'))).toBe(true);
  }, 60_000);

  it("keeps hostile filter text inside its literal, and answers bad LogQL with a clear 400", async () => {
    const hostile = await oncall.query<LogPage>("logs.search", { filters: { namespace: 'grio"} |= "', contains: '"} or {namespace=~".+' } });
    expect(hostile.status).toBe(200);
    expect(hostile.data!.lines).toEqual([]);
    const bad = await oncall.query("logs.search", { logql: '{namespace="grio"} |~ "(?=x)"' });
    expect(bad.status).toBe(400);
    expect(bad.error!.message).toMatch(/^That LogQL is not valid: .*lookaround/);
    const raw = await oncall.query<LogPage>("logs.search", { logql: '{namespace="grio", app="django-api"} |= "GET"', limit: 5 });
    expect(raw.status).toBe(200);
    expect(raw.data!.lines.length).toBeGreaterThan(0);
  });
});

describe("service checks", () => {
  it("are probed by the console from start-up, with availability against 99.5 %", async () => {
    type Checks = { checks: Array<{ name: string; up: boolean | null; availability30d: number | null; slaPercent: number }> };
    const minio = await waitFor(async () => {
      const r = await ministry.query<Checks>("serviceChecks.list");
      const c = r.data?.checks.find((x) => x.name === "minio");
      if (!c || c.up === null) throw new Error(`not probed yet: ${JSON.stringify(r.data ?? r.error)}`);
      return c;
    }, 20_000, 500);
    expect(minio).toMatchObject({ up: true, availability30d: 100, slaPercent: 99.5 });
  });
});

describe("alerts and thresholds", () => {
  it("lets viewers read thresholds but not edit them or silence alerts", async () => {
    const o = await ministry.query<{ thresholds: Array<{ id: string }> }>("alerts.overview");
    expect(o.status).toBe(200);
    expect(o.data!.thresholds.map((t) => t.id)).toEqual(["api-latency-p95", "pod-crash-loop", "db-connection-errors", "disk-usage"]);
    expect((await ministry.mutation("alerts.updateThreshold", { id: "disk-usage", query: "up", comparison: ">", threshold: 1, forSeconds: 0, severity: "warning" })).status).toBe(403);
    expect((await oncall.mutation("alerts.updateThreshold", { id: "disk-usage", query: "up", comparison: ">", threshold: 1, forSeconds: 0, severity: "warning" })).status).toBe(403);
    expect((await ministry.mutation("alerts.createSilence", { matchers: [{ name: "alertname", value: "x" }], durationMinutes: 60, comment: "nope" })).status).toBe(403);
  });

  it("refuses a bad PromQL edit with Prometheus' own message", async () => {
    const r = await admin.mutation("alerts.updateThreshold", {
      id: "disk-usage",
      query: "100 * (1 - node_filesystem_avail_bytes / ",
      comparison: ">",
      threshold: 85,
      forSeconds: 600,
      severity: "warning",
    });
    expect(r.status).toBe(400);
    expect(r.error!.message).toMatch(/^Prometheus refused the query: .*parse error/);
  });

  it("serves the rules file and the PrometheusRule for download; the rules file passes promtool", async () => {
    expect((await grio.anonymous().fetch("/api/alerts/export?format=rules")).status).toBe(401);
    const res = await ministry.fetch("/api/alerts/export?format=rules");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("grio-ops-thresholds.rules.yml");
    const file = path.join(dir, "rules.yml");
    await writeFile(file, await res.text());
    const check = spawnSync("/usr/bin/promtool", ["check", "rules", file], { encoding: "utf8" });
    expect(check.stdout).toContain("SUCCESS: 4 rules found");
    const cr = await ministry.fetch("/api/alerts/export?format=prometheusrule&namespace=monitoring");
    const manifest = parse(await cr.text()) as { apiVersion: string; kind: string; metadata: { namespace: string }; spec: { groups: unknown[] } };
    expect(manifest).toMatchObject({ apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { namespace: "monitoring" } });
    // the operator hands spec.groups to Prometheus as a rules file: it must pass promtool too
    const specFile = path.join(dir, "spec-groups.yml");
    await writeFile(specFile, stringify({ groups: manifest.spec.groups }));
    expect(spawnSync("/usr/bin/promtool", ["check", "rules", specFile], { encoding: "utf8" }).stdout).toContain("SUCCESS: 4 rules found");
    expect((await ministry.fetch("/api/alerts/export?format=zip")).status).toBe(400);
  });

  it("with Prometheus stopped, says Prometheus is unreachable while the rest keeps answering", async () => {
    const before = await oncall.query<{ errors: unknown[] }>("alerts.overview");
    expect(before.data!.errors).toEqual([]);
    await prom.stop();
    const o = await oncall.query<{ errors: Array<{ source: string; message: string }>; thresholds: Array<{ evaluation: unknown }> }>("alerts.overview");
    expect(o.status).toBe(200);
    expect(o.data!.errors).toEqual([{ source: "prometheus", message: expect.stringMatching(/^Prometheus is unreachable: connection refused/) }]);
    expect(o.data!.thresholds.every((t) => t.evaluation === null)).toBe(true);
    const panels = await oncall.query<{ errors: unknown[] }>("metrics.panels", { range: "1h" });
    expect(panels.status).toBe(200);
    expect(panels.data!.errors).toHaveLength(1);
    expect((await oncall.query("cluster.list")).status).toBe(200);
    expect((await oncall.query("logs.search", { filters: { namespace: "grio" }, limit: 5 })).status).toBe(200);
    expect((await oncall.query("serviceChecks.list")).status).toBe(200);
    const page = await oncall.fetch("/alerts");
    expect(page.status).toBe(200);
  });
});
