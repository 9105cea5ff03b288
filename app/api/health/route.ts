import { sql } from "drizzle-orm";
import { getDb } from "@/server/db";
import { withRouteMetrics } from "@/server/observability/metrics";

export const dynamic = "force-dynamic";

/** `GET /api/health` → 200 {"status":"ok"} without a session; `?deep=1` also checks the database. */
async function getHandler(req: Request): Promise<Response> {
  const deep = new URL(req.url).searchParams.get("deep");
  if (deep !== "1" && deep !== "true") return Response.json({ status: "ok" });
  const t0 = Date.now();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: { status: "ok", latencyMs: Date.now() - t0 } });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return Response.json({ status: "degraded", database: { status: "unreachable", error: message } }, { status: 503 });
  }
}

export const GET = withRouteMetrics("health", getHandler);
