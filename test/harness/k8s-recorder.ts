import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import path from "node:path";
import { parse, stringify } from "yaml";
import { selfSignedCert } from "../../sim/k8s/tls";

/**
 * A wire recorder in front of the simulated Kubernetes API servers: one HTTPS listener per cluster
 * that forwards every request (watches stream through) and records method, path, status and
 * caller. Tests read "what did the sim actually receive": PATCHes sent by two replicas, 403s during
 * a least-privilege e2e run.
 *
 *   const rec = await recordK8sTraffic(kubeconfigPath);   // rec.kubeconfig → the console's KUBECONFIG
 *   rec.count({ method: "PATCH", path: /deployments\/django-api$/ })
 */
export interface K8sRequestRecord {
  cluster: string;
  method: string;
  /** path with query string, e.g. /apis/apps/v1/namespaces/grio/deployments/django-api?dryRun=All */
  path: string;
  status: number;
  /** the Status message of a non-2xx answer (e.g. `… is forbidden: User "…" cannot patch …`) */
  message?: string;
  at: number;
}

export interface RequestFilter {
  cluster?: string;
  method?: string;
  path?: RegExp;
  status?: number;
  /** include server-side dry runs (dryRun=All)? default false */
  dryRun?: boolean;
}

export interface K8sRecorder {
  /** a copy of the source kubeconfig whose clusters point at the recorder */
  kubeconfig: string;
  records: K8sRequestRecord[];
  matching(filter?: RequestFilter): K8sRequestRecord[];
  count(filter?: RequestFilter): number;
  stop(): Promise<void>;
}

type Kubeconfig = {
  clusters?: Array<{ name: string; cluster: { server: string; "certificate-authority-data"?: string; [k: string]: unknown } }>;
  [k: string]: unknown;
};

export async function recordK8sTraffic(sourceKubeconfig: string): Promise<K8sRecorder> {
  const tls = await selfSignedCert();
  const config = parse(fs.readFileSync(sourceKubeconfig, "utf8")) as Kubeconfig;
  const records: K8sRequestRecord[] = [];
  const servers: Array<{ server: https.Server; sockets: Set<net.Socket> }> = [];

  for (const entry of config.clusters ?? []) {
    const upstream = new URL(entry.cluster.server);
    const caData = entry.cluster["certificate-authority-data"];
    const ca = caData ? Buffer.from(caData, "base64").toString("utf8") : undefined;
    const sockets = new Set<net.Socket>();
    const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      const record: K8sRequestRecord = { cluster: entry.name, method: req.method ?? "GET", path: req.url ?? "/", status: 0, at: Date.now() };
      records.push(record);
      const forward = (upstream.protocol === "https:" ? https : http).request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
          ca,
        },
        (answer) => {
          record.status = answer.statusCode ?? 0;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          if (record.status >= 400) {
            const chunks: Buffer[] = [];
            answer.on("data", (c: Buffer) => chunks.push(c));
            answer.on("end", () => {
              try {
                record.message = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { message?: string }).message;
              } catch {
                /* not a Status */
              }
            });
          }
          answer.pipe(res);
        },
      );
      forward.on("error", (e) => {
        record.status = record.status || 502;
        record.message ??= `recorder: ${e.message}`;
        if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ kind: "Status", status: "Failure", message: "recorder: upstream unreachable", code: 502 }));
      });
      // the client went away (e.g. a watch closed): stop forwarding
      res.on("close", () => forward.destroy());
      req.pipe(forward);
    });
    server.keepAliveTimeout = 30_000;
    server.on("secureConnection", (s) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const addr = server.address() as net.AddressInfo;
    servers.push({ server, sockets });
    entry.cluster = { server: `https://127.0.0.1:${addr.port}`, "certificate-authority-data": Buffer.from(tls.cert).toString("base64") };
  }

  const file = path.join(path.dirname(sourceKubeconfig), `${path.basename(sourceKubeconfig)}.recorded`);
  fs.writeFileSync(file, stringify(config), { mode: 0o600 });

  const matching = (f: RequestFilter = {}) =>
    records.filter(
      (r) =>
        (f.cluster === undefined || r.cluster === f.cluster) &&
        (f.method === undefined || r.method === f.method) &&
        (f.status === undefined || r.status === f.status) &&
        (f.path === undefined || f.path.test(r.path.split("?")[0] ?? "")) &&
        (f.dryRun === true || !/[?&]dryRun=All\b/.test(r.path)),
    );

  return {
    kubeconfig: file,
    records,
    matching,
    count: (f) => matching(f).length,
    async stop() {
      await Promise.all(
        servers.map(({ server, sockets }) => {
          for (const s of sockets) s.destroy();
          return new Promise<void>((r) => server.close(() => r()));
        }),
      );
    },
  };
}
