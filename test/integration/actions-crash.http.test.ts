import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type SimHandle } from "../../sim/index";
import { DEMO, startConsole, type ConsoleHandle } from "@/test/harness/console";
import { createTestDatabase, postgresReachable, type TestDatabase } from "@/test/harness/databases";

/**
 * A console killed between the audit row and the upstream call (the sim's Kubernetes API hangs, then
 * SIGKILL) leaves the row `pending`; after a restart on the same PostgreSQL it is shown as
 * `interrupted` once its time limit passes, and the same confirmation submitted to the new process
 * returns the first attempt instead of acting again.
 */
const usable = await postgresReachable();
let sim: SimHandle;
let db: TestDatabase;
let dir: string;
const consoles: ConsoleHandle[] = [];

async function auditRow(key: string) {
  const c = new pg.Client({ connectionString: db.env.DATABASE_URL });
  await c.connect();
  try {
    const r = await c.query("select status, started_at, time_limit_ms from audit_events where idempotency_key = $1", [key]);
    return r.rows[0] as { status: string; started_at: Date; time_limit_ms: number } | undefined;
  } finally {
    await c.end();
  }
}

function consoleEnv() {
  return { KUBECONFIG: sim.estate.kubeconfig, GRIO_CLUSTERS: JSON.stringify({ "hetzner-prod": { production: true } }) };
}

beforeAll(async () => {
  if (!usable) return;
  dir = await mkdtemp(path.join(os.tmpdir(), "grio-crash-"));
  sim = await startSim({ outDir: dir });
  db = await createTestDatabase("postgres");
}, 120_000);

afterAll(async () => {
  for (const c of consoles) await c.stop().catch(() => undefined);
  await sim?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!usable)("an action interrupted by a crash", () => {
  it("is shown as interrupted after a restart, and its confirmation does not act twice", async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(sim.estate.kubeconfig);
    kc.setCurrentContext("hetzner-prod");
    const core = kc.makeApiClient(CoreV1Api);
    const pod = (await core.listNamespacedPod({ namespace: "grio", labelSelector: "app=redis" })).items[0]!.metadata!.name!;

    const first = await startConsole({ database: "postgres", reuseDatabase: db, env: consoleEnv() });
    consoles.push(first);
    const oncall = await first.signIn(DEMO.operator);
    await sim.control.setK8sApi("hetzner-prod", "hang");
    const key = `crash-${randomBytes(8).toString("hex")}`;
    const input = { cluster: "hetzner-prod", namespace: "grio", name: pod, idempotencyKey: key, confirmName: pod, reason: "crash test" };
    void oncall.mutation("actions.deletePod", input).catch(() => undefined);

    let row: Awaited<ReturnType<typeof auditRow>>;
    for (let i = 0; i < 50 && !row; i++) {
      row = await auditRow(key);
      if (!row) await new Promise((r) => setTimeout(r, 100));
    }
    expect(row?.status).toBe("pending");
    await first.crash();
    await sim.control.setK8sApi("hetzner-prod", "ok");

    const second = await startConsole({ database: "postgres", reuseDatabase: db, env: consoleEnv() });
    consoles.push(second);
    const admin = await second.signIn(DEMO.admin);
    const oncall2 = await second.signIn(DEMO.operator);

    const again = await oncall2.mutation<{ duplicate: boolean; status: string }>("actions.deletePod", input);
    expect(again.data).toMatchObject({ duplicate: true, status: "pending" });
    expect((await core.readNamespacedPod({ name: pod, namespace: "grio" })).metadata?.name).toBe(pod);

    const waitMs = row!.started_at.getTime() + row!.time_limit_ms + 500 - Date.now();
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    const list = await admin.query<{ rows: Array<{ idempotencyKey: string | null; displayStatus: string; action: string }> }>("audit.list", { action: "pod.delete" });
    const shown = list.data?.rows.find((r) => r.idempotencyKey === key);
    expect(shown).toMatchObject({ action: "pod.delete", displayStatus: "interrupted" });
    expect((await auditRow(key))?.status).toBe("pending");
  }, 120_000);
});
