import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { UpstreamError } from "@/server/adapters/errors";
import type { Principal } from "@/server/auth/principal";

// The procedures read the validated env; this file runs in its own module scope.
process.env.NEXTAUTH_SECRET = "x".repeat(32);
process.env.GRIO_READ_ONLY = "1";

let trpc: typeof import("./trpc");
let DomainError: typeof import("./errors").DomainError;
beforeAll(async () => {
  trpc = await import("./trpc");
  ({ DomainError } = await import("./errors"));
});

const who = (role: Principal["role"]): Principal => ({ kind: "user", id: "u", email: `${role}@grio.local`, name: role, role, timeZone: "UTC" });

function testRouter() {
  const { createTRPCRouter, viewerProcedure, operatorProcedure, adminProcedure } = trpc;
  return createTRPCRouter({
    look: viewerProcedure.query(() => "ok"),
    restart: operatorProcedure.input(z.object({ name: z.string().min(1) })).mutation(() => "restarted"),
    settle: adminProcedure.mutation(() => "settled"),
    lokiDown: viewerProcedure.query(() => {
      throw new UpstreamError("loki", "connect ECONNREFUSED 127.0.0.1:3100");
    }),
    busy: viewerProcedure.query(() => {
      throw new DomainError("CONFLICT", "Another rollout is in progress.");
    }),
  });
}

function caller(principal: Principal | null) {
  return trpc.createCallerFactory(testRouter())({ principal, requestId: "r", headers: new Headers() });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

describe("procedures by role", () => {
  it("refuses a caller without a session", async () => {
    expect(await codeOf(caller(null).look())).toBe("UNAUTHORIZED");
  });

  it("checks the role before the input, so a viewer gets FORBIDDEN whatever they send", async () => {
    expect(await codeOf(caller(who("viewer")).restart({ name: "" }))).toBe("FORBIDDEN");
    expect(await codeOf(caller(who("admin")).restart({ name: "" }))).toBe("BAD_REQUEST");
  });

  it("in read-only mode refuses changes by non-admins, but not reads or admins", async () => {
    expect(await codeOf(caller(who("operator")).restart({ name: "api" }))).toBe("FORBIDDEN");
    expect(await codeOf(caller(who("viewer")).look())).toBe("OK");
    expect(await codeOf(caller(who("admin")).restart({ name: "api" }))).toBe("OK");
    expect(await codeOf(caller(who("admin")).settle())).toBe("OK");
  });

  it("converts upstream and domain errors in one place", async () => {
    const e = await caller(who("viewer")).lokiDown().catch((x: unknown) => x as TRPCError);
    expect(e).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "Loki is unreachable: connect ECONNREFUSED 127.0.0.1:3100" });
    const d = await caller(who("viewer")).busy().catch((x: unknown) => x as TRPCError);
    expect(d).toMatchObject({ code: "CONFLICT", message: "Another rollout is in progress." });
  });
});
