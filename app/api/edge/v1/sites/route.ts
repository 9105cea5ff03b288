import { siteInputSchema, zodFieldErrors } from "@/lib/domain/edge/heartbeat";
import { DomainError } from "@/server/api/errors";
import { hasRole } from "@/server/auth/principal";
import { principalFromHeaders } from "@/server/auth/resolve";
import { getDb } from "@/server/db";
import { recordEvent } from "@/server/services/audit";
import { createEdgeSite } from "@/server/services/edge-sites";
import { isJsonContentType, parseJson, readCapped, refuse, reply } from "@/server/services/edge-http";
import { withRouteMetrics } from "@/server/observability/metrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * POST /api/edge/v1/sites — register a school server (admin session or admin API token) for
 * scripted roll-outs: 201 {siteId, token} (the token is shown once, stored hashed), 400 field
 * errors, 401 not signed in, 403 not admin, 409 existing id.
 */
async function postHandler(req: Request): Promise<Response> {
  const db = await getDb();
  const principal = await principalFromHeaders(req.headers, db);
  if (!principal) return refuse(401, "Sign in or send Authorization: Bearer <admin API token>.");
  if (!hasRole(principal, "admin")) return refuse(403, `Registering sites needs the admin role; you are ${principal.role}.`);
  const text = await readCapped(req, 16 * 1024);
  if (text === "too-large") return refuse(413, "The body is larger than 16384 bytes.");
  if (!isJsonContentType(req.headers.get("content-type"))) return refuse(415, "Send the site as JSON with Content-Type: application/json.");
  const json = parseJson(text);
  if (!json.ok) return refuse(400, "The body is not valid JSON.", [{ field: "(body)", message: json.message }]);
  const parsed = siteInputSchema.safeParse(json.value);
  if (!parsed.success) return refuse(400, "The site has invalid fields.", zodFieldErrors(parsed.error));
  const ctx = { principal, requestId: req.headers.get("x-request-id")?.slice(0, 100) || crypto.randomUUID() };
  try {
    const created = await createEdgeSite(db, parsed.data, principal.id);
    await recordEvent(ctx, { action: "edge.site.create", target: `edge-site/${created.siteId}`, parameters: { ...parsed.data }, status: "succeeded" }, db);
    return reply(201, created);
  } catch (e) {
    if (e instanceof DomainError && e.code === "CONFLICT") return refuse(409, e.message);
    throw e;
  }
}

export const POST = withRouteMetrics("edge.sites", postHandler);
