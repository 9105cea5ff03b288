import { describe, expect, it } from "vitest";
import { matchesFilters } from "./table-filter";

const node = { name: "edge-gulu-high-01", cluster: "hetzner-prod", tier: "edge", site: "gulu-high" as string | null, health: "degraded" };

describe("table filters from the URL", () => {
  it("passes a row when every filter that is set equals its field and q occurs in its name", () => {
    expect(matchesFilters(node, {})).toBe(true);
    expect(matchesFilters(node, { cluster: "", tier: "", q: "" })).toBe(true);
    expect(matchesFilters(node, { cluster: "hetzner-prod", tier: "edge", site: "gulu-high", health: "degraded", q: "gulu" })).toBe(true);
  });

  it("drops a row when one field differs or the name does not contain q", () => {
    expect(matchesFilters(node, { cluster: "ministry-onprem" })).toBe(false);
    expect(matchesFilters(node, { tier: "edge", health: "healthy" })).toBe(false);
    expect(matchesFilters(node, { q: "lira" })).toBe(false);
    expect(matchesFilters({ ...node, site: null }, { site: "null" })).toBe(false);
  });
});
