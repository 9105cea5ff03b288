/**
 * Application exporters: django-prometheus (per django-api pod), redis-exporter, postgres-exporter
 * and Grio's AI token counter — advanced by elapsed time from the estate's current state.
 */
import type { EstateView, SimPodView } from "../contract";
import { ExpectedHistogram, Exposition, type LatencyShape } from "./exposition";
import { Counters, wander } from "./kube";

interface DjangoView {
  view: string;
  method: string;
  share: number;
  shape: LatencyShape;
  statuses: Array<[string, number]>;
}

export const DJANGO_VIEWS: DjangoView[] = [
  { view: "api:lesson-list", method: "GET", share: 0.28, shape: { median: 0.045, p95: 0.16 }, statuses: [["200", 0.975], ["304", 0.015], ["401", 0.01]] },
  { view: "api:lesson-detail", method: "GET", share: 0.22, shape: { median: 0.035, p95: 0.12 }, statuses: [["200", 0.97], ["404", 0.02], ["401", 0.01]] },
  { view: "api:submission-create", method: "POST", share: 0.12, shape: { median: 0.12, p95: 0.42 }, statuses: [["201", 0.95], ["400", 0.04], ["500", 0.01]] },
  { view: "api:progress-detail", method: "GET", share: 0.16, shape: { median: 0.06, p95: 0.22 }, statuses: [["200", 0.99], ["401", 0.01]] },
  { view: "api:tutor-chat", method: "POST", share: 0.07, shape: { median: 0.22, p95: 0.65 }, statuses: [["200", 0.985], ["502", 0.005], ["429", 0.01]] },
  { view: "api:token-obtain", method: "POST", share: 0.05, shape: { median: 0.18, p95: 0.3 }, statuses: [["200", 0.93], ["401", 0.07]] },
  { view: "health", method: "GET", share: 0.1, shape: { median: 0.004, p95: 0.012 }, statuses: [["200", 1]] },
];

const DB_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 25, 50, 75];

export interface AppMetricsControl {
  /** force every Django view's 95th percentile latency (seconds); null restores the normal shape */
  setDjangoLatency(p95Seconds: number | null): void;
  /** requests per second across a cluster's django pods */
  setDjangoRate(cluster: string, rps: number): void;
}

export class AppMetrics implements AppMetricsControl {
  private latency: Map<string, ExpectedHistogram> = new Map();
  private dbLatency: Map<string, ExpectedHistogram> = new Map();
  private forcedP95: number | null = null;
  private rates = new Map<string, number>([["hetzner-prod", 42], ["hetzner-staging", 1.5], ["ministry-onprem", 6]]);

  constructor(private readonly counters: Counters) {}

  setDjangoLatency(p95Seconds: number | null): void {
    this.forcedP95 = p95Seconds;
  }

  setDjangoRate(cluster: string, rps: number): void {
    this.rates.set(cluster, rps);
  }

  private shapeOf(v: DjangoView): LatencyShape {
    if (this.forcedP95 === null) return v.shape;
    return { median: this.forcedP95 / 2.6, p95: this.forcedP95 };
  }

  write(exp: Exposition, view: EstateView, dtSeconds: number): void {
    const now = view.now();
    const pods = view.pods();
    const serving = (app: string) => pods.filter((p) => p.app === app && p.phase === "Running" && p.containers.every((c) => c.ready));
    const pgUp = view.serviceUp("postgres");
    for (const cluster of view.clusters()) {
      const django = serving("django-api").filter((p) => p.cluster === cluster);
      const rate = (this.rates.get(cluster) ?? 3) * wander(`rps/${cluster}`, now, 0.75, 1.25);
      const up = view.serviceUp("django-api");
      for (const p of django) this.writeDjangoPod(exp, p, up ? (rate * dtSeconds) / django.length : 0, dtSeconds, pgUp);
      for (const p of serving("redis").filter((x) => x.cluster === cluster)) {
        const labels = { cluster, namespace: p.namespace, pod: p.name };
        exp.family("redis_keyspace_hits_total", "counter", "keyspace_hits metric").sample(labels, Math.floor(this.counters.add(`redis/${p.name}/hits`, rate * 7.2 * dtSeconds)));
        exp.family("redis_keyspace_misses_total", "counter", "keyspace_misses metric").sample(labels, Math.floor(this.counters.add(`redis/${p.name}/misses`, rate * 0.55 * dtSeconds)));
        exp.family("redis_up", "gauge", "Information about the Redis instance").sample(labels, 1);
      }
      for (const p of pods.filter((x) => x.cluster === cluster && x.app === "postgres")) {
        const labels = { cluster, namespace: p.namespace, pod: p.name };
        exp.family("pg_up", "gauge", "Whether the last scrape of metrics from PostgreSQL was able to connect to the server (1 for yes, 0 for no).").sample(labels, pgUp && p.phase === "Running" ? 1 : 0);
      }
      const ai = serving("ai-inference").filter((p) => p.cluster === cluster);
      const tokens = exp.family("grio_ai_tokens_total", "counter", "Tokens processed by Grio's AI services, by model and kind.");
      const aiShare = ai.length * wander(`ai/${cluster}`, now, 0.6, 1.2) * dtSeconds * (rate / 42);
      const models: Array<[string, string, number]> = [
        ["llama-3.1-8b-instruct", "prompt", 850],
        ["llama-3.1-8b-instruct", "completion", 240],
        ["bge-m3", "embedding", 1300],
      ];
      for (const [model, kind, perSecond] of models) {
        if (ai.length === 0 && this.counters.get(`ai/${cluster}/${model}/${kind}`) === 0) continue;
        tokens.sample({ cluster, model, kind }, Math.floor(this.counters.add(`ai/${cluster}/${model}/${kind}`, aiShare * perSecond)));
      }
    }
  }

  private writeDjangoPod(exp: Exposition, p: SimPodView, requests: number, dtSeconds: number, pgUp: boolean): void {
    const restarts = p.containers.reduce((s, c) => s + c.restartCount, 0);
    const key = `${p.cluster}/${p.name}/${restarts}`; // counters restart with the process
    const base = { cluster: p.cluster, namespace: p.namespace, pod: p.name };
    const responses = exp.family("django_http_responses_total_by_status_view_method", "counter", "Count of responses by status, view, method.");
    for (const v of DJANGO_VIEWS) {
      const hKey = `${key}/${v.view}/${v.method}`;
      let h = this.latency.get(hKey);
      if (!h) {
        h = new ExpectedHistogram();
        this.latency.set(hKey, h);
      }
      const n = requests * v.share;
      h.observe(n, this.shapeOf(v));
      h.write(exp, "django_http_requests_latency_seconds_by_view_method", "Histogram of request processing time labelled by view.", { ...base, view: v.view, method: v.method });
      for (const [status, share] of v.statuses) {
        const errShare = !pgUp && v.view !== "health" ? (status.startsWith("5") ? 0.9 : 0.1) : share;
        responses.sample({ ...base, status, view: v.view, method: v.method }, Math.floor(this.counters.add(`${hKey}/${status}`, n * errShare)));
      }
    }
    const db = { ...base, alias: "default", vendor: "postgresql" };
    exp.family("django_db_new_connections_total", "counter", "Counter of created connections by database and by vendor.").sample(db, Math.floor(this.counters.add(`${key}/db/conn`, pgUp ? requests * 0.02 + dtSeconds * 0.05 : 0)));
    exp.family("django_db_new_connection_errors_total", "counter", "Counter of connection failures by database and by vendor.").sample(db, Math.floor(this.counters.add(`${key}/db/connerr`, pgUp ? 0 : dtSeconds * 2)));
    exp.family("django_db_execute_total", "counter", "Counter of executed statements by database and by vendor, including bulk executions.").sample(db, Math.floor(this.counters.add(`${key}/db/exec`, pgUp ? requests * 6.5 : 0)));
    let dh = this.dbLatency.get(key);
    if (!dh) {
      dh = new ExpectedHistogram(DB_BUCKETS);
      this.dbLatency.set(key, dh);
    }
    if (pgUp) dh.observe(requests * 6.5, { median: 0.0035, p95: this.forcedP95 === null ? 0.028 : Math.min(0.5, this.forcedP95 / 4) });
    dh.write(exp, "django_db_query_duration_seconds", "Histogram of query duration by database and vendor.", db);
  }
}
