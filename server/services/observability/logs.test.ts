/**
 * Log search against the sim's Loki through the real Loki adapter: newest first, "load more" pages
 * strictly older lines without overlap, follow mode returns only lines newer than the last seen,
 * levels filter on the JSON `level`, and bad LogQL never reaches Loki.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "@/test/harness/sim";
import { LokiClient } from "@/server/adapters/loki";
import { UpstreamError } from "@/server/adapters/errors";
import { DomainError } from "@/server/api/errors";
import { freePort } from "@/server/testing/ports";
import { searchLogs } from "./logs";

let sim: TestSim;
let loki: LokiClient;

beforeAll(async () => {
  sim = await startTestSim();
  loki = new LokiClient({ url: sim.estate.loki.url });
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

const django = { filters: { cluster: "hetzner-prod", namespace: "grio", app: "django-api" }, range: "1h" as const };

describe("searchLogs", () => {
  it("pages newest first, and load more continues strictly older without overlap", async () => {
    const first = await searchLogs({ ...django, limit: 50 }, Date.now(), loki);
    expect(first.lines).toHaveLength(50);
    const ts = first.lines.map((l) => BigInt(l.ts));
    expect(ts.every((t, i) => i === 0 || t <= ts[i - 1]!)).toBe(true);
    expect(first.nextBefore).toBe(first.lines[49]!.ts);
    const second = await searchLogs({ ...django, limit: 50, before: first.nextBefore! }, Date.now(), loki);
    expect(second.lines.length).toBeGreaterThan(0);
    expect(BigInt(second.lines[0]!.ts)).toBeLessThan(BigInt(first.lines[49]!.ts));
  });

  it("follows: only lines newer than the newest seen", async () => {
    const first = await searchLogs({ ...django, limit: 20 }, Date.now(), loki);
    await new Promise((r) => setTimeout(r, 1500));
    const next = await searchLogs({ ...django, limit: 200, after: first.newest! }, Date.now(), loki);
    for (const l of next.lines) expect(BigInt(l.ts)).toBeGreaterThan(BigInt(first.newest!));
    expect(next.newest === first.newest || BigInt(next.newest!) > BigInt(first.newest!)).toBe(true);
  });

  it("filters by level on the JSON line and marks each line's level", async () => {
    const r = await searchLogs({ filters: { namespace: "grio", levels: ["warn"] }, range: "1h", limit: 30 }, Date.now(), loki);
    expect(r.lines.length).toBeGreaterThan(0);
    expect(r.lines.every((l) => l.level === "warn")).toBe(true);
  });

  it("refuses bad LogQL before Loki sees it, and names Loki when it is unreachable", async () => {
    await expect(searchLogs({ logql: 'sum(rate({a="b"}[5m]))', range: "1h", limit: 10 }, Date.now(), loki)).rejects.toBeInstanceOf(DomainError);
    const down = new LokiClient({ url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 2000 });
    const e = await searchLogs({ ...django, limit: 10 }, Date.now(), down).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UpstreamError);
    expect((e as UpstreamError).sentence).toMatch(/^Loki is unreachable: connection refused/);
  });
});
