import { timingSafeEqual } from "node:crypto";
import { env } from "@/server/config";
import { renderMetrics, withRouteMetrics } from "@/server/observability/metrics";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Prometheus scrape endpoint. When METRICS_TOKEN is set, the scraper must send
 * `Authorization: Bearer <METRICS_TOKEN>`; without it, protect the path with the NetworkPolicy in
 * deploy/k8s (only the monitoring namespace may reach the pods' port) — the Ingress does not route it.
 */
export const GET = withRouteMetrics("metrics", async (req: Request) => {
  const token = env().METRICS_TOKEN;
  if (token && !bearerMatches(req.headers.get("authorization"), token)) {
    return new Response("Unauthorized: send Authorization: Bearer <METRICS_TOKEN>\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="grio-ops metrics"', "content-type": "text/plain" },
    });
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});

function bearerMatches(header: string | null, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!m?.[1]) return false;
  const given = Buffer.from(m[1].trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
