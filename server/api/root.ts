import { createCallerFactory, createTRPCRouter } from "./trpc";
import { backupsRouter } from "./routers/backups";
import { edgeRouter } from "./routers/edge";
import { meRouter } from "./routers/me";
import { auditRouter } from "./routers/audit";
import { adminRouter } from "./routers/admin";
import { actionsRouter } from "./routers/actions";
import { clusterRouter } from "./routers/cluster";
import { metricsRouter } from "./routers/metrics";
import { alertsRouter } from "./routers/alerts";
import { logsRouter } from "./routers/logs";
import { serviceChecksRouter } from "./routers/serviceChecks";

/** Every area's router, one line each. */
export const appRouter = createTRPCRouter({
  backups: backupsRouter,
  edge: edgeRouter,
  actions: actionsRouter,
  cluster: clusterRouter,
  me: meRouter,
  audit: auditRouter,
  admin: adminRouter,
  metrics: metricsRouter,
  alerts: alertsRouter,
  logs: logsRouter,
  serviceChecks: serviceChecksRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
