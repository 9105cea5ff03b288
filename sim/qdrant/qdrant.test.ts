import { createHash } from "node:crypto";
import { QdrantClient } from "@qdrant/js-client-rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQdrant, type QdrantServer } from "./index";

describe("sim Qdrant", () => {
  let q: QdrantServer;
  let client: QdrantClient;
  beforeAll(async () => {
    q = await startQdrant({ apiKey: "grio-qdrant-key", now: () => Date.UTC(2026, 11, 4, 7, 30) });
    const u = new URL(q.url);
    client = new QdrantClient({ host: u.hostname, port: Number(u.port), https: false, apiKey: q.apiKey });
  });
  afterAll(async () => {
    await q?.stop();
  });

  it("answers health probes without a key and refuses API calls without the right one", async () => {
    expect(await (await fetch(`${q.url}/healthz`)).text()).toBe("healthz check passed");
    expect(await (await fetch(`${q.url}/readyz`)).text()).toBe("all shards are ready");
    expect((await fetch(`${q.url}/collections`)).status).toBe(401);
    expect((await fetch(`${q.url}/collections`, { headers: { "api-key": "nope" } })).status).toBe(403);
  });

  it("lists collections and describes curriculum in Qdrant's envelope", async () => {
    const raw = (await (await fetch(`${q.url}/collections`, { headers: { "api-key": q.apiKey } })).json()) as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(["result", "status", "time"]);
    expect(raw.status).toBe("ok");
    expect((await client.getCollections()).collections).toEqual([{ name: "curriculum" }]);
    const info = await client.getCollection("curriculum");
    expect(info.status).toBe("green");
    expect(info.points_count).toBeGreaterThan(1000);
    const missing = await fetch(`${q.url}/collections/nope`, { headers: { "api-key": q.apiKey } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { status: { error: string } }).status.error).toBe("Not found: Collection `nope` doesn't exist!");
  });

  it("creates, lists and downloads snapshots (bytes match the listed size and checksum)", async () => {
    const before = await client.listSnapshots("curriculum");
    expect(before).toHaveLength(2);
    for (const s of before) expect(s.name).toMatch(/^curriculum-\d{16}-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.snapshot$/);
    const created = await client.createSnapshot("curriculum");
    expect(created!.name).toBe("curriculum-5402263961417315-2026-12-04-07-30-00.snapshot");
    expect(created!.creation_time).toBe("2026-12-04T07:30:00");
    expect(created!.size).toBeGreaterThan(3 * 1024 * 1024);
    expect(created!.size).toBeLessThan(8 * 1024 * 1024);
    expect((await client.listSnapshots("curriculum")).map((s) => s.name)).toContain(created!.name);
    const res = await fetch(`${q.url}/collections/curriculum/snapshots/${created!.name}`, { headers: { "api-key": q.apiKey } });
    expect(res.headers.get("content-length")).toBe(String(created!.size));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(created!.size);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(created!.checksum);
    expect(await client.deleteSnapshot("curriculum", created!.name)).toBe(true);
    expect(await client.listSnapshots("curriculum")).toHaveLength(2);
  });

  it("makes full snapshots", async () => {
    const full = await client.createFullSnapshot();
    expect(full.name).toBe("full-snapshot-2026-12-04-07-30-00.snapshot");
    expect((await client.listFullSnapshots()).map((s) => s.name)).toEqual([full.name]);
  });

  it("fails on command (5xx, not ready)", async () => {
    q.faults.set5xx(500);
    await expect(client.getCollections()).rejects.toThrow();
    expect((await fetch(`${q.url}/readyz`)).status).toBe(500);
    q.faults.set5xx(null);
    expect((await client.getCollections()).collections).toHaveLength(1);
  });
});
