import { createHash } from "node:crypto";

/**
 * Conditional GETs for tRPC queries. Every live view polls (4 s); most polls find nothing changed.
 * A successful GET answer carries an ETag (a hash of its body) and `Cache-Control: private,
 * no-cache`, so the browser keeps it and revalidates each poll with If-None-Match; an unchanged
 * answer then costs a 304 with no body instead of the whole payload again (the overview is ~50 kB,
 * the pods table far more) — what a school's or a ministry's slow link notices.
 * Only 200 answers are tagged: errors, 401 and 403 are never cached or answered with 304, and
 * the caller's session is checked before this runs, as for any request. Only answers that every
 * signed-in role may see are kept (`cacheable`); operator and admin answers (logs, users, tokens)
 * are `no-store`, so they do not stay in the cache of a shared ministry PC after sign-out.
 */
export async function withEntityTag(req: Request, res: Response, opts: { cacheable: boolean }): Promise<Response> {
  if (req.method !== "GET") return res;
  if (!opts.cacheable) {
    res.headers.set("cache-control", "no-store");
    return res;
  }
  if (res.status !== 200) return res;
  const body = new Uint8Array(await res.arrayBuffer());
  const tag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = new Headers(res.headers);
  headers.set("etag", tag);
  headers.set("cache-control", "private, no-cache");
  headers.append("vary", "cookie, authorization");
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), tag)) {
    headers.delete("content-type");
    headers.delete("content-length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: 200, headers });
}

/** RFC 9110 §13.1.2: `*`, or any listed tag equal under weak comparison (W/ prefixes ignored). */
export function matchesIfNoneMatch(header: string | null, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => strip(t) === strip(tag));
}

/**
 * Whether every procedure of a tRPC GET path (`/api/trpc/a.b,c.d`, batched or not) is a
 * viewer-level query: only those answers may stay in the browser's cache.
 */
export function viewerQueriesOnly(pathname: string, roleOf: (procedure: string) => string | undefined): boolean {
  const names = pathname.replace(/^\/api\/trpc\/?/, "").split(",").filter(Boolean);
  return names.length > 0 && names.every((n) => roleOf(safeDecode(n)) === "viewer");
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
