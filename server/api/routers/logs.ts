import { z } from "zod";
import { createTRPCRouter, operatorProcedure } from "@/server/api/trpc";
import { toSourceError } from "@/server/adapters/errors";
import { logFiltersSchema } from "@/lib/domain/logql";
import { lokiFromEnv, LOKI_NOT_CONFIGURED } from "@/server/adapters/loki";
import { LOG_RANGES, searchLogs, type LogRange } from "@/server/services/observability/logs";

const ns = z.string().regex(/^\d{1,20}$/, "must be a nanosecond timestamp");
const ranges = Object.keys(LOG_RANGES) as [LogRange, ...LogRange[]];

/**
 * Logs (Loki). Student data can appear in logs, so viewers (ministry IT) get none: every
 * procedure here needs the operator role. Raw LogQL is validated before it is sent.
 */
export const logsRouter = createTRPCRouter({
  search: operatorProcedure
    .input(
      z.object({
        filters: logFiltersSchema.default({}),
        logql: z.string().max(4000).optional(),
        range: z.enum(ranges).default("1h"),
        limit: z.number().int().min(1).max(1000).default(200),
        before: ns.optional(),
        after: ns.optional(),
      }),
    )
    .query(({ input }) => searchLogs(input, Date.now())),
  labelValues: operatorProcedure
    .input(z.object({ label: z.enum(["cluster", "namespace", "app", "pod", "container"]) }))
    .query(async ({ input }) => {
      const loki = lokiFromEnv();
      if (!loki) return { values: [] as string[], error: `Loki is ${LOKI_NOT_CONFIGURED}` };
      try {
        return { values: await loki.labelValues(input.label), error: null };
      } catch (e) {
        return { values: [] as string[], error: toSourceError(e, "loki").message };
      }
    }),
});
