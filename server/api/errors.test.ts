import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { UpstreamError } from "@/server/adapters/errors";
import { DomainError, toTRPCError } from "./errors";

describe("toTRPCError", () => {
  it("keeps a domain error's code and plain message", () => {
    const e = toTRPCError(new DomainError("CONFLICT", "Already running."));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toBe("Already running.");
  });

  it("turns an unreachable upstream into SERVICE_UNAVAILABLE with the source's sentence", () => {
    const e = toTRPCError(new UpstreamError("loki", "connect ECONNREFUSED"));
    expect(e.code).toBe("SERVICE_UNAVAILABLE");
    expect(e.message).toBe("Loki is unreachable: connect ECONNREFUSED");
  });

  it("maps upstream HTTP statuses", () => {
    const code = (status: number) => toTRPCError(new UpstreamError("kubernetes", "x", { instance: "hetzner-prod", status })).code;
    expect(code(404)).toBe("NOT_FOUND");
    expect(code(409)).toBe("CONFLICT");
    expect(code(422)).toBe("BAD_REQUEST");
    expect(code(403)).toBe("BAD_GATEWAY");
    expect(code(500)).toBe("BAD_GATEWAY");
    expect(code(504)).toBe("GATEWAY_TIMEOUT");
  });

  it("hides unknown errors behind a generic message", () => {
    const e = toTRPCError(new Error("password=hunter2 in a stack"));
    expect(e.code).toBe("INTERNAL_SERVER_ERROR");
    expect(e.message).toBe("Internal error");
  });

  it("passes tRPC errors through", () => {
    const original = new TRPCError({ code: "FORBIDDEN", message: "no" });
    expect(toTRPCError(original)).toBe(original);
  });
});
