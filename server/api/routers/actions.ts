import { z } from "zod";
import { createTRPCRouter, operatorProcedure } from "@/server/api/trpc";
import { toSourceError } from "@/server/adapters/errors";
import { listCollections } from "@/server/adapters/qdrant";
import * as actions from "@/server/services/actions";
import { newestDumpSince } from "@/server/services/actions/backupDump";
import { actionCluster, promotionClusters } from "@/server/services/actions/clusters";
import { jobProgress, rolloutProgress } from "@/server/services/actions/progress";
import { promotionPlan } from "@/server/services/actions/promote";
import { rollbackOptions } from "@/server/services/actions/rollback";
import { scaleOptions } from "@/server/services/actions/scale";
import { cronJobInfo } from "@/server/services/actions/cronjob";

function promotable(cluster: string): boolean {
  try {
    return promotionClusters().production.name === cluster;
  } catch {
    return false;
  }
}

/** Operator actions on the estate (every procedure: operator or admin). Thin: validate, call, return. */
const dns = z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes object name");
const cluster = z.string().min(1).max(100);
const workload = z.object({ cluster, namespace: dns, kind: z.enum(["Deployment", "StatefulSet"]), name: dns });
const confirmation = {
  idempotencyKey: z.string().min(8).max(100).regex(/^[A-Za-z0-9-]+$/),
  reason: z.string().max(500).nullish(),
  confirmName: z.string().max(253).nullish(),
};
const conf = (i: { idempotencyKey: string; reason?: string | null; confirmName?: string | null }) => ({
  idempotencyKey: i.idempotencyKey,
  reason: i.reason?.trim() || null,
  confirmName: i.confirmName ?? null,
});

export const actionsRouter = createTRPCRouter({
  clusterTarget: operatorProcedure.input(z.object({ cluster })).query(({ input }) => {
    const c = actionCluster(input.cluster);
    return { name: c.name, displayName: c.displayName, production: c.production, promotable: promotable(c.name) };
  }),
  cronJobInfo: operatorProcedure.input(z.object({ cluster, namespace: dns, name: dns })).query(({ input }) =>
    cronJobInfo(actionCluster(input.cluster), input.namespace, input.name),
  ),
  rollbackOptions: operatorProcedure.input(workload).query(async ({ input }) => {
    const c = actionCluster(input.cluster);
    const opts = await rollbackOptions(c, input);
    return { cluster: { name: c.name, displayName: c.displayName, production: c.production }, ...opts };
  }),
  rollback: operatorProcedure
    .input(workload.extend({ toRevision: z.number().int().min(0), ...confirmation }))
    .mutation(({ ctx, input }) => actions.rollback(ctx, input.cluster, input, input.toRevision, conf(input))),
  restart: operatorProcedure
    .input(workload.extend(confirmation))
    .mutation(({ ctx, input }) => actions.restart(ctx, input.cluster, input, conf(input))),
  scaleOptions: operatorProcedure
    .input(workload.extend({ replicas: z.number().int().min(0).max(1000).optional() }))
    .query(async ({ input }) => {
      const c = actionCluster(input.cluster);
      return { cluster: { name: c.name, displayName: c.displayName, production: c.production }, ...(await scaleOptions(c, input, input.replicas)) };
    }),
  scale: operatorProcedure
    .input(workload.extend({ replicas: z.number().int().min(0).max(1000), ...confirmation }))
    .mutation(({ ctx, input }) => actions.scale(ctx, input.cluster, input, input.replicas, conf(input))),
  rolloutStatus: operatorProcedure
    .input(workload.extend({ startedAt: z.number().int().positive() }))
    .query(({ input }) => rolloutProgress(actionCluster(input.cluster), input, { startedAt: input.startedAt, now: Date.now() })),
  deletePod: operatorProcedure
    .input(z.object({ cluster, namespace: dns, name: dns, ...confirmation }))
    .mutation(({ ctx, input }) => actions.deletePod(ctx, input.cluster, input.namespace, input.name, conf(input))),
  cordon: operatorProcedure
    .input(z.object({ cluster, node: dns, cordon: z.boolean(), ...confirmation }))
    .mutation(({ ctx, input }) => actions.cordon(ctx, input.cluster, input.node, input.cordon, conf(input))),
  runCronJob: operatorProcedure
    .input(z.object({ cluster, namespace: dns, name: dns, ...confirmation }))
    .mutation(({ ctx, input }) => actions.runCronJob(ctx, input.cluster, input.namespace, input.name, conf(input))),
  suspendCronJob: operatorProcedure
    .input(z.object({ cluster, namespace: dns, name: dns, suspend: z.boolean(), ...confirmation }))
    .mutation(({ ctx, input }) => actions.suspendCronJob(ctx, input.cluster, input.namespace, input.name, input.suspend, conf(input))),
  jobStatus: operatorProcedure
    .input(z.object({ cluster, namespace: dns, job: dns, cronJob: dns.optional(), startedAt: z.number().int().positive() }))
    .query(async ({ input }) => {
      const job = await jobProgress(actionCluster(input.cluster), input.namespace, input.job);
      if (job.phase !== "succeeded" || !input.cronJob) return { ...job, dump: null, dumpError: null };
      try {
        return { ...job, dump: await newestDumpSince(input.cronJob, new Date(input.startedAt)), dumpError: null };
      } catch (e) {
        return { ...job, dump: null, dumpError: toSourceError(e, "s3").message };
      }
    }),
  qdrantCollections: operatorProcedure.query(() => listCollections()),
  qdrantSnapshot: operatorProcedure
    .input(z.object({ collection: z.string().min(1).max(255).regex(/^[A-Za-z0-9_.-]+$/).nullable(), ...confirmation }))
    .mutation(({ ctx, input }) => actions.qdrantSnapshot(ctx, input.collection, conf(input))),
  promotionPlan: operatorProcedure.input(z.object({ namespace: dns, name: dns })).query(async ({ input }) => {
    const { staging, production } = promotionClusters();
    const plan = await promotionPlan(staging, production, input.namespace, input.name);
    return { staging: staging.name, production: { name: production.name, displayName: production.displayName, production: production.production }, lines: plan.lines, changes: plan.patch !== null };
  }),
  promote: operatorProcedure
    .input(z.object({ namespace: dns, name: dns, ...confirmation }))
    .mutation(({ ctx, input }) => actions.promote(ctx, input.namespace, input.name, conf(input))),
});
