import { TRPCError } from "@trpc/server";
import { UpstreamError } from "@/server/adapters/errors";

/** What a service throws when the request cannot be done as asked; the message is shown as is. */
export type DomainErrorCode = "BAD_REQUEST" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED" | "FORBIDDEN" | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  constructor(code: DomainErrorCode, message: string, opts: { cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "DomainError";
    this.code = code;
  }
}

/** The one place where upstream and domain failures become tRPC codes (used by the middleware). */
export function toTRPCError(e: unknown): TRPCError {
  if (e instanceof TRPCError) return e;
  if (e instanceof DomainError) return new TRPCError({ code: e.code, message: e.message, cause: e });
  if (e instanceof UpstreamError) return new TRPCError({ code: upstreamCode(e.status), message: e.sentence, cause: e });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error", cause: e });
}

function upstreamCode(status: number | undefined): TRPCError["code"] {
  if (status === undefined) return "SERVICE_UNAVAILABLE";
  if (status === 404) return "NOT_FOUND";
  if (status === 409) return "CONFLICT";
  if (status === 400 || status === 422) return "BAD_REQUEST";
  if (status === 504) return "GATEWAY_TIMEOUT";
  return "BAD_GATEWAY";
}
