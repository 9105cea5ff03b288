import { createTRPCRouter, viewerProcedure } from "@/server/api/trpc";
import { getDb } from "@/server/db";
import { serviceCheckViews, PROBE_INTERVAL_MS } from "@/server/services/observability/serviceChecks";

/** Continuous service checks (SERVICE_CHECKS) with availability against the 99.5 % SLA. */
export const serviceChecksRouter = createTRPCRouter({
  list: viewerProcedure.query(async () => ({
    intervalSeconds: PROBE_INTERVAL_MS / 1000,
    checks: await serviceCheckViews(await getDb(), Date.now()),
  })),
});
