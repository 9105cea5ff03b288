import { describe, expect, it } from "vitest";
import { DJANGO_BUCKETS, ExpectedHistogram, Exposition, lognormalCdf } from "./exposition";

function buckets(h: ExpectedHistogram): Map<string, number> {
  const exp = new Exposition();
  h.write(exp, "h", "help", {});
  return new Map([...exp.toString().matchAll(/^h_bucket\{le="([^"]+)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

describe("ExpectedHistogram", () => {
  const shape = { median: 0.08, p95: 0.3 };

  it("follows the shape even over a handful of requests (no lone +Inf increments)", () => {
    const h = new ExpectedHistogram();
    for (let i = 0; i < 40; i++) h.observe(0.5, shape); // 20 requests, half a request at a time
    const b = buckets(h);
    expect(b.get("+Inf")).toBe(20);
    expect(b.get("1")).toBeGreaterThanOrEqual(19); // at most one of 20 slower than 1 s
    expect(b.get("0.1")).toBeGreaterThanOrEqual(8);
    expect(b.get("0.1")).toBeLessThanOrEqual(14);
  });

  it("matches the CDF over many requests, and stays cumulative", () => {
    const h = new ExpectedHistogram();
    h.observe(100_000, shape);
    const b = buckets(h);
    let prev = 0;
    for (const le of DJANGO_BUCKETS) {
      const v = b.get(String(le))!;
      expect(v).toBeGreaterThanOrEqual(prev);
      expect(Math.abs(v / 100_000 - lognormalCdf(le, shape))).toBeLessThan(0.001);
      prev = v;
    }
    expect(b.get("+Inf")).toBe(100_000);
  });
});
