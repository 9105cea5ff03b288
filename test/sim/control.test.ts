/**
 * The sim's wiring: the console env it produces validates against the console's own schema, the
 * control API drives scenarios over HTTP, Kubernetes API faults look like the real failures, and
 * every API request is counted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/server/config";
import { startTestSim, type TestSim } from "../harness/sim";

let sim: TestSim;

const prod = () => sim.estate.clusters.find((c) => c.name === "hetzner-prod")!;

async function api(path: string, token = prod().token): Promise<Response> {
  return fetch(`${prod().server}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function verb(name: string, args: Record<string, unknown> = {}): Promise<{ status: number; body: { ok?: boolean; result?: unknown; error?: string } }> {
  const r = await fetch(`${sim.estate.control.url}/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(args) });
  return { status: r.status, body: (await r.json()) as { ok?: boolean; result?: unknown; error?: string } };
}

beforeAll(async () => {
  // the API servers use the sim's own CA; Node's fetch needs to trust it for these raw calls
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  sim = await startTestSim({ seed: 5 });
});

afterAll(async () => {
  await sim?.stop();
  delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
});

describe("the sim's wiring", () => {
  it("maps the estate to console env that passes the console's own validation", () => {
    const env = parseEnv({ ...sim.env, NEXTAUTH_SECRET: "x".repeat(32) });
    expect(Object.keys(env.GRIO_CLUSTERS ?? {}).sort()).toEqual(["hetzner-prod", "hetzner-staging", "ministry-onprem"]);
    expect(env.GRIO_CLUSTERS?.["hetzner-prod"]).toMatchObject({ production: true, tier: "cloud" });
    expect(env.S3_ENDPOINT).toBe(sim.estate.s3.endpoint);
    expect(env.SERVICE_CHECKS?.map((c) => c.name)).toContain("django-api");
    expect(env.KUBECONFIG).toBe(sim.estate.kubeconfig);
  });

  it("answers /version as K3s 1.29 and 401 without a token", async () => {
    expect(((await (await api("/version")).json()) as { gitVersion: string }).gitVersion).toMatch(/^v1\.29\.\d+\+k3s1$/);
    const r = await api("/api/v1/pods", "wrong");
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 });
  });

  it("lists every verb, Kubernetes and data side, and drives a crash loop over HTTP", async () => {
    const verbs = ((await (await fetch(sim.estate.control.url)).json()) as { verbs: Array<{ name: string }> }).verbs.map((v) => v.name);
    for (const v of ["crashPod", "crashWorkload", "dropWatches", "expireWatches", "setK8sApi", "breakNode", "healNode", "failNextBackup", "setBackendDown", "addToken"]) expect(verbs).toContain(v);
    const pods = (await (await api("/api/v1/namespaces/grio/pods?labelSelector=app%3Dredis")).json()) as { items: Array<{ metadata: { name: string } }> };
    const name = pods.items[0]!.metadata.name;
    expect((await verb("crashPod", { cluster: "hetzner-prod", pod: name })).body.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 4000));
    const pod = (await (await api(`/api/v1/namespaces/grio/pods/${name}`)).json()) as { status: { containerStatuses: Array<{ state: { waiting?: { reason: string } }; lastState: { terminated?: { exitCode: number } } }> } };
    expect(pod.status.containerStatuses[0]!.state.waiting?.reason).toBe("CrashLoopBackOff");
    expect(pod.status.containerStatuses[0]!.lastState.terminated?.exitCode).toBe(1);
    expect((await verb("nope")).status).toBe(404);
    expect((await verb("crashPod", { cluster: "hetzner-prod" })).status).toBe(400);
  });

  it("breaks a node: Ready goes Unknown with the unreachable taints, and heals", async () => {
    sim.control.breakNode("hetzner-prod", "hetzner-prod-server-1");
    await new Promise((r) => setTimeout(r, 400));
    const node = (await (await api("/api/v1/nodes/hetzner-prod-server-1")).json()) as { spec: { taints?: Array<{ key: string }> }; status: { conditions: Array<{ type: string; status: string }> } };
    expect(node.status.conditions.find((c) => c.type === "Ready")?.status).toBe("Unknown");
    expect(node.spec.taints?.map((t) => t.key)).toContain("node.kubernetes.io/unreachable");
    sim.control.healNode("hetzner-prod", "hetzner-prod-server-1");
    await new Promise((r) => setTimeout(r, 400));
    const healed = (await (await api("/api/v1/nodes/hetzner-prod-server-1")).json()) as { status: { conditions: Array<{ type: string; status: string }> } };
    expect(healed.status.conditions.find((c) => c.type === "Ready")?.status).toBe("True");
  });

  it("makes a cluster's API answer 503, go down (connection refused) and come back; every request is counted", async () => {
    const before = sim.k8sRequestCount("hetzner-prod");
    await api("/api");
    await api("/api/v1/nodes");
    expect(sim.k8sRequestCount("hetzner-prod")).toBe(before + 2);
    expect(sim.k8sRequestCount()).toBeGreaterThanOrEqual(sim.k8sRequestCount("hetzner-prod"));
    await sim.control.setK8sApi("hetzner-prod", "5xx", 503);
    const r = await api("/api/v1/nodes");
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ kind: "Status", reason: "ServiceUnavailable", code: 503 });
    await sim.control.setK8sApi("hetzner-prod", "down");
    await expect(api("/api/v1/nodes")).rejects.toThrow();
    await sim.control.setK8sApi("hetzner-prod", "slow", 300);
    const t0 = Date.now();
    expect((await api("/api/v1/nodes")).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    await sim.control.setK8sApi("hetzner-prod", "ok");
    expect((await api("/api/v1/nodes")).status).toBe(200);
  });
});
