import { describe, expect, it } from "vitest";
import { buildOverview, OVERVIEW_TRIAGE_LIMIT } from "./overview";
import { emptyCounts, type ClusterSummary } from "./summary";
import type { TriageItem } from "./triage";

const item = (cluster: string, name: string, rank: number, message = "m"): TriageItem => ({
  id: `pod/${cluster}/${name}`, rank, severity: "critical", cluster, production: false, kind: "Pod", namespace: "grio", name,
  reason: "CrashLoopBackOff", message, href: `/pods/${cluster}/grio/${name}`, since: null,
});
const summary = (name: string, triage: TriageItem[], state: "connected" | "unreachable" = "connected"): ClusterSummary => ({
  info: { name, displayName: name, tier: "cloud", production: false },
  status: state === "connected" ? { state } : { state, since: 1, reason: "connect ECONNREFUSED" },
  computedAt: 0, counts: { nodes: emptyCounts(), workloads: emptyCounts(), pods: emptyCounts() },
  nodes: [], workloads: [], pods: [], pvcs: [], triage, timeline: [], sites: [],
});

describe("overview", () => {
  it("merges every cluster's triage by rank and keeps only the most urgent, counting the rest", () => {
    const many = Array.from({ length: 150 }, (_, i) => item("a", `p${i}`, 10));
    const o = buildOverview([{ summary: summary("a", many), synced: true }, { summary: summary("b", [item("b", "urgent", 90)]), synced: true }], 0);
    expect(o.triage[0]?.name).toBe("urgent");
    expect(o.triage).toHaveLength(OVERVIEW_TRIAGE_LIMIT);
    expect(o.triageTotal).toBe(151);
  });

  it("marks a cluster that is not connected as stale while keeping its last-known counts", () => {
    const o = buildOverview([{ summary: summary("down", [], "unreachable"), synced: true }], 0);
    expect(o.clusters[0]).toMatchObject({ name: "down", stale: true, status: { state: "unreachable", reason: "connect ECONNREFUSED" } });
  });

  it("cuts a very long reason to one line", () => {
    const o = buildOverview([{ summary: summary("a", [item("a", "p", 10, "x".repeat(1000))]), synced: true }], 0);
    expect(o.triage[0]!.message.length).toBeLessThanOrEqual(240);
    expect(o.triage[0]!.message.endsWith("…")).toBe(true);
  });
});
