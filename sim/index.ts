/**
 * startSim(options) → SimHandle: the whole simulated Grio estate on 127.0.0.1 — one Kubernetes API
 * server per cluster, S3 (MinIO + mirror), Qdrant, Loki, metrics, service endpoints, the edge sync
 * agents (once a console hands out site tokens) and the control API — all fed by one model.
 * Tests and scripts import this; product code never does.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { EstateInfo, JobHooks } from "./contract";
import { ControlRegistry, startControlServer } from "./control";
import { startDataPlane, type DataPlane } from "./dataPlane";
import { hash32, type Faults } from "./faults";
import { TokenRegistry } from "./k8s/rbac";
import { startK8sApi, type K8sApiServer } from "./k8s/server";
import { selfSignedCert } from "./k8s/tls";
import { k8sControl, registerK8sVerbs, type K8sControl } from "./k8s/verbs";
import { kubeconfigYaml } from "./kubeconfig";
import { Estate, type EstateOptions } from "./model/estate";

export interface SimOptions extends EstateOptions {
  /** where kubeconfig (and estate.json) go; a temp dir by default */
  outDir?: string;
  /** fixed ports for a demo (else free ports) */
  controlPort?: number;
  /** bookmark interval on watches (ms) */
  bookmarkEveryMs?: number;
}

export interface SimControl extends K8sControl {
  /** any registered verb by name (the HTTP control API calls the same) */
  call(verb: string, args?: Record<string, unknown>): Promise<unknown>;
  registry: ControlRegistry;
  setBackendDown(name: string, down: boolean): Promise<void>;
  setBackendSlow(name: string, ms: number): void;
  setBackend5xx(name: string, status: number | null): void;
  setBackendHang(name: string, hang: boolean): void;
  healBackend(name: string): Promise<void>;
}

export interface SimHandle {
  estate: EstateInfo;
  control: SimControl;
  /** the model behind the estate (for assertions in tests) */
  model: Estate;
  /** the data side (S3, Qdrant, Loki, metrics, service endpoints, edge agents) */
  data: DataPlane;
  /** start the school sites' sync agents against a console, with the tokens it issued (site id → token) */
  startEdge: DataPlane["startEdge"];
  /** requests the Kubernetes API of one cluster (or all) has received */
  k8sRequestCount(cluster?: string): number;
  stop(): Promise<void>;
}

const CLUSTER_META: Record<string, { tier: "cloud" | "edge" | "on-prem"; production: boolean }> = {
  "hetzner-prod": { tier: "cloud", production: true },
  "hetzner-staging": { tier: "cloud", production: false },
  "ministry-onprem": { tier: "on-prem", production: true },
};

export async function startSim(options: SimOptions = {}): Promise<SimHandle> {
  const seed = options.seed ?? 42;
  const model = new Estate({ ...options, seed });
  const view = model.view();
  const stops: Array<() => Promise<void>> = [];
  const backends = new Map<string, Faults>();
  try {
    // Kubernetes
    const apis = new Map<string, K8sApiServer>();
    const tokens = new Map<string, TokenRegistry>();
    const clusters: EstateInfo["clusters"] = [];
    const tls = await selfSignedCert();
    for (const [name, c] of model.clusters) {
      const reg = new TokenRegistry();
      const token = `${name}-admin.${hash32(`${seed}/${name}/admin`).toString(16)}${hash32(`${name}/${seed}`).toString(16)}`;
      reg.add(token, { user: "system:admin", groups: ["system:masters", "system:authenticated"] });
      const api = await startK8sApi(c, reg, { bookmarkEveryMs: options.bookmarkEveryMs, tls });
      stops.push(() => api.stop());
      apis.set(name, api);
      tokens.set(name, reg);
      clusters.push({ name, server: api.url, token, ...(CLUSTER_META[name] ?? { tier: "cloud", production: false }) });
    }
    // data side: S3 (MinIO + mirror), Qdrant, Loki, metrics, service endpoints, job hooks
    const data = await startDataPlane(view, { seed, now: model.startedAt, sites: model.sites.map((x) => ({ id: x.id, syncInterval: x.syncInterval, silentSince: x.silentSince })) });
    stops.push(() => data.stop());
    for (const [name, f] of data.backends) backends.set(name, f);
    const hooks: JobHooks = data.hooks;
    model.setHooks(hooks);
    model.start();

    const outDir = options.outDir ?? (await mkdtemp(path.join(os.tmpdir(), "grio-sim-")));
    await mkdir(outDir, { recursive: true });
    const kubeconfig = path.resolve(outDir, "kubeconfig");
    await writeFile(kubeconfig, kubeconfigYaml(clusters, tls.cert, "hetzner-prod"), { mode: 0o600 });
    await writeFile(path.join(outDir, "ca.crt"), tls.cert); // for curl --cacert; the kubeconfig embeds it

    const registry = new ControlRegistry();
    const k = k8sControl(model, apis, tokens);
    registerK8sVerbs(registry, k);
    data.registerVerbs(registry);
    const backend = (name: string) => {
      const f = backends.get(name);
      if (!f) throw new Error(`no backend named ${name} (have: ${[...backends.keys()].join(", ")})`);
      return f;
    };
    const control: SimControl = {
      ...k,
      failNextBackup: () => data.hooks.failNextBackup(),
      registry,
      call: (verb, args) => registry.call(verb, args ?? {}),
      setBackendDown: (name, down) => backend(name).setDown(down),
      setBackendSlow: (name, ms) => backend(name).setSlow(ms),
      setBackend5xx: (name, status) => backend(name).set5xx(status),
      setBackendHang: (name, hang) => backend(name).setHang(hang),
      healBackend: (name) => backend(name).heal(),
    };
    registry.register("setBackendDown", "a backend (minio, minio-backup, loki, metrics, …) goes down or comes back", ["name", "down"], (a) => control.setBackendDown(String(a.name), a.down === true || a.down === "true"));
    registry.register("setBackendSlow", "a backend answers after ms", ["name", "ms"], (a) => control.setBackendSlow(String(a.name), Number(a.ms)));
    registry.register("setBackend5xx", "a backend answers every request with this status (null heals)", ["name", "status?"], (a) => control.setBackend5xx(String(a.name), a.status === undefined || a.status === null ? null : Number(a.status)));
    registry.register("setBackendHang", "a backend accepts requests and never answers", ["name", "hang"], (a) => control.setBackendHang(String(a.name), a.hang === true || a.hang === "true"));
    registry.register("healBackend", "all faults off for a backend", ["name"], (a) => control.healBackend(String(a.name)));

    const published: { info?: EstateInfo } = {};
    const controlServer = await startControlServer(registry, () => published.info, options.controlPort);
    stops.push(() => controlServer.stop());
    const estate: EstateInfo = {
      kubeconfig,
      clusters,
      ...data.info,
      control: { url: controlServer.url },
      sites: model.sites.map((s) => ({ id: s.id, name: s.name, district: s.district, syncInterval: s.syncInterval, nodeName: s.nodeName, silentSince: s.silentSince })),
    };
    published.info = estate;
    if (options.outDir) await writeFile(path.join(outDir, "estate.json"), `${JSON.stringify(estate, null, 2)}\n`, { mode: 0o600 });
    return {
      estate,
      control,
      model,
      data,
      startEdge: (url, siteTokens, opts) => data.startEdge(url, siteTokens, opts),
      k8sRequestCount: (cluster) => (cluster ? (apis.get(cluster)?.requestCount() ?? 0) : [...apis.values()].reduce((s, a) => s + a.requestCount(), 0)),
      async stop() {
        model.stop();
        for (const s of stops.reverse()) await s().catch(() => undefined);
      },
    };
  } catch (e) {
    model.stop();
    for (const s of stops.reverse()) await s().catch(() => undefined);
    throw e;
  }
}
