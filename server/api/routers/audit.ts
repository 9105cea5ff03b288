import { createTRPCRouter, viewerProcedure } from "@/server/api/trpc";
import { getDb } from "@/server/db";
import { auditFilterSchema, listAuditEvents } from "@/server/services/audit-query";

export const auditRouter = createTRPCRouter({
  list: viewerProcedure.input(auditFilterSchema.partial()).query(async ({ input }) => {
    const rows = await listAuditEvents(await getDb(), { ...input, limit: Math.min(input.limit ?? 100, 500) });
    return { rows, nextBefore: rows.length ? rows[rows.length - 1]!.startedAt : null };
  }),
});
