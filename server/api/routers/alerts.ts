import { z } from "zod";
import { adminProcedure, createTRPCRouter, operatorProcedure, viewerProcedure } from "@/server/api/trpc";
import { getDb } from "@/server/db";
import { thresholdEditSchema } from "@/lib/domain/thresholds";
import { requirePrometheus } from "@/server/adapters/prometheus";
import { alertsOverview, alertsSummary, createSilence, expireSilence } from "@/server/services/observability/alerts";
import { exportRules, listThresholds, updateThreshold } from "@/server/services/observability/thresholds";

const labelName = z.string().min(1).max(100).regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a label name");

/** Alert thresholds, Prometheus' alerts and rules, Alertmanager notifications and silences. */
export const alertsRouter = createTRPCRouter({
  overview: viewerProcedure.query(async () => alertsOverview(await getDb(), Date.now())),
  summary: viewerProcedure.query(async () => alertsSummary(await getDb(), Date.now())),
  thresholds: viewerProcedure.query(async () => listThresholds(await getDb())),
  updateThreshold: adminProcedure
    .input(thresholdEditSchema)
    .mutation(async ({ ctx, input }) => updateThreshold(await getDb(), ctx, requirePrometheus(), input)),
  exportRules: viewerProcedure
    .input(z.object({ format: z.enum(["rules", "prometheusrule"]), namespace: z.string().regex(/^[a-z0-9-]{1,63}$/).optional() }))
    .query(async ({ input }) => exportRules(await getDb(), input.format, input.namespace)),
  createSilence: operatorProcedure
    .input(
      z.object({
        matchers: z
          .array(z.object({ name: labelName, value: z.string().min(1).max(500), isRegex: z.boolean().default(false) }))
          .min(1, "a silence needs at least one matcher")
          .max(20),
        durationMinutes: z.number().int().min(5).max(7 * 24 * 60),
        comment: z.string().trim().min(3, "say why (at least 3 characters)").max(500),
      }),
    )
    .mutation(async ({ ctx, input }) => createSilence(await getDb(), ctx, input, Date.now())),
  expireSilence: operatorProcedure
    .input(z.object({ silenceId: z.string().regex(/^[0-9a-f-]{8,64}$/i, "not a silence id"), reason: z.string().max(500).optional() }))
    .mutation(async ({ ctx, input }) => {
      await expireSilence(await getDb(), ctx, input);
      return { expired: input.silenceId };
    }),
});
