import { hasRole } from "@/server/auth/principal";
import { principalFromHeaders } from "@/server/auth/resolve";
import { getDb } from "@/server/db";
import { exportRules } from "@/server/services/observability/thresholds";
import { withRouteMetrics } from "@/server/observability/metrics";

export const dynamic = "force-dynamic";

/** The stored thresholds as a Prometheus rules file or a PrometheusRule manifest (download). */
async function getHandler(req: Request): Promise<Response> {
  const principal = await principalFromHeaders(req.headers);
  if (!principal) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!hasRole(principal, "viewer")) return Response.json({ error: "Forbidden." }, { status: 403 });
  const url = new URL(req.url);
  const format = url.searchParams.get("format") ?? "rules";
  const namespace = url.searchParams.get("namespace") ?? undefined;
  if (format !== "rules" && format !== "prometheusrule") return Response.json({ error: 'format must be "rules" or "prometheusrule"' }, { status: 400 });
  if (namespace !== undefined && !/^[a-z0-9-]{1,63}$/.test(namespace)) return Response.json({ error: "namespace must be a Kubernetes namespace name" }, { status: 400 });
  const { filename, content } = await exportRules(await getDb(), format, namespace);
  return new Response(content, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}

export const GET = withRouteMetrics("alerts.export", getHandler);
