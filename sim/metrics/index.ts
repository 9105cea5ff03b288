/**
 * The estate's /metrics endpoint (Prometheus text format), with the real exporters' metric names:
 * kube-state-metrics, node-exporter, cAdvisor, kubelet volume stats, django-prometheus, redis/postgres exporters and
 * grio_ai_tokens_total. Values come from the EstateView and move with (wall-clock) time.
 */
import type { EstateView } from "../contract";
import { sendText, startFaultable, type Faults } from "../faults";
import { AppMetrics, type AppMetricsControl } from "./apps";
import { CONTENT_TYPE, Exposition } from "./exposition";
import { Counters, writeCadvisor, writeKubeState, writeNodeExporter, writeVolumeStats } from "./kube";

export interface MetricsOptions {
  port?: number;
  /** when set, /metrics requires `Authorization: Bearer <token>` */
  bearerToken?: string;
}

export interface MetricsServer extends AppMetricsControl {
  url: string;
  /** the full /metrics URL */
  metricsUrl: string;
  faults: Faults;
  /** render once (what a scrape would see now) */
  render(): string;
  stop(): Promise<void>;
}

/** the estate read once per scrape (the model builds its views on every call) */
function snapshot(view: EstateView): EstateView {
  const pods = view.pods();
  const nodes = view.nodes();
  const workloads = view.workloads();
  const inCluster = <T extends { cluster: string }>(xs: T[], c?: string) => (c === undefined ? xs : xs.filter((x) => x.cluster === c));
  return {
    now: () => view.now(),
    clusters: () => view.clusters(),
    pods: (c) => inCluster(pods, c),
    nodes: (c) => inCluster(nodes, c),
    workloads: (c) => inCluster(workloads, c),
    serviceUp: (name) => view.serviceUp(name),
  };
}

export async function startMetrics(view: EstateView, opts: MetricsOptions = {}): Promise<MetricsServer> {
  const counters = new Counters();
  const apps = new AppMetrics(counters);
  let last = Date.now();

  const render = () => {
    const t = Date.now();
    const dt = Math.max(0, (t - last) / 1000);
    last = t;
    const exp = new Exposition();
    const snap = snapshot(view);
    writeKubeState(exp, snap);
    writeNodeExporter(exp, snap, counters, dt);
    writeCadvisor(exp, snap, counters, dt);
    writeVolumeStats(exp, snap);
    apps.write(exp, snap, dt);
    return exp.toString();
  };
  // start the counters with an hour of history so rates and totals look lived-in
  last = Date.now() - 3_600_000;
  render();

  const server = await startFaultable(
    (req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (path !== "/metrics") return sendText(res, 404, "404 page not found\n");
      if (opts.bearerToken && req.headers.authorization !== `Bearer ${opts.bearerToken}`) return sendText(res, 401, "Unauthorized\n");
      const body = render();
      res.writeHead(200, { "content-type": CONTENT_TYPE, "content-length": Buffer.byteLength(body) });
      res.end(body);
    },
    { port: opts.port },
  );

  return {
    get url() {
      return server.url;
    },
    get metricsUrl() {
      return `${server.url}/metrics`;
    },
    faults: server.faults,
    render,
    setDjangoLatency: (p95) => apps.setDjangoLatency(p95),
    setDjangoRate: (cluster, rps) => apps.setDjangoRate(cluster, rps),
    stop: () => server.stop(),
  };
}
