import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type SimHandle } from "../../sim/index";
import { clustersConnected, startConsole, type ConsoleHandle } from "@/test/harness/console";
import { postgresReachable } from "@/test/harness/databases";
import { HttpSession } from "@/test/harness/http";
import { recordK8sTraffic, type K8sRecorder } from "@/test/harness/k8s-recorder";
import { leastPrivilegeKubeconfig } from "@/test/harness/least-privilege";

/**
 * Several replicas behave as one (deploy/k8s runs two): two built consoles on ONE PostgreSQL
 * database, the same NEXTAUTH_SECRET, the same clusters — as two pods of the Deployment. A rollback
 * confirmed once but submitted to both (double click behind a load balancer, a retry landing on the
 * other pod) patches the Deployment exactly once, counted on the wire at the sim; sign-in rate
 * limits count failures made on either replica.
 */
const usable = await postgresReachable();

let sim: SimHandle;
let rec: K8sRecorder;
let a: ConsoleHandle;
let b: ConsoleHandle;
let dir: string;

const LIMITED = { email: "limit-me@grio.local", password: "right-password-123" };

beforeAll(async () => {
  if (!usable) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grio-2r-"));
  sim = await startSim({ outDir: dir });
  rec = await recordK8sTraffic(leastPrivilegeKubeconfig(sim));
  const clusters = Object.fromEntries(sim.estate.clusters.map((c) => [c.name, { tier: c.tier, production: c.production }]));
  const env = {
    KUBECONFIG: rec.kubeconfig,
    GRIO_CLUSTERS: JSON.stringify(clusters),
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    // the tests below send their own client address, as Traefik would
    TRUSTED_PROXIES: "127.0.0.1",
  };
  a = await startConsole({ database: "postgres", env, users: [{ ...LIMITED, role: "viewer" }] });
  b = await startConsole({ reuseDatabase: a.database, env });
}, 240_000);

afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await rec?.stop();
  await sim?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!usable)("two console processes on one PostgreSQL", () => {
  it("run on one database: a session from one replica is valid on the other", async () => {
    const onA = await a.signIn("oncall@grio.local");
    const onB = new HttpSession(b.url);
    for (const [k, v] of onA.cookies) onB.cookies.set(k, v);
    expect((await onB.query<{ email: string }>("me.get")).data?.email).toBe("oncall@grio.local");
  });

  it("patch once for a rollback double-submitted to both replicas with one idempotency key", async () => {
    const [onA, onB] = await Promise.all([a.signIn("oncall@grio.local"), b.signIn("oncall@grio.local")]);
    await Promise.all([clustersConnected(onA), clustersConnected(onB)]);
    const target = { cluster: "hetzner-prod", namespace: "grio", kind: "Deployment" as const, name: "django-api", confirmName: "django-api" };
    type Outcome = { auditId: string; status: string; duplicate: boolean; message: string };
    for (const toRevision of [2, 3]) {
      const patchesBefore = rec.count({ method: "PATCH", path: /\/deployments\/django-api$/ });
      const input = { ...target, toRevision, idempotencyKey: `two-replicas-${toRevision}-${randomBytes(6).toString("hex")}` };
      const [ra, rb] = await Promise.all([onA.mutation<Outcome>("actions.rollback", input), onB.mutation<Outcome>("actions.rollback", input)]);
      expect(ra.error, JSON.stringify(ra.error)).toBeUndefined();
      expect(rb.error, JSON.stringify(rb.error)).toBeUndefined();
      // one of them did it; the other answered with the first attempt (pending or done), same audit row
      expect(ra.data?.auditId).toBe(rb.data?.auditId);
      expect([ra.data?.duplicate, rb.data?.duplicate].sort()).toEqual([false, true]);
      expect([ra.data, rb.data].find((o) => !o?.duplicate)?.status).toBe("succeeded");
      expect(rec.count({ method: "PATCH", path: /\/deployments\/django-api$/ }) - patchesBefore).toBe(1);

      // a late retry on either replica still does nothing
      const retry = await onB.mutation<Outcome>("actions.rollback", input);
      expect(retry.data).toMatchObject({ auditId: ra.data?.auditId, duplicate: true, status: "succeeded" });
      expect(rec.count({ method: "PATCH", path: /\/deployments\/django-api$/ }) - patchesBefore).toBe(1);
      const audit = await onA.query<{ rows: Array<{ idempotencyKey: string | null }> }>("audit.list", { limit: 500 });
      expect(audit.data?.rows.filter((r) => r.idempotencyKey === input.idempotencyKey)).toHaveLength(1);
    }
  });

  it("count failed sign-ins made on either replica towards one limit", async () => {
    const client = { "x-forwarded-for": "203.0.113.7" };
    const replicas = [a, b, a, b, a];
    for (const r of replicas) {
      const attempt = await new HttpSession(r.url).trySignIn(LIMITED.email, "wrong-password", client);
      expect(attempt.ok).toBe(false);
      expect(attempt.status).not.toBe(429);
    }
    // the 6th attempt — on the replica that has seen only two — is refused, even with the right password
    const sixth = await new HttpSession(b.url).trySignIn(LIMITED.email, LIMITED.password, client);
    expect(sixth.status).toBe(429);
    const onA = await new HttpSession(a.url).trySignIn(LIMITED.email, LIMITED.password, { "x-forwarded-for": "203.0.113.8" });
    expect(onA.status).toBe(429); // the account is limited on both, from any address
    // other accounts from other addresses are unaffected
    const other = await new HttpSession(a.url).trySignIn("ministry@grio.local", "grio-demo", { "x-forwarded-for": "203.0.113.9" });
    expect(other.ok).toBe(true);
  });
});
