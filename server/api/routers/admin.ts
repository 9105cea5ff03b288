import { z } from "zod";
import { ROLES } from "@/db/schema";
import { DomainError } from "@/server/api/errors";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { getDb } from "@/server/db";
import { recordEvent } from "@/server/services/audit";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/services/tokens";
import { countActiveAdmins, createUser, findUserById, listUsers, updateUser } from "@/server/services/users";

const userView = (u: Awaited<ReturnType<typeof listUsers>>[number]) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  source: u.source,
  hasPassword: !!u.passwordHash,
  createdAt: u.createdAt,
});

/** Users and API tokens: admins only. Every change is audited. */
export const adminRouter = createTRPCRouter({
  listUsers: adminProcedure.query(async () => (await listUsers(await getDb())).map(userView)),

  createUser: adminProcedure
    .input(
      z.object({
        email: z.email("Enter a valid email"),
        name: z.string().trim().max(100).optional(),
        role: z.enum(ROLES),
        password: z.string().min(10, "Use at least 10 characters").max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const db = await getDb();
      const user = await createUser(db, { ...input, source: "credentials" });
      await recordEvent(ctx, { action: "user.create", target: user.email, parameters: { role: user.role }, status: "succeeded" }, db);
      return userView(user);
    }),

  setRole: adminProcedure
    .input(z.object({ id: z.uuid(), role: z.enum(ROLES) }))
    .mutation(async ({ ctx, input }) => {
      const db = await getDb();
      const user = await findUserById(db, input.id);
      if (!user) throw new DomainError("NOT_FOUND", "No such user.");
      if (user.role === "admin" && input.role !== "admin" && !user.disabled && (await countActiveAdmins(db)) <= 1) {
        throw new DomainError("PRECONDITION_FAILED", "This is the last active admin; make someone else admin first.");
      }
      const updated = await updateUser(db, user.id, { role: input.role });
      await recordEvent(ctx, { action: "user.set-role", target: user.email, parameters: { from: user.role, to: input.role }, status: "succeeded" }, db);
      return userView(updated);
    }),

  setDisabled: adminProcedure
    .input(z.object({ id: z.uuid(), disabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const db = await getDb();
      const user = await findUserById(db, input.id);
      if (!user) throw new DomainError("NOT_FOUND", "No such user.");
      if (input.disabled && ctx.principal.kind === "user" && ctx.principal.id === user.id) {
        throw new DomainError("PRECONDITION_FAILED", "You cannot disable yourself.");
      }
      if (input.disabled && user.role === "admin" && !user.disabled && (await countActiveAdmins(db)) <= 1) {
        throw new DomainError("PRECONDITION_FAILED", "This is the last active admin.");
      }
      const updated = await updateUser(db, user.id, { disabled: input.disabled });
      await recordEvent(ctx, { action: input.disabled ? "user.disable" : "user.enable", target: user.email, status: "succeeded" }, db);
      return userView(updated);
    }),

  listTokens: adminProcedure.query(async () => {
    const now = Date.now();
    return (await listApiTokens(await getDb())).map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      role: t.role,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      revokedAt: t.revokedAt,
      lastUsedAt: t.lastUsedAt,
      useCount: t.useCount,
      status: t.revokedAt ? ("revoked" as const) : t.expiresAt.getTime() <= now ? ("expired" as const) : ("active" as const),
    }));
  }),

  /** The secret is in this answer only; the database keeps its sha256. */
  createToken: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "Give the token a name").max(100),
        role: z.enum(ROLES),
        expiresInDays: z.number().int().min(1).max(730),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const db = await getDb();
      const { token, secret } = await createApiToken(db, {
        name: input.name,
        role: input.role,
        expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
        createdBy: ctx.principal.kind === "user" ? ctx.principal.id : null,
      });
      await recordEvent(
        ctx,
        { action: "token.create", target: `token:${token.name}`, parameters: { role: token.role, expiresAt: token.expiresAt.toISOString(), id: token.id }, status: "succeeded" },
        db,
      );
      return { id: token.id, name: token.name, role: token.role, expiresAt: token.expiresAt, secret };
    }),

  revokeToken: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const db = await getDb();
    const token = await revokeApiToken(db, input.id);
    await recordEvent(ctx, { action: "token.revoke", target: `token:${token.name}`, parameters: { id: token.id }, status: "succeeded" }, db);
    return { id: token.id };
  }),
});
