import { describe, expect, it } from "vitest";
import { canonicalQuantity } from "./quantity";

describe("canonicalQuantity (Go resource.Quantity String())", () => {
  it.each([
    ["1024Mi", "1Gi"],
    ["512Mi", "512Mi"],
    ["1536Mi", "1536Mi"],
    ["0.5Gi", "512Mi"],
    ["1Gi", "1Gi"],
    ["250m", "250m"],
    ["1000m", "1"],
    ["1500m", "1500m"],
    ["0.5", "500m"],
    ["2000", "2k"],
    ["1", "1"],
    ["0", "0"],
    ["100M", "100M"],
    ["1e3", "1e3"],
  ])("%s → %s", (input, out) => {
    expect(canonicalQuantity(input)).toBe(out);
  });
});
