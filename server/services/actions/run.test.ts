import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresReachable, type TestDatabase } from "@/test/harness/databases";
import { UpstreamError } from "@/server/adapters/errors";

/**
 * The audit envelope on PostgreSQL: the pending row exists before the upstream call, the same
 * idempotency key acts once (even when two submissions race), a different action on the same object
 * is refused while one runs, and failures are stored as plain sentences.
 */
let db: TestDatabase | undefined;
const ctx = { principal: { kind: "user" as const, id: "u1", email: "oncall@grio.local", name: "On-call", role: "operator" as const }, requestId: "r1" };
const usable = await postgresReachable();

// process.env is shared with later test files in this worker: put it back afterwards
const savedEnv = { ...process.env };

beforeAll(async () => {
  if (!usable) return;
  db = await createTestDatabase("postgres");
  process.env.DATABASE_URL = db.env.DATABASE_URL;
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
});

afterAll(async () => {
  const g = globalThis as unknown as { __grioDb?: Promise<{ close(): Promise<void> }> };
  await (await g.__grioDb)?.close();
  g.__grioDb = undefined;
  await db?.drop();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});

const key = () => `k-${randomBytes(8).toString("hex")}`;
const req = (over: Partial<{ action: string; target: string; idempotencyKey: string }> = {}) => ({
  action: "deployment.restart",
  target: "hetzner-prod/grio/deployment/django-api",
  parameters: { name: "django-api" },
  idempotencyKey: key(),
  timeLimitMs: 60_000,
  ...over,
});

describe.skipIf(!usable)("runAction (audit envelope)", () => {
  it("writes the pending row before the upstream call and completes it", async () => {
    const { runAction } = await import("./run");
    const { findActionByIdempotencyKey } = await import("@/server/services/audit");
    const r = req();
    let seenBefore: string | undefined;
    const out = await runAction(ctx, r, async () => {
      seenBefore = (await findActionByIdempotencyKey(r.idempotencyKey))?.status;
      return { message: "done", data: 1 };
    });
    expect(seenBefore).toBe("pending");
    expect(out).toMatchObject({ status: "succeeded", message: "done", duplicate: false });
    expect((await findActionByIdempotencyKey(r.idempotencyKey))?.status).toBe("succeeded");
  });

  it("acts once for the same key, even when two submissions race", async () => {
    const { runAction } = await import("./run");
    const r = req({ target: "hetzner-prod/grio/deployment/race" });
    let calls = 0;
    const perform = async () => {
      calls++;
      await new Promise((res) => setTimeout(res, 200));
      return { message: "patched", data: null };
    };
    const [a, b] = await Promise.all([runAction(ctx, r, perform), runAction(ctx, r, perform)]);
    expect(calls).toBe(1);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    const again = await runAction(ctx, r, perform);
    expect(calls).toBe(1);
    expect(again).toMatchObject({ status: "succeeded", duplicate: true });
  });

  it("refuses a different action on an object while one is still running", async () => {
    const { runAction } = await import("./run");
    const target = "hetzner-prod/grio/deployment/busy";
    let release: () => void = () => undefined;
    const first = runAction(ctx, req({ target }), () => new Promise<{ message: string; data: null }>((res) => (release = () => res({ message: "ok", data: null }))));
    await new Promise((res) => setTimeout(res, 200));
    await expect(runAction(ctx, req({ target, action: "deployment.rollback" }), async () => ({ message: "x", data: null }))).rejects.toThrow(
      /Another action \(deployment.restart by oncall@grio.local\) is still running/,
    );
    release();
    await first;
  });

  it("stores an upstream failure as the plain sentence naming the source", async () => {
    const { runAction } = await import("./run");
    const { findActionByIdempotencyKey } = await import("@/server/services/audit");
    const r = req({ target: "hetzner-prod/grio/deployment/forbidden" });
    const out = await runAction(ctx, r, async () => {
      throw new UpstreamError("kubernetes", 'deployments.apps "x" is forbidden', { instance: "hetzner-prod", status: 403 });
    });
    expect(out).toMatchObject({ status: "failed", message: 'Kubernetes API of hetzner-prod refused: deployments.apps "x" is forbidden' });
    const row = await findActionByIdempotencyKey(r.idempotencyKey);
    expect(row).toMatchObject({ status: "failed", error: out.message });
  });
});
