import { createCallerFactory, createTRPCRouter } from "./trpc";
import { meRouter } from "./routers/me";
import { auditRouter } from "./routers/audit";

/** Every area's router, one line each. */
export const appRouter = createTRPCRouter({
  me: meRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
