import { stringify } from "yaml";
import { z } from "zod";
import { getClusterRegistry, getRawObject, RAW_KINDS, type RawKind } from "@/server/adapters/kubernetes";
import { DomainError } from "@/server/api/errors";
import { createTRPCRouter, viewerProcedure } from "@/server/api/trpc";
import * as views from "@/server/services/cluster-views";

/** Live cluster health: every query reads the shared informer caches (no Kubernetes request per viewer). */
const name = z.string().min(1).max(253).regex(/^[a-zA-Z0-9][a-zA-Z0-9._:-]*$/, "not a Kubernetes name");
const cluster = z.string().min(1).max(100);
const healthFilter = z.string().max(40).optional();
/** free text typed into a filter box: only ever compared, never sent anywhere */
const filterText = z.string().max(253).optional();

export const clusterRouter = createTRPCRouter({
  list: viewerProcedure.query(() => views.clusterList()),

  overview: viewerProcedure.query(() => views.overview()),

  nodes: viewerProcedure.input(z.object({ cluster: cluster.optional() }).optional()).query(({ input }) => views.nodeList(input?.cluster)),

  node: viewerProcedure.input(z.object({ cluster, name })).query(({ input }) => views.nodeDetail(input.cluster, input.name)),

  workloads: viewerProcedure
    .input(z.object({ cluster: cluster.optional(), namespace: name.optional() }).optional())
    .query(({ input }) => views.workloadList(input?.cluster, input?.namespace)),

  workload: viewerProcedure
    .input(z.object({ cluster, kind: z.enum(["Deployment", "StatefulSet", "CronJob"]), namespace: name, name }))
    .query(({ input }) => views.workloadDetail(input.cluster, input.kind, input.namespace, input.name)),

  pods: viewerProcedure
    .input(z.object({
      cluster: cluster.optional(), namespace: filterText, status: healthFilter, node: filterText,
      workload: filterText, q: z.string().max(100).optional(), limit: z.number().int().min(1).max(1000).default(300),
    }).optional())
    .query(({ input }) => views.podList(input ?? { limit: 300 })),

  pod: viewerProcedure.input(z.object({ cluster, namespace: name, name })).query(({ input }) => views.podDetail(input.cluster, input.namespace, input.name)),

  volumes: viewerProcedure.input(z.object({ cluster: cluster.optional() }).optional()).query(({ input }) => views.volumeList(input?.cluster)),

  search: viewerProcedure.input(z.object({ q: z.string().max(100) })).query(({ ctx, input }) => views.search(ctx.principal, input.q)),

  /** The full object as YAML, fresh from the API (an explicit per-user read); managedFields folded apart. */
  yaml: viewerProcedure
    .input(z.object({ cluster, kind: z.enum(Object.keys(RAW_KINDS) as [RawKind, ...RawKind[]]), namespace: z.string().max(253).default(""), name }))
    .query(async ({ input }) => {
      const c = getClusterRegistry().get(input.cluster);
      if (!c) throw new DomainError("NOT_FOUND", `No cluster named "${input.cluster}" is configured.`);
      const raw = (await getRawObject(c, input.kind, input.namespace, input.name)) as { metadata?: Record<string, unknown> };
      const managed = raw.metadata?.managedFields;
      if (raw.metadata) delete raw.metadata.managedFields;
      return { yaml: stringify(raw), managedFields: managed ? stringify(managed) : null };
    }),
});
