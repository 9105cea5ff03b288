import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { DEMO, startConsole, type ConsoleHandle } from "@/test/harness/console";
import type { HttpSession, TrpcResult } from "@/test/harness/http";

/**
 * Every procedure of the router — enumerated from appRouter, not a hand-kept list — refuses a
 * caller without a session (401) and a caller below its role (403), over HTTP against the built
 * console. The role check runs before input parsing, so any input shape is refused the same way.
 */
type Proc = { path: string; type: "query" | "mutation" | "subscription"; role: string | undefined };

const procedures: Proc[] = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: Proc["type"]; meta?: { role?: string } } }>)
  .map(([path, p]) => ({ path, type: p._def.type, role: p._def.meta?.role }))
  .sort((a, b) => a.path.localeCompare(b.path));

function call(session: HttpSession, p: Proc): Promise<TrpcResult> {
  return p.type === "mutation" ? session.mutation(p.path, {}) : session.query(p.path, {});
}

let grio: ConsoleHandle;
let viewer: HttpSession;
let operator: HttpSession;

beforeAll(async () => {
  grio = await startConsole();
  [viewer, operator] = await Promise.all([grio.signIn(DEMO.viewer), grio.signIn(DEMO.operator)]);
});
afterAll(async () => {
  await grio?.stop();
});

describe("role matrix", () => {
  it("finds the procedures, and every one is built from a role procedure", () => {
    expect(procedures.length).toBeGreaterThan(0);
    const withoutRole = procedures.filter((p) => !["viewer", "operator", "admin"].includes(p.role ?? ""));
    expect(withoutRole.map((p) => p.path)).toEqual([]);
  });

  it.each(procedures.map((p) => [p.path, p] as const))("%s answers 401 without a session", async (_path, p) => {
    const r = await call(grio.anonymous(), p);
    expect(r.status, JSON.stringify(r.raw)).toBe(401);
    expect(r.error?.code).toBe("UNAUTHORIZED");
  });

  const aboveViewer = procedures.filter((p) => p.role === "operator" || p.role === "admin");
  it.each(aboveViewer.map((p) => [p.path, p] as const))("%s answers 403 to a viewer", async (_path, p) => {
    const r = await call(viewer, p);
    expect(r.status, JSON.stringify(r.raw)).toBe(403);
    expect(r.error?.message).toMatch(/needs the (operator|admin) role/);
  });

  const adminOnly = procedures.filter((p) => p.role === "admin");
  it.each(adminOnly.map((p) => [p.path, p] as const))("%s answers 403 to an operator", async (_path, p) => {
    const r = await call(operator, p);
    expect(r.status, JSON.stringify(r.raw)).toBe(403);
    expect(r.error?.message).toMatch(/needs the admin role/);
  });
});
