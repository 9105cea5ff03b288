import { describe, expect, it } from "vitest";
import { formatValue } from "./units";

describe("formatValue", () => {
  it("reads latencies, shares, sizes, cores and rates the way people say them", () => {
    expect(formatValue("ms", 142.37)).toBe("142 ms");
    expect(formatValue("ms", 2500)).toBe("2.5 s");
    expect(formatValue("ms", 4.5)).toBe("4.5 ms");
    expect(formatValue("%", 88.2)).toBe("88 %");
    expect(formatValue("%", 2.25)).toBe("2.3 %");
    expect(formatValue("bytes", 5_500_000_000)).toBe("5.5 GB");
    expect(formatValue("cores", 0.35)).toBe("350 m");
    expect(formatValue("cores", 1.6)).toBe("1.6 cores");
    expect(formatValue("req/s", 42.4)).toBe("42.4 req/s");
    expect(formatValue("tokens/min", 51_000)).toBe("51k tokens/min");
    expect(formatValue("restarts", 3)).toBe("3 restarts");
  });
  it("shows a dash for missing values and ∞ for a division by zero", () => {
    expect(formatValue("%", null)).toBe("—");
    expect(formatValue("%", NaN)).toBe("—");
    expect(formatValue("%", Infinity)).toBe("∞");
  });
});
