/**
 * The Prometheus and Alertmanager adapters against Debian's real Prometheus 2.42 (rules only)
 * and Alertmanager 0.25, started on free ports for this file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startAlertmanager, startPrometheus, type AlertmanagerHandle, type PrometheusHandle } from "@/server/testing/prometheusHarness";
import { freePort, waitFor } from "@/server/testing/ports";
import { PrometheusClient } from "./prometheus";
import { AlertmanagerClient } from "./alertmanager";
import { UpstreamError } from "./errors";

let prom: PrometheusHandle;
let am: AlertmanagerHandle;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "grio-prom-adapter-"));
  const rules = path.join(dir, "rules.yml");
  await writeFile(
    rules,
    [
      "groups:",
      "  - name: adapter-test",
      "    rules:",
      "      - alert: AlwaysFiring",
      "        expr: vector(1) > 0",
      // Prometheus sends a firing alert at once, then only every minute: stay pending until
      // Alertmanager has been discovered (≈ 5 s)
      "        for: 8s",
      "        labels: { severity: warning, team: grio }",
      "        annotations: { summary: always }",
      "",
    ].join("\n"),
  );
  am = await startAlertmanager();
  prom = await startPrometheus({ scrapeTargets: [], rulesFiles: [rules], alertmanagerUrl: am.url });
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await am?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("PrometheusClient", () => {
  it("answers instant and range queries with numbers and epoch ms", async () => {
    const p = new PrometheusClient({ url: prom.url });
    const [s] = await p.query('vector(42) + on() group_left label_replace(vector(0), "x", "y", "", "")');
    expect(s).toMatchObject({ value: 42 });
    const now = Date.now();
    const series = await p.queryRange("vector(1)", { start: now - 60_000, end: now, stepSeconds: 15 });
    expect(series[0]!.points.length).toBeGreaterThanOrEqual(4);
    expect(Math.abs(series[0]!.points.at(-1)![0] - now)).toBeLessThan(15_000);
  });

  it("refuses bad PromQL with Prometheus' own message", async () => {
    const p = new PrometheusClient({ url: prom.url });
    const r = await p.checkQuery("sum by (le (rate(x[5m]))");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/parse error/);
    expect(await p.checkQuery("vector(1)")).toEqual({ ok: true, samples: 1 });
  });

  it("reads rule groups with each rule's state, and the alerts", async () => {
    const p = new PrometheusClient({ url: prom.url });
    const groups = await waitFor(async () => {
      const g = await p.rules();
      if (g[0]?.rules[0]?.state !== "firing") throw new Error("not firing yet");
      return g;
    }, 30_000);
    expect(groups[0]).toMatchObject({ name: "adapter-test", rules: [{ type: "alerting", name: "AlwaysFiring", state: "firing", health: "ok" }] });
    const alerts = await p.alerts();
    expect(alerts.find((a) => a.labels.alertname === "AlwaysFiring")).toMatchObject({ state: "firing", value: 1 });
  });

  it("says it is unreachable when nothing listens", async () => {
    const p = new PrometheusClient({ url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 2_000 });
    const e = await p.query("up").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UpstreamError);
    expect((e as UpstreamError).sentence).toMatch(/^Prometheus is unreachable: connection refused/);
  });
});

describe("AlertmanagerClient", () => {
  it("lists alerts with receivers, creates a silence that silences them, and expires it", async () => {
    const a = new AlertmanagerClient({ url: am.url });
    const alert = await waitFor(async () => {
      const found = (await a.alerts()).find((x) => x.labels.alertname === "AlwaysFiring");
      if (!found) throw new Error("not in alertmanager yet");
      return found;
    }, 30_000);
    expect(alert.receivers).toEqual(["none"]);
    const id = await a.createSilence({
      matchers: [{ name: "alertname", value: "AlwaysFiring", isRegex: false }],
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 3_600_000),
      createdBy: "oncall@grio.local",
      comment: "adapter test",
    });
    expect((await a.silences()).find((s) => s.id === id)).toMatchObject({ state: "active", createdBy: "oncall@grio.local" });
    await waitFor(async () => {
      const x = (await a.alerts()).find((y) => y.labels.alertname === "AlwaysFiring");
      if (!x?.silencedBy.includes(id)) throw new Error("not silenced yet");
    }, 10_000);
    await a.expireSilence(id);
    expect((await a.silences()).find((s) => s.id === id)?.state).toBe("expired");
  });

  it("passes Alertmanager's refusal through", async () => {
    const a = new AlertmanagerClient({ url: am.url });
    const e = await a
      .createSilence({ matchers: [{ name: "alertname", value: "x", isRegex: false }], startsAt: new Date(), endsAt: new Date(Date.now() - 60_000), createdBy: "x", comment: "x" })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UpstreamError);
    expect((e as UpstreamError).status).toBe(400);
  });
});
