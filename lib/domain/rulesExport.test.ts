import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { alertExpression, prometheusRuleYaml, RULE_GROUP_NAME, rulesFileYaml } from "./rulesExport";
import { SEED_THRESHOLDS } from "./seedThresholds";

describe("rules export", () => {
  it("writes one alerting rule per threshold with expression, for, severity and action", () => {
    const doc = parse(rulesFileYaml(SEED_THRESHOLDS));
    const rules = doc.groups[0].rules;
    expect(doc.groups[0].name).toBe(RULE_GROUP_NAME);
    expect(rules).toHaveLength(4);
    expect(rules[3]).toMatchObject({
      alert: "GrioDiskUsageHigh",
      for: "10m",
      labels: { severity: "warning", grio_threshold: "disk-usage" },
      annotations: { action: "Scale volume" },
    });
    expect(rules[3].expr).toMatch(/^\(100 \* \(1 - node_filesystem_avail_bytes.*\)\) > 85$/);
    expect(rules[0].annotations.description).toContain("{{ $value | humanize }}");
  });

  it("parenthesises the query so `or` and binary operators keep their meaning", () => {
    expect(alertExpression({ query: "a or b", comparison: ">=", threshold: 3 })).toBe("(a or b) >= 3");
    expect(alertExpression({ query: "x", comparison: "<", threshold: 0.000001 })).toBe("(x) < 0.000001");
    expect(alertExpression({ query: "up # scrape health", comparison: "<", threshold: 1 })).toBe("(\nup # scrape health\n) < 1");
  });

  it("keeps a stray template opener in titles from becoming a Go template", () => {
    const t = { ...SEED_THRESHOLDS[0]!, action: "call {{ boss }}" };
    expect(parse(rulesFileYaml([t])).groups[0].rules[0].annotations.action).toBe("call { { boss } }");
  });

  it("wraps the same group in a monitoring.coreos.com/v1 PrometheusRule", () => {
    const m = parse(prometheusRuleYaml(SEED_THRESHOLDS, { namespace: "observability" }));
    expect(m.apiVersion).toBe("monitoring.coreos.com/v1");
    expect(m.kind).toBe("PrometheusRule");
    expect(m.metadata.namespace).toBe("observability");
    expect(m.spec.groups).toEqual(parse(rulesFileYaml(SEED_THRESHOLDS)).groups);
  });
});
