import { z } from "zod";
import { siteInputSchema } from "@/lib/domain/edge/heartbeat";
import { adminProcedure, createTRPCRouter, viewerProcedure } from "@/server/api/trpc";
import { env } from "@/server/config";
import { getDb } from "@/server/db";
import { recordEvent } from "@/server/services/audit";
import { siteNodeSource } from "@/server/services/edge-backup-k8s";
import { edgeFleet } from "@/server/services/edge-fleet";
import { createEdgeSite, revokeSiteToken, rotateSiteToken, updateEdgeSite } from "@/server/services/edge-sites";

const siteId = z.object({ siteId: z.string().min(1).max(63) });

/** Edge sites: everyone signed in sees freshness; only admins see settings and manage tokens. */
export const edgeRouter = createTRPCRouter({
  fleet: viewerProcedure.query(async ({ ctx }) => {
    const canManage = ctx.principal.role === "admin";
    return { ...(await edgeFleet(await getDb(), { includeSettings: canManage, nodeSource: siteNodeSource(), configuredVersion: env().EDGE_CURRICULUM_VERSION })), canManage };
  }),

  summary: viewerProcedure.query(async () => {
    const f = await edgeFleet(await getDb(), { includeSettings: false, nodeSource: siteNodeSource(), configuredVersion: env().EDGE_CURRICULUM_VERSION });
    const offline = f.districts.flatMap((d) => d.sites).filter((s) => s.freshness === "stale" || s.freshness === "never");
    return { counts: f.counts, total: f.total, worst: offline.slice(0, 5).map((s) => ({ id: s.id, name: s.name, freshness: s.freshness, offlineMs: s.offlineMs })), errors: f.errors };
  }),

  createSite: adminProcedure.input(siteInputSchema).mutation(async ({ ctx, input }) => {
    const db = await getDb();
    const created = await createEdgeSite(db, input, ctx.principal.id);
    await recordEvent(ctx, { action: "edge.site.create", target: `edge-site/${input.id}`, parameters: { ...input }, status: "succeeded" }, db);
    return created;
  }),

  updateSite: adminProcedure
    .input(siteId.extend(siteInputSchema.pick({ name: true, district: true, syncInterval: true }).shape).extend({ nodeName: z.string().max(253).optional() }))
    .mutation(async ({ ctx, input }) => {
      const db = await getDb();
      const { siteId: id, ...patch } = input;
      await updateEdgeSite(db, id, patch);
      await recordEvent(ctx, { action: "edge.site.update", target: `edge-site/${id}`, parameters: patch, status: "succeeded" }, db);
      return { ok: true as const };
    }),

  rotateToken: adminProcedure.input(siteId).mutation(async ({ ctx, input }) => {
    const db = await getDb();
    const r = await rotateSiteToken(db, input.siteId);
    await recordEvent(ctx, { action: "edge.site.rotate-token", target: `edge-site/${input.siteId}`, status: "succeeded" }, db);
    return r;
  }),

  revokeToken: adminProcedure.input(siteId).mutation(async ({ ctx, input }) => {
    const db = await getDb();
    await revokeSiteToken(db, input.siteId);
    await recordEvent(ctx, { action: "edge.site.revoke-token", target: `edge-site/${input.siteId}`, status: "succeeded" }, db);
    return { ok: true as const };
  }),
});
