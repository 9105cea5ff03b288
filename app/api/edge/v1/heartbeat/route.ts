import { checkHeartbeat, HEARTBEAT_MAX_BYTES } from "@/lib/domain/edge/heartbeat";
import { getDb } from "@/server/db";
import { siteForToken } from "@/server/services/edge-sites";
import { storeHeartbeat, takeHeartbeatSlot } from "@/server/services/edge-heartbeats";
import { bearer, isJsonContentType, parseJson, readCapped, refuse, reply } from "@/server/services/edge-http";
import { withRouteMetrics } from "@/server/observability/metrics";
import { logger } from "@/server/observability/logger";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * POST /api/edge/v1/heartbeat — school servers' sync agents report here. Checked in this order:
 * 413 (> 16 KB) → 415 (not JSON) → 401 (token) → 429 (> 60/min/site) → 400 (field errors) → 202 {id}.
 * A valid heartbeat is stored before the reply.
 */
async function postHandler(req: Request): Promise<Response> {
  try {
    return await handle(req);
  } catch (e) {
    // the database is unreachable: the agent keeps the heartbeat queued and retries
    logger.error({ component: "edge", err: e }, "heartbeat not stored");
    return refuse(503, "The console cannot store heartbeats right now; keep it queued and retry.", undefined, { "retry-after": "30" });
  }
}

async function handle(req: Request): Promise<Response> {
  const text = await readCapped(req, HEARTBEAT_MAX_BYTES);
  if (text === "too-large") return refuse(413, `The body is larger than ${HEARTBEAT_MAX_BYTES} bytes.`);
  if (!isJsonContentType(req.headers.get("content-type"))) {
    return refuse(415, "Send the heartbeat as JSON with Content-Type: application/json.");
  }
  const token = bearer(req);
  const db = await getDb();
  const site = token ? await siteForToken(db, token) : undefined;
  if (!site) {
    return refuse(401, token ? "The site token is unknown or revoked." : "Missing Authorization: Bearer <site token>.", undefined, {
      "www-authenticate": 'Bearer realm="grio-edge"',
    });
  }
  const now = new Date();
  if (!(await takeHeartbeatSlot(db, site.id, now))) {
    return refuse(429, `Site ${site.id} sent more than 60 heartbeats in the last minute; retry later.`, undefined, { "retry-after": "60" });
  }
  const json = parseJson(text);
  if (!json.ok) return refuse(400, "The body is not valid JSON.", [{ field: "(body)", message: json.message }]);
  const checked = checkHeartbeat(json.value, site.id, now);
  if (!checked.ok) return refuse(400, "The heartbeat has invalid fields.", checked.errors);
  const id = await storeHeartbeat(db, checked.heartbeat, now);
  return reply(202, { id });
}

export const POST = withRouteMetrics("edge.heartbeat", postHandler);
