import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { viewerQueriesOnly, withEntityTag } from "@/server/api/conditional-get";
import { appRouter } from "@/server/api/root";
import { createTRPCContext, type Meta } from "@/server/api/trpc";
import { logger } from "@/server/observability/logger";

export const dynamic = "force-dynamic";

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } } | undefined>;
const roleOf = (name: string) => procedures[name]?._def.meta?.role;

async function handler(req: Request) {
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ procedure: path, err: error.cause ?? error }, "trpc call failed");
    },
  });
  return withEntityTag(req, res, { cacheable: viewerQueriesOnly(new URL(req.url).pathname, roleOf) });
}

export { handler as GET, handler as POST };
