import { createCallerFactory, createTRPCRouter } from "./trpc";
import { backupsRouter } from "./routers/backups";
import { edgeRouter } from "./routers/edge";
import { meRouter } from "./routers/me";
import { auditRouter } from "./routers/audit";
import { actionsRouter } from "./routers/actions";
import { clusterRouter } from "./routers/cluster";

/** Every area's router, one line each. */
export const appRouter = createTRPCRouter({
  backups: backupsRouter,
  edge: edgeRouter,
  actions: actionsRouter,
  cluster: clusterRouter,
  me: meRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
