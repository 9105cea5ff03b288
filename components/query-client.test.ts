import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { shouldRetry } from "./query-client";

const trpcError = (code: string) => TRPCClientError.from({ error: { message: code, code: -1, data: { code, httpStatus: 0 } } } as never);

describe("shouldRetry", () => {
  it("never retries UNAUTHORIZED or FORBIDDEN", () => {
    expect(shouldRetry(0, trpcError("UNAUTHORIZED"))).toBe(false);
    expect(shouldRetry(0, trpcError("FORBIDDEN"))).toBe(false);
  });
  it("does not retry bad input", () => expect(shouldRetry(0, trpcError("BAD_REQUEST"))).toBe(false));
  it("retries an upstream failure twice", () => {
    expect(shouldRetry(0, trpcError("BAD_GATEWAY"))).toBe(true);
    expect(shouldRetry(1, trpcError("SERVICE_UNAVAILABLE"))).toBe(true);
    expect(shouldRetry(2, trpcError("SERVICE_UNAVAILABLE"))).toBe(false);
  });
});
