import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { withEntityTag } from "@/server/api/conditional-get";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { logger } from "@/server/observability/logger";

export const dynamic = "force-dynamic";

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
  return withEntityTag(req, res);
}

export { handler as GET, handler as POST };
