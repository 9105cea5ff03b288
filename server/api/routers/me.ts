import { z } from "zod";
import { TIME_ZONES } from "@/db/schema";
import { DomainError } from "@/server/api/errors";
import { createTRPCRouter, viewerProcedure } from "@/server/api/trpc";
import { getDb } from "@/server/db";
import { recordEvent } from "@/server/services/audit";
import { hashPassword, verifyPassword } from "@/server/services/passwords";
import { findUserById, updateUser } from "@/server/services/users";

export const meRouter = createTRPCRouter({
  get: viewerProcedure.query(({ ctx }) => ctx.principal),

  setTimeZone: viewerProcedure
    .input(z.object({ timeZone: z.enum(TIME_ZONES) }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.principal.kind !== "user") throw new DomainError("BAD_REQUEST", "API tokens have no preferences.");
      await updateUser(await getDb(), ctx.principal.id, { timeZone: input.timeZone });
      return { timeZone: input.timeZone };
    }),

  changePassword: viewerProcedure
    .input(
      z.object({
        current: z.string().min(1, "Enter your current password"),
        next: z.string().min(10, "Use at least 10 characters").max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (ctx.principal.kind !== "user") throw new DomainError("BAD_REQUEST", "API tokens have no password.");
      const db = await getDb();
      const user = await findUserById(db, ctx.principal.id);
      if (!user?.passwordHash) throw new DomainError("PRECONDITION_FAILED", "This account signs in through single sign-on; it has no password here.");
      if (!(await verifyPassword(input.current, user.passwordHash))) throw new DomainError("BAD_REQUEST", "The current password is wrong.");
      await updateUser(db, user.id, { passwordHash: await hashPassword(input.next) });
      await recordEvent(ctx, { action: "user.change-password", target: user.email, status: "succeeded" }, db);
      return { ok: true as const };
    }),
});
