import { hasRole } from "@/server/auth/principal";
import { principalFromHeaders } from "@/server/auth/resolve";
import { getDb } from "@/server/db";
import { auditFilterSchema, listAuditEvents } from "@/server/services/audit-query";
import { csvLine } from "@/lib/domain/audit";
import { withRouteMetrics } from "@/server/observability/metrics";

export const dynamic = "force-dynamic";

const COLUMNS = ["started_at", "finished_at", "actor_kind", "actor_name", "actor_role", "action", "target", "status", "reason", "error", "parameters", "request_id", "id"];

/** CSV of the audit log with the page's filters (up to 5000 rows). 401/403, never a redirect. */
async function getHandler(req: Request): Promise<Response> {
  const principal = await principalFromHeaders(req.headers);
  if (!principal) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!hasRole(principal, "viewer")) return Response.json({ error: "Forbidden." }, { status: 403 });
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = auditFilterSchema.safeParse({ ...params, limit: 5000 });
  if (!parsed.success) return Response.json({ error: "Bad filter.", issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, { status: 400 });
  const rows = await listAuditEvents(await getDb(), parsed.data);
  const lines = [
    COLUMNS.join(","),
    ...rows.map((r) =>
      csvLine([r.startedAt, r.finishedAt, r.actorKind, r.actorName, r.actorRole, r.action, r.target, r.displayStatus, r.reason, r.error, r.parameters, r.requestId, r.id]),
    ),
  ];
  return new Response(lines.join("\r\n") + "\r\n", {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="grio-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}

export const GET = withRouteMetrics("audit.export", getHandler);
