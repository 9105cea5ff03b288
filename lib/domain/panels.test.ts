import { describe, expect, it } from "vitest";
import { legendName, panelDefinitions, PANEL_IDS, rangeWindow, sparklineQueries, TIME_RANGES } from "./panels";
import { compactSeries, promqlString, re2Literal, selector } from "./promql";

const NOW = Date.UTC(2026, 11, 4, 8, 0, 7);

describe("rangeWindow", () => {
  it("keeps every range between 60 and 200 points, aligned to its step", () => {
    for (const r of TIME_RANGES) {
      const w = rangeWindow(r, NOW);
      const points = (w.end - w.start) / 1000 / w.stepSeconds;
      expect(points).toBeGreaterThanOrEqual(60);
      expect(points).toBeLessThanOrEqual(200);
      expect(w.end % (w.stepSeconds * 1000)).toBe(0);
      expect(w.end).toBeLessThanOrEqual(NOW);
    }
  });

  it("never uses a rate window shorter than 5m or than two steps", () => {
    expect(rangeWindow("15m", NOW).rateWindow).toBe("5m");
    expect(rangeWindow("24h", NOW).rateWindow).toBe("20m");
    expect(rangeWindow("7d", NOW).rateWindow).toBe("120m");
  });
});

describe("panelDefinitions", () => {
  const panels = panelDefinitions({ rateWindow: "5m" });
  const byId = Object.fromEntries(panels.map((p) => [p.id, p]));

  it("define every panel once", () => {
    expect(panels.map((p) => p.id)).toEqual([...PANEL_IDS]);
  });

  it("computes API p50/p95/p99 with histogram_quantile over the django histogram, in ms", () => {
    const api = byId["api-latency"]!;
    expect(api.queries.map((q) => q.legend)).toEqual(["p50", "p95", "p99"]);
    expect(api.queries[1]!.expr).toBe(
      "histogram_quantile(0.95, sum by (le) (rate(django_http_requests_latency_seconds_by_view_method_bucket[5m]))) * 1000",
    );
  });

  it("computes the DB connection error ratio as errors over new connections", () => {
    expect(byId["db-connection-errors"]!.queries[0]!.expr).toBe(
      "100 * sum(rate(django_db_new_connection_errors_total[5m])) / sum(rate(django_db_new_connections_total[5m]))",
    );
  });

  it("narrows every metric to one cluster with its name escaped", () => {
    const one = panelDefinitions({ rateWindow: "5m" }, 'prod"x');
    for (const p of one) for (const q of p.queries) expect(q.expr).toContain('cluster="prod\\"x"');
    expect(one.find((p) => p.id === "api-requests")!.queries[1]!.expr).toContain('{status=~"5..",cluster="prod\\"x"}');
  });

  it("limits pod panels to the top 10", () => {
    expect(byId["pod-cpu"]!.queries[0]!.expr).toMatch(/^topk\(10, /);
    expect(byId["pod-memory"]!.limit).toBe(10);
  });

  it("names series from their labels", () => {
    const q = byId["pod-cpu"]!.queries[0]!;
    expect(legendName(q, { cluster: "hetzner-prod", namespace: "grio", pod: "api-1" })).toBe("hetzner-prod/grio/api-1");
    expect(legendName(byId["api-latency"]!.queries[0]!, {})).toBe("p50");
  });
});

describe("sparklineQueries", () => {
  it("select a workload's pods by prefix with the name escaped", () => {
    const q = sparklineQueries({ kind: "workload", namespace: "grio", name: "django.api" });
    expect(q.cpu).toContain('pod=~"django\\\\.api-.*"');
    expect(q.cpuUnit).toBe("cores");
  });
  it("select a node by its label", () => {
    expect(sparklineQueries({ kind: "node", name: 'n"1' }).memory).toContain('node="n\\"1"');
  });
});

describe("promql helpers", () => {
  it("quote strings and escape regexes", () => {
    expect(promqlString('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
    expect(re2Literal("a.b*(c)")).toBe("a\\.b\\*\\(c\\)");
    expect(selector([{ label: "pod", value: "x" }, { label: "ns", op: "!=", value: "" }])).toBe('{pod="x",ns!=""}');
    expect(() => selector([{ label: "bad-label", value: "x" }])).toThrow();
  });
});

describe("compactSeries", () => {
  it("aligns series on one time axis with nulls for gaps and keeps the top N by mean", () => {
    const start = 1_000_000;
    const c = compactSeries(
      [
        { labels: { pod: "a" }, points: [[start, 1], [start + 30_000, 2]] },
        { labels: { pod: "b" }, points: [[start + 15_000, 10]] },
        { labels: { pod: "c" }, points: [[start, 5], [start + 15_000, NaN]] },
      ],
      { start, end: start + 30_000, stepSeconds: 15, name: (l) => l.pod!, limit: 2 },
    );
    expect(c.t).toEqual([1000, 1015, 1030]);
    expect(c.series.map((s) => s.name)).toEqual(["b", "c"]);
    expect(c.series[1]!.values).toEqual([5, null, null]);
  });
});
