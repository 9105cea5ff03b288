import { describe, expect, it } from "vitest";
import { beginAction, completeAction, recordEvent, type AuditContext } from "@/server/services/audit";
import { listAuditEvents } from "@/server/services/audit-query";
import { freshTestDb } from "@/test/harness/suite-db";

const h = freshTestDb("pglite");

const operator: AuditContext = {
  principal: { kind: "user", id: "00000000-0000-0000-0000-000000000001", email: "oncall@grio.local", name: "On-call", role: "operator" },
  requestId: "req-1",
};
const token: AuditContext = {
  principal: { kind: "token", id: "00000000-0000-0000-0000-000000000002", email: null, name: "token:ci", role: "operator" },
  requestId: "req-2",
};

describe("audit service", () => {
  it("writes a pending row before the action and allows exactly one transition", async () => {
    const id = await beginAction(operator, { action: "workload.restart", target: "hetzner-prod/grio/django-api", parameters: { replicas: 3 }, reason: "stuck", timeLimitMs: 60_000 }, h.db);
    let [row] = await listAuditEvents(h.db, { action: "workload.restart" });
    expect(row).toMatchObject({ id, status: "pending", displayStatus: "pending", actorName: "oncall@grio.local", reason: "stuck", finishedAt: null });
    expect(await completeAction(id, { status: "failed", error: "Kubernetes API of hetzner-prod refused: forbidden" }, h.db)).toBe(true);
    expect(await completeAction(id, { status: "succeeded" }, h.db)).toBe(false);
    [row] = await listAuditEvents(h.db, { action: "workload.restart" });
    expect(row).toMatchObject({ status: "failed", error: "Kubernetes API of hetzner-prod refused: forbidden" });
    expect(row!.finishedAt).toBeInstanceOf(Date);
  });

  it("refuses a second submission with the same idempotency key", async () => {
    const args = { action: "backup.run", target: "hetzner-prod/backup-postgres", parameters: {}, idempotencyKey: "key-1", timeLimitMs: 60_000 };
    await beginAction(operator, args, h.db);
    await expect(beginAction(operator, args, h.db)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("shows a pending row past its time limit as interrupted, and filters by it", async () => {
    const id = await beginAction(token, { action: "node.drain", target: "hetzner-prod/node-3", parameters: {}, timeLimitMs: 1 }, h.db);
    await new Promise((r) => setTimeout(r, 20));
    const rows = await listAuditEvents(h.db, { status: "interrupted" });
    expect(rows.map((r) => r.id)).toEqual([id]);
    expect(rows[0]).toMatchObject({ displayStatus: "interrupted", actorKind: "token", actorName: "token:ci" });
  });

  it("filters by actor, target and time", async () => {
    await recordEvent(operator, { action: "user.set-role", target: "someone@grio.local", status: "succeeded" }, h.db);
    expect((await listAuditEvents(h.db, { actor: "ONCALL", target: "someone" })).map((r) => r.action)).toEqual(["user.set-role"]);
    expect(await listAuditEvents(h.db, { from: new Date(Date.now() + 60_000) })).toEqual([]);
  });
});
