import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Role } from "@/db/schema";
import { hasRole, type Principal } from "@/server/auth/principal";
import { principalFromHeaders } from "@/server/auth/resolve";
import { env } from "@/server/config";
import { observeProcedure } from "@/server/observability/metrics";
import { toTRPCError } from "./errors";

/**
 * tRPC plumbing: context (principal + request id), one error-conversion middleware, and procedures
 * by role. Every procedure requires a session or an API token; the role check runs before input
 * parsing, so a caller without the role gets 403 whatever they send.
 */
export type Context = {
  principal: Principal | null;
  requestId: string;
  headers: Headers;
};

export async function createTRPCContext(opts: { headers: Headers }): Promise<Context> {
  return {
    principal: await principalFromHeaders(opts.headers),
    requestId: opts.headers.get("x-request-id")?.slice(0, 100) || crypto.randomUUID(),
    headers: opts.headers,
  };
}

export type Meta = { role: Role };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        data: {
          ...data,
          zodError: error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The one place where UpstreamError / DomainError thrown below become tRPC codes. */
const errorConversion = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (result.error.code === "INTERNAL_SERVER_ERROR" && cause) throw toTRPCError(cause);
  }
  return result;
});

function requireRole(role: Role) {
  return t.middleware(({ ctx, type, next }) => {
    if (!ctx.principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
    if (!hasRole(ctx.principal, role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${role} role; you are ${ctx.principal.role}.` });
    }
    if (type === "mutation" && role !== "viewer" && ctx.principal.role !== "admin" && env().GRIO_READ_ONLY) {
      throw new TRPCError({ code: "FORBIDDEN", message: "The console is in read-only mode (GRIO_READ_ONLY): only admins can make changes." });
    }
    return next({ ctx: { ...ctx, principal: ctx.principal } });
  });
}

const base = t.procedure.use((opts) => observeProcedure(opts)).use(errorConversion);

/** Read-only views: every signed-in role (ministry IT included). */
export const viewerProcedure = base.meta({ role: "viewer" }).use(requireRole("viewer"));
/** Views with logs, and every action on the estate: operators and admins. */
export const operatorProcedure = base.meta({ role: "operator" }).use(requireRole("operator"));
/** Users, tokens and settings. */
export const adminProcedure = base.meta({ role: "admin" }).use(requireRole("admin"));

export type AuthedContext = Context & { principal: Principal };
