import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Overview } from "@/lib/domain/kube/overview";
import { startSim, type SimHandle } from "@/sim/index";
import { waitFor } from "@/server/testing/ports";
import { DEMO, startConsole, type ConsoleHandle } from "@/test/harness/console";

/**
 * The built console over the sim: every viewer's overview is answered from the shared informer
 * caches, so 20 viewers at once cost the Kubernetes API nothing.
 */
let sim: SimHandle;
let grio: ConsoleHandle;

beforeAll(async () => {
  sim = await startSim({});
  grio = await startConsole({ env: { KUBECONFIG: sim.estate.kubeconfig, GRIO_DEMO: "1" } });
}, 120_000);

afterAll(async () => {
  await grio?.stop();
  await sim?.stop();
});

describe("overview under load", () => {
  it("20 concurrent overview requests cause zero extra Kubernetes API requests", async () => {
    const viewers = await Promise.all(Array.from({ length: 20 }, () => grio.signIn(DEMO.viewer)));
    // informers started at console start-up; wait until every cluster is listed and watched
    await waitFor(async () => {
      const r = await viewers[0]!.query<Overview>("cluster.overview");
      if (r.status !== 200 || !r.data) throw new Error(`overview answered ${r.status}`);
      if (r.data.clusters.length !== 3 || !r.data.clusters.every((c) => c.synced && c.status.state === "connected")) {
        throw new Error(`clusters not synced yet: ${JSON.stringify(r.data.clusters.map((c) => [c.name, c.synced, c.status]))} ${r.data.configError ?? ""}`);
      }
    }, 45_000, 250).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n--- console output ---\n${grio.logs().slice(-3000)}`);
    });
    await new Promise((r) => setTimeout(r, 500)); // let the last watches open
    const before = sim.k8sRequestCount();

    const answers = await Promise.all(viewers.map((v) => v.query<Overview>("cluster.overview")));

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    for (const a of answers) {
      expect(a.data!.triage.some((t) => t.kind === "Pod" && t.reason === "CrashLoopBackOff" && t.name.startsWith("ai-inference-"))).toBe(true);
    }
    expect(sim.k8sRequestCount() - before).toBe(0);
  }, 90_000);

  it("filters pods on the server and shows one as YAML with managedFields folded apart", async () => {
    const viewer = await grio.signIn(DEMO.viewer);
    const pods = await viewer.query<{ rows: Array<{ cluster: string; namespace: string; name: string; reason: string }>; total: number }>(
      "cluster.pods", { cluster: "hetzner-prod", status: "CrashLoopBackOff", limit: 50 });
    expect(pods.status).toBe(200);
    const pod = pods.data!.rows.find((p) => p.name.startsWith("ai-inference-"))!;
    expect(pod).toMatchObject({ cluster: "hetzner-prod", reason: "CrashLoopBackOff" });
    const yaml = await viewer.query<{ yaml: string; managedFields: string | null }>("cluster.yaml", { cluster: "hetzner-prod", kind: "Pod", namespace: pod.namespace, name: pod.name });
    expect(yaml.status).toBe(200);
    expect(yaml.data!.yaml).toContain(`name: ${pod.name}`);
    expect(yaml.data!.yaml).not.toContain("managedFields");
  });

  it("answers unknown objects with 404 and bad input with 400, never 500", async () => {
    const viewer = await grio.signIn(DEMO.viewer);
    const missing = await viewer.query("cluster.pod", { cluster: "hetzner-prod", namespace: "grio", name: "no-such-pod" });
    expect(missing.status).toBe(404);
    expect(missing.error?.message).toMatch(/no-such-pod/);
    expect((await viewer.query("cluster.node", { cluster: "nowhere", name: "n1" })).status).toBe(404);
    expect((await viewer.query("cluster.workload", { cluster: "hetzner-prod", kind: "DaemonSet", namespace: "grio", name: "x" })).status).toBe(400);
    expect((await viewer.query("cluster.yaml", { cluster: "hetzner-prod", kind: "Pod", namespace: "grio", name: "no-such-pod" })).status).toBe(404);
  });

  it("refuses the overview without a session", async () => {
    const r = await grio.anonymous().query("cluster.overview");
    expect(r.status).toBe(401);
  });

  it("answers a poll whose answer the browser already holds with 304 and no body, and a changed one in full", async () => {
    const viewer = await grio.signIn(DEMO.viewer);
    const path = "/api/trpc/cluster.overview";
    const first = await viewer.get(path, { "accept-encoding": "gzip" });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("vary")).toMatch(/cookie/i);
    const body = await first.text();
    expect(body).toContain("CrashLoopBackOff");
    // The sim's crash loop changes the overview every few seconds: a re-poll right away finds the
    // same answer (304) at least once, and whenever it does not, it gets the new answer whole.
    const answers: number[] = [];
    for (let i = 0; i < 5 && !answers.includes(304); i++) {
      const a = await viewer.get(path);
      const tag = a.headers.get("etag");
      expect(tag).toBeTruthy();
      await a.text();
      const again = await viewer.get(path, { "if-none-match": tag! });
      answers.push(again.status);
      const text = await again.text();
      if (again.status === 304) {
        expect(text).toBe("");
        expect(again.headers.get("etag")).toBe(tag);
      } else {
        expect(again.status).toBe(200);
        expect(again.headers.get("etag")).not.toBe(tag);
        expect(text).toContain("triage");
      }
    }
    expect(answers).toContain(304);
    // no session: 401 whatever the browser holds, never a 304
    const anon = await grio.anonymous().get(path, { "if-none-match": "*" });
    expect(anon.status).toBe(401);
    // admin-only answers (users, tokens) are never kept by the browser
    const admin = await grio.signIn(DEMO.admin);
    const users = await admin.get("/api/trpc/admin.listUsers", { "if-none-match": "*" });
    expect(users.status).toBe(200);
    expect(users.headers.get("cache-control")).toBe("no-store");
    expect(users.headers.get("etag")).toBeNull();
    expect(await users.text()).toContain(DEMO.admin);
  });
});
