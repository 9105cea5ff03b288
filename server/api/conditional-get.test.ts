import { describe, expect, it } from "vitest";
import { matchesIfNoneMatch, viewerQueriesOnly, withEntityTag } from "./conditional-get";

const json = (body: string, status = 200) => new Response(body, { status, headers: { "content-type": "application/json" } });
const on = { cacheable: true };
const get = (headers: Record<string, string> = {}) => new Request("http://grio.test/api/trpc/cluster.overview", { headers });

describe("conditional GET of tRPC answers", () => {
  it("tags a 200 answer and answers 304 with no body when the browser already holds it", async () => {
    const first = await withEntityTag(get(), json('{"result":{"data":1}}'), on);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('{"result":{"data":1}}');
    const tag = first.headers.get("etag")!;
    expect(tag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");

    const again = await withEntityTag(get({ "if-none-match": tag }), json('{"result":{"data":1}}'), on);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(tag);
  });

  it("sends the whole new answer when it changed, and never tags errors or other methods", async () => {
    const old = (await withEntityTag(get(), json('{"result":{"data":1}}'), on)).headers.get("etag")!;
    const changed = await withEntityTag(get({ "if-none-match": old }), json('{"result":{"data":2}}'), on);
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe('{"result":{"data":2}}');
    expect(changed.headers.get("etag")).not.toBe(old);

    const denied = await withEntityTag(get({ "if-none-match": "*" }), json('{"error":{}}', 401), on);
    expect(denied.status).toBe(401);
    expect(denied.headers.get("etag")).toBeNull();
    const post = await withEntityTag(new Request("http://grio.test/api/trpc/x", { method: "POST", body: "{}", headers: { "if-none-match": "*" } }), json("{}"), on);
    expect(post.status).toBe(200);
    expect(post.headers.get("etag")).toBeNull();
  });

  it("compares If-None-Match lists weakly, as browsers send them", () => {
    expect(matchesIfNoneMatch('"a", W/"b"', '"b"')).toBe(true);
    expect(matchesIfNoneMatch("*", '"b"')).toBe(true);
    expect(matchesIfNoneMatch('"a"', '"b"')).toBe(false);
    expect(matchesIfNoneMatch(null, '"b"')).toBe(false);
  });

  it("keeps only viewer-level answers: operator and admin ones are no-store and never tagged", async () => {
    const roles: Record<string, string> = { "cluster.overview": "viewer", "me.get": "viewer", "admin.listUsers": "admin", "logs.query": "operator" };
    const roleOf = (n: string) => roles[n];
    expect(viewerQueriesOnly("/api/trpc/cluster.overview", roleOf)).toBe(true);
    expect(viewerQueriesOnly("/api/trpc/cluster.overview,me.get", roleOf)).toBe(true);
    expect(viewerQueriesOnly("/api/trpc/cluster.overview,admin.listUsers", roleOf)).toBe(false);
    expect(viewerQueriesOnly("/api/trpc/logs.query", roleOf)).toBe(false);
    expect(viewerQueriesOnly("/api/trpc/no.such", roleOf)).toBe(false);
    expect(viewerQueriesOnly("/api/trpc/%E0%A4%A", roleOf)).toBe(false);
    expect(viewerQueriesOnly("/api/trpc/", roleOf)).toBe(false);

    const kept = await withEntityTag(get({ "if-none-match": "*" }), json('{"result":{"data":[]}}'), { cacheable: false });
    expect(kept.status).toBe(200);
    expect(kept.headers.get("cache-control")).toBe("no-store");
    expect(kept.headers.get("etag")).toBeNull();
  });
});

