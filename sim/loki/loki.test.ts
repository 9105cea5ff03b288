import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeEstate } from "../testing/fakeEstate";
import { startLoki, type LokiServer } from "./index";

type Streams = { status: string; data: { resultType: string; result: Array<{ stream: Record<string, string>; values: Array<[string, string]> }>; stats: unknown } };

describe("sim Loki", () => {
  const view = fakeEstate();
  const now = view.now();
  let loki: LokiServer;
  const range = async (query: string, extra: Record<string, string> = {}) => {
    const p = new URLSearchParams({ query, start: String(BigInt(now - 3_600_000) * 1_000_000n), end: String(BigInt(now) * 1_000_000n), ...extra });
    const res = await fetch(`${loki.url}/loki/api/v1/query_range?${p}`);
    return { status: res.status, type: res.headers.get("content-type"), body: res.status === 200 ? ((await res.json()) as Streams) : await res.text() };
  };
  beforeAll(async () => {
    loki = await startLoki(view);
  });
  afterAll(async () => {
    await loki?.stop();
  });

  it("answers /ready, /labels and label values as Loki does", async () => {
    const ready = await fetch(`${loki.url}/ready`);
    expect(await ready.text()).toBe("ready\n");
    const labels = await (await fetch(`${loki.url}/loki/api/v1/labels`)).json();
    expect(labels).toEqual({ status: "success", data: ["app", "cluster", "container", "job", "namespace", "node_name", "pod"] });
    const apps = (await (await fetch(`${loki.url}/loki/api/v1/label/app/values`)).json()) as { data: string[] };
    expect(apps.data).toEqual(expect.arrayContaining(["ai-inference", "django-api", "postgres", "qdrant", "redis"]));
    expect(apps.data).not.toContain("nextjs-web"); // its pods never started
  });

  it("returns streams in Loki's shape, newest first by default, limited, nanosecond strings", async () => {
    const r = await range('{cluster="hetzner-prod", app="django-api"}', { limit: "50" });
    expect(r.status).toBe(200);
    const body = r.body as Streams;
    expect(body.status).toBe("success");
    expect(body.data.resultType).toBe("streams");
    expect(body.data.stats).toBeDefined();
    expect(body.data.result).toHaveLength(3);
    const all = body.data.result.flatMap((s) => s.values);
    expect(all).toHaveLength(50);
    for (const s of body.data.result) {
      expect(Object.keys(s.stream).sort()).toEqual(["app", "cluster", "container", "job", "namespace", "node_name", "pod"]);
      expect(s.stream.job).toBe("grio/django-api");
      const ts = s.values.map(([t]) => BigInt(t));
      expect(ts).toEqual([...ts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
      for (const [t, line] of s.values) {
        expect(t).toMatch(/^\d{19}$/);
        const j = JSON.parse(line) as { level: string; status: number; duration_ms: number };
        expect(["info", "warning", "error"]).toContain(j.level);
        expect(typeof j.status).toBe("number");
        expect(typeof j.duration_ms).toBe("number");
      }
    }
    // the same shape as Loki's documented answer (shared/reference/loki/loki_query_range_streams.json
    // and loki_stats_block_all_fields_zero.json)
    expect(Object.keys(body).sort()).toEqual(["data", "status"]);
    expect(Object.keys(body.data).sort()).toEqual(["result", "resultType", "stats"]);
    expect(Object.keys(body.data.result[0]!).sort()).toEqual(["stream", "values"]);
    const stats = body.data.stats as Record<string, Record<string, number>>;
    expect(Object.keys(stats).sort()).toEqual(["ingester", "store", "summary"]);
    expect(Object.keys(stats.ingester!).sort()).toEqual(["compressedBytes", "decompressedBytes", "decompressedLines", "headChunkBytes", "headChunkLines", "totalBatches", "totalChunksMatched", "totalDuplicates", "totalLinesSent", "totalReached"]);
    expect(Object.keys(stats.store!).sort()).toEqual(["chunksDownloadTime", "compressedBytes", "decompressedBytes", "decompressedLines", "totalChunksDownloaded", "totalChunksRef", "totalDuplicates"]);
    expect(Object.keys(stats.summary!).sort()).toEqual(["bytesProcessedPerSecond", "execTime", "linesProcessedPerSecond", "queueTime", "totalBytesProcessed", "totalLinesProcessed"]);
    // the 50 newest overall: every returned entry is newer than anything left out
    const forward = (await range('{cluster="hetzner-prod", app="django-api"}', { limit: "5", direction: "forward" })).body as Streams;
    const fts = forward.data.result.flatMap((s) => s.values.map(([t]) => BigInt(t)));
    expect(fts).toHaveLength(5);
    const oldestBackward = all.map(([t]) => BigInt(t)).reduce((a, b) => (a < b ? a : b));
    for (const t of fts) expect(t < oldestBackward).toBe(true);
    expect(fts.every((t) => t >= BigInt(now - 3_600_000) * 1_000_000n)).toBe(true);
  });

  it("keeps nanosecond precision: start is inclusive, end exclusive, to the nanosecond", async () => {
    const all = (await range('{pod="django-api-7c9f8b6d5-abcde"}', { limit: "3", direction: "forward" })).body as Streams;
    const [a, b, c] = all.data.result[0]!.values.map(([t]) => t);
    const page = (await range('{pod="django-api-7c9f8b6d5-abcde"}', { start: String(BigInt(a!) + 1n), end: c!, direction: "forward" })).body as Streams;
    expect(page.data.result[0]!.values.map(([t]) => t)).toEqual([b]);
  });

  it("applies selectors (!=, =~, !~) and line filters (|=, !=, |~ with (?i), !~)", async () => {
    const errors = (await range('{namespace="grio", app=~"django.*", pod!~".*klmno"} |~ "(?i)\\"level\\"\\\\s*:\\\\s*\\"(ERROR|critical)\\""', { limit: "1000" })).body as Streams;
    expect(errors.data.result.map((s) => s.stream.pod).sort()).toEqual(["django-api-5b6c7d8e9-qrstu", "django-api-7c9f8b6d5-abcde", "django-api-7c9f8b6d5-fghij"]);
    for (const s of errors.data.result) for (const [, l] of s.values) expect(JSON.parse(l).level).toBe("error");
    const notHealth = (await range('{app="django-api", cluster!="hetzner-staging"} != "/health" |= "GET" !~ "lesson"', { limit: "200" })).body as Streams;
    const lines = notHealth.data.result.flatMap((s) => s.values.map(([, l]) => l));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).not.toContain("/health");
      expect(l).toContain("GET");
      expect(l).not.toMatch(/lesson/);
    }
    const json = (await range('{app="django-api"} | json | status="500"', { limit: "20" })).body as Streams;
    for (const s of json.data.result) for (const [, l] of s.values) expect(JSON.parse(l).status).toBe(500);
  });

  it("the crash-looping pod logs its stack trace at each restart", async () => {
    const r = (await range('{pod="ai-inference-5d8f7c9b4-pqrst"} |= "Traceback"', { limit: "100" })).body as Streams;
    expect(r.data.result, JSON.stringify(r).slice(0, 300)).toHaveLength(1);
    expect(r.data.result[0]!.values).toHaveLength(4);
    view.restart("ai-inference-5d8f7c9b4-pqrst");
    view.advance(1000);
    const p = new URLSearchParams({ query: '{pod="ai-inference-5d8f7c9b4-pqrst"} |= "MemoryError"', start: String(Math.floor((now - 3_600_000) / 1000)), end: new Date(view.now()).toISOString() });
    const after = (await (await fetch(`${loki.url}/loki/api/v1/query_range?${p}`)).json()) as Streams;
    expect(after.data.result[0]!.values).toHaveLength(5);
    const count = await (await fetch(`${loki.url}/loki/api/v1/query?${new URLSearchParams({ query: 'sum by (pod) (count_over_time({app="ai-inference"} |= "Traceback" [1h]))' })}`)).json();
    expect(count.data.resultType).toBe("vector");
    expect(count.data.result).toEqual([{ metric: { pod: "ai-inference-5d8f7c9b4-pqrst" }, value: [view.now() / 1000, "5"] }]);
  });

  it("a backup Job's pod logs its pg_dump and upload, then nothing", async () => {
    const r = (await range('{app="backup-postgres"}', { start: String(Math.floor((now - 6 * 3_600_000) / 1000)), direction: "forward" })).body as Streams;
    const lines = r.data.result.flatMap((s) => s.values.map(([, l]) => JSON.parse(l) as { message: string }));
    expect(lines.map((l) => l.message)).toEqual(["starting pg_dump of grio", "pg_dump finished", "uploaded s3://backups/postgres/full-20261204-020000.sql.gz"]);
  });

  it("refuses bad queries with Loki's plain-text 400", async () => {
    const bad = await range('{app="django-api"');
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/^text\/plain/);
    expect(bad.body).toMatch(/^parse error at line 1, col \d+: syntax error: unexpected/);
    const badOp = await range("{app>\"x\"}");
    expect(badOp.status).toBe(400);
    expect((await range('{app=~"("}')).body).toMatch(/error parsing regexp/);
    expect((await range('{app=~".*"}')).body).toMatch(/at least one regexp or equality matcher/);
    expect((await range('{app="x"}', { limit: "-1" })).status).toBe(400);
    const instant = await fetch(`${loki.url}/loki/api/v1/query?query=${encodeURIComponent('{app="x"}')}`);
    expect(instant.status).toBe(400);
  });

  it("goes down and answers 503 on command", async () => {
    loki.faults.set5xx(503);
    expect((await fetch(`${loki.url}/ready`)).status).toBe(503);
    loki.faults.set5xx(null);
    await loki.faults.setDown(true);
    await expect(fetch(`${loki.url}/ready`)).rejects.toThrow();
    await loki.faults.setDown(false);
    expect((await fetch(`${loki.url}/ready`)).status).toBe(200);
  });
});

describe("sim Loki regexes (RE2 as JS)", () => {
  it("accepts (?i), (?P<name>), \\A and refuses lookarounds like RE2", async () => {
    const { re2 } = await import("./logql");
    expect(re2("(?i)error", false).test("ERROR here")).toBe(true);
    expect(re2("(?P<code>5\\d\\d)", false).exec("status 503")?.groups?.code).toBe("503");
    expect(re2("\\Adjango", true).test("django")).toBe(true);
    expect(() => re2("foo(?=bar)", false)).toThrow(/invalid or unsupported Perl syntax/);
  });
});
