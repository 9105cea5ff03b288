/**
 * One simulated Kubernetes API server per cluster, on https://127.0.0.1 with a self-signed certificate
 * (kubectl refuses to send a bearer token over plain HTTP; the kubeconfig carries the certificate). Counts every request, and on command answers slowly, with 5xx, hangs,
 * or goes down (the port refuses connections) and comes back.
 */
import http from "node:http";
import https from "node:https";
import { switchableListener } from "../faults";
import type { ClusterModel } from "../model/cluster";
import type { TokenRegistry } from "./rbac";
import { handle } from "./routes";
import { ApiError, statusErrors } from "./status";
import type { TlsMaterial } from "./tls";
import { WatchHub } from "./watch";

export interface ApiFaults {
  slowMs: number;
  errorStatus: number | null;
  hang: boolean;
  down: boolean;
}

export interface K8sApiServer {
  cluster: string;
  port: number;
  url: string;
  faults: ApiFaults;
  requestCount(): number;
  watches: WatchHub;
  setDown(down: boolean): Promise<void>;
  heal(): Promise<void>;
  stop(): Promise<void>;
}

export async function startK8sApi(cluster: ClusterModel, tokens: TokenRegistry, opts: { port?: number; bookmarkEveryMs?: number; tls: TlsMaterial }): Promise<K8sApiServer> {
  const faults: ApiFaults = { slowMs: 0, errorStatus: null, hang: false, down: false };
  const watches = new WatchHub(cluster);
  let count = 0;

  const onRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    count++;
    if (faults.hang) return;
    if (faults.slowMs > 0) await new Promise((r) => setTimeout(r, faults.slowMs));
    try {
      if (faults.errorStatus !== null) {
        throw new ApiError(faults.errorStatus === 503 ? statusErrors.unavailable("the server is currently unable to handle the request").body : statusErrors.internal("etcdserver: request timed out").body);
      }
      await handle({ cluster, tokens, watches, address: `127.0.0.1:${listener.port}`, bookmarkEveryMs: opts.bookmarkEveryMs ?? 15_000 }, req, res);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(statusErrors.internal(e instanceof Error ? e.message : String(e)).body);
      if (err.code >= 500 && !(e instanceof ApiError)) console.error(`[sim k8s ${cluster.name}]`, e);
      if (res.headersSent) return void res.end();
      const body = JSON.stringify(err.body);
      res.writeHead(err.code, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    }
  };

  const listener = switchableListener(() => https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, (req, res) => void onRequest(req, res)), {
    port: opts.port,
    keepAliveTimeoutMs: 30_000,
    connectionEvent: "secureConnection",
    beforeClose: () => watches.dropAll(),
  });
  await listener.listen();

  const api: K8sApiServer = {
    cluster: cluster.name,
    get port() {
      return listener.port;
    },
    get url() {
      return `https://127.0.0.1:${listener.port}`;
    },
    faults,
    requestCount: () => count,
    watches,
    async setDown(down) {
      faults.down = down;
      await listener.setDown(down);
    },
    async heal() {
      faults.slowMs = 0;
      faults.errorStatus = null;
      faults.hang = false;
      await api.setDown(false);
    },
    stop: listener.close,
  };
  return api;
}
