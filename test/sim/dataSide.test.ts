/**
 * The data side against the real estate model: restart counts on /metrics equal the Kubernetes
 * API's, Loki holds the crash-looping pod's stack trace once per restart, service health follows
 * the control API.
 */
import https from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type SimHandle } from "../../sim/index";

function k8sGet(url: string, token: string): Promise<{ items: Array<{ metadata: { name: string }; status: { containerStatuses?: Array<{ name: string; restartCount: number }> } }> }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { headers: { authorization: `Bearer ${token}` }, rejectUnauthorized: false }, (r) => {
        let b = "";
        r.on("data", (c: Buffer) => (b += c.toString()));
        r.on("end", () => resolve(JSON.parse(b)));
      })
      .on("error", reject);
  });
}

describe("sim data side on the estate model", () => {
  let sim: SimHandle;
  beforeAll(async () => {
    sim = await startSim({ seed: 42 });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const restartsFromK8s = async () => {
    const prod = sim.estate.clusters.find((c) => c.name === "hetzner-prod")!;
    const pods = await k8sGet(`${prod.server}/api/v1/namespaces/grio/pods`, prod.token);
    return new Map<string, number>(pods.items.flatMap((p) => (p.status.containerStatuses ?? []).map((c) => [`${p.metadata.name}/${c.name}`, c.restartCount] as [string, number])));
  };
  const restartsFromMetrics = async () => {
    const text = await (await fetch(sim.estate.metrics.url)).text();
    const out = new Map<string, number>();
    for (const m of text.matchAll(/^kube_pod_container_status_restarts_total\{cluster="hetzner-prod",namespace="grio",pod="([^"]+)",container="([^"]+)"\} (\d+)$/gm)) out.set(`${m[1]}/${m[2]}`, Number(m[3]));
    return out;
  };

  it("restart counts on /metrics equal the Kubernetes API's, and Loki has a stack trace per restart", async () => {
    let crashing: string | undefined;
    await expect
      .poll(async () => {
        const k = await restartsFromK8s();
        crashing = [...k].find(([key, n]) => key.startsWith("ai-inference") && n > 0)?.[0];
        return crashing !== undefined;
      }, { timeout: 45_000, interval: 1000 })
      .toBe(true);
    for (let attempt = 0; ; attempt++) {
      const before = await restartsFromK8s();
      const metrics = await restartsFromMetrics();
      const after = await restartsFromK8s();
      if (JSON.stringify([...before]) !== JSON.stringify([...after]) && attempt < 5) continue; // a restart in between
      expect(metrics).toEqual(after);
      break;
    }
    const pod = crashing!.split("/")[0]!;
    const q = new URLSearchParams({ query: `{cluster="hetzner-prod", pod="${pod}"} |= "Traceback"`, limit: "100", since: "1h" });
    const loki = (await (await fetch(`${sim.estate.loki.url}/loki/api/v1/query_range?${q}`)).json()) as { data: { result: Array<{ values: unknown[] }> } };
    const restarts = (await restartsFromK8s()).get(crashing!)!;
    expect(loki.data.result[0]!.values.length).toBeGreaterThanOrEqual(Math.min(restarts, 1));
    expect(loki.data.result[0]!.values.length).toBeLessThanOrEqual(restarts);
  }, 60_000);

  it("service health follows the control API", async () => {
    expect((await fetch(sim.estate.services.djangoApiHealth)).status).toBe(200);
    await sim.control.call("setServiceDown", { name: "django-api", down: true });
    expect((await fetch(sim.estate.services.djangoApiHealth)).status).toBe(503);
    await sim.control.call("setServiceDown", { name: "django-api", down: false });
    expect((await fetch(sim.estate.services.djangoApiHealth)).status).toBe(200);
    expect((await fetch(sim.estate.services.qdrantReady)).status).toBe(200);
    await sim.control.call("setBackendDown", { name: "qdrant", down: true });
    await expect(fetch(sim.estate.services.qdrantReady)).rejects.toThrow();
    await sim.control.call("healBackend", { name: "qdrant" });
  });
});
