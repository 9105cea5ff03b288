import { z } from "zod";
import { createTRPCRouter, viewerProcedure } from "@/server/api/trpc";
import { PANEL_IDS, TIME_RANGES } from "@/lib/domain/panels";
import { metricPanels, sparklines } from "@/server/services/observability/metrics";
import { volumeUsageReport } from "@/server/services/observability/volume-usage";
import { getDb } from "@/server/db";

/** Metrics panels (PromQL runs on the server; the browser gets compact aligned series). */
const cluster = z.string().min(1).max(100);
const name = z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes object name");

export const metricsRouter = createTRPCRouter({
  panels: viewerProcedure
    .input(
      z.object({
        range: z.enum(TIME_RANGES).default("1h"),
        cluster: cluster.optional(),
        only: z.array(z.enum(PANEL_IDS)).max(PANEL_IDS.length).optional(),
      }),
    )
    .query(({ input }) => metricPanels(input.range, Date.now(), { only: input.only, cluster: input.cluster })),
  sparklines: viewerProcedure
    .input(
      z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("node"), cluster: cluster.optional(), name }),
        z.object({ kind: z.literal("workload"), cluster: cluster.optional(), namespace: name, name }),
        z.object({ kind: z.literal("pod"), cluster: cluster.optional(), namespace: name, name }),
      ]),
    )
    .query(({ input }) => sparklines(input, Date.now())),
  /** PVC used/capacity/percent from kubelet volume stats; separate from cluster.volumes so the claims render without Prometheus. */
  volumeUsage: viewerProcedure.query(async () => volumeUsageReport(await getDb())),
});
