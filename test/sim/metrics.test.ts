import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrometheus, type PrometheusHandle } from "../../server/testing/prometheusHarness";
import { fakeEstate } from "../../sim/testing/fakeEstate";
import { startMetrics, type MetricsServer } from "../../sim/metrics/index";

const P95 = "histogram_quantile(0.95, sum by (le) (rate(django_http_requests_latency_seconds_by_view_method_bucket[1m])))";

describe("sim /metrics", () => {
  const view = fakeEstate(Date.now());
  let metrics: MetricsServer;
  let prom: PrometheusHandle;
  beforeAll(async () => {
    metrics = await startMetrics(view);
    prom = await startPrometheus({ scrapeTargets: [{ url: metrics.metricsUrl, job: "grio-sim" }] });
  });
  afterAll(async () => {
    await prom?.stop();
    await metrics?.stop();
  });

  it("is valid exposition text (promtool check metrics) with the exporters' names", async () => {
    const body = await (await fetch(metrics.metricsUrl)).text();
    const check = spawnSync("/usr/bin/promtool", ["check", "metrics"], { input: body, encoding: "utf8" });
    // promtool lints style too (e.g. counters named _total are fine); only hard errors fail the parse
    expect(check.stderr).not.toMatch(/error while linting|text format parsing error/);
    for (const name of [
      "kube_pod_container_status_restarts_total", "kube_pod_container_status_waiting_reason", "kube_pod_status_phase",
      "kube_node_status_condition", "kube_deployment_status_replicas_available", "node_filesystem_avail_bytes",
      "node_filesystem_size_bytes", "node_cpu_seconds_total", "node_memory_MemAvailable_bytes",
      "django_http_requests_latency_seconds_by_view_method_bucket", "django_http_responses_total_by_status_view_method",
      "django_db_new_connections_total", "django_db_new_connection_errors_total", "django_db_query_duration_seconds_bucket",
      "redis_keyspace_hits_total", "redis_keyspace_misses_total", "pg_up", "container_cpu_usage_seconds_total",
      "container_memory_working_set_bytes", "grio_ai_tokens_total", "kubelet_volume_stats_used_bytes", "kubelet_volume_stats_capacity_bytes",
      "kube_pod_container_status_last_terminated_reason",
    ]) expect(body).toMatch(new RegExp(`^${name}\\{`, "m"));
    expect(body).toContain('kube_pod_container_status_waiting_reason{cluster="hetzner-prod",namespace="grio",pod="ai-inference-5d8f7c9b4-pqrst",container="ai-inference",reason="CrashLoopBackOff"} 1');
    expect(body).toContain('kube_node_status_condition{cluster="hetzner-prod",node="prod-agent-1",condition="DiskPressure",status="true"} 1');
    expect(body).toMatch(/^kubelet_volume_stats_capacity_bytes\{cluster="hetzner-prod",namespace="grio",persistentvolumeclaim="data-postgres-0",node="prod-server-2"\} 214748364800$/m);
    expect(body).not.toMatch(/node_filesystem_size_bytes\{[^}]*node="edge-gul-003"/); // NotReady: its exporter is unreachable
  });

  it("Prometheus 2.42 scrapes it: restarts equal the estate's, disk 88 % and 95 %, django p95 realistic then pushed over 1 s", async () => {
    const restarts = await prom.waitForSample('kube_pod_container_status_restarts_total{pod="ai-inference-5d8f7c9b4-pqrst"}');
    expect(restarts, "restarts before the crash").toBe(view.pods().find((p) => p.name === "ai-inference-5d8f7c9b4-pqrst")!.containers[0]!.restartCount);
    view.restart("ai-inference-5d8f7c9b4-pqrst");
    await expect.poll(async () => prom.waitForSample('kube_pod_container_status_restarts_total{pod="ai-inference-5d8f7c9b4-pqrst"}'), { timeout: 10_000 }).toBe(5); // the next scrape

    const used = await prom.query('round(100 * (1 - node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"}))');
    const byNode = Object.fromEntries(used.result.map((r) => [r.metric.node, Number(r.value[1])]));
    expect(byNode["prod-server-2"], JSON.stringify(byNode)).toBe(88);
    expect(byNode["prod-agent-1"], JSON.stringify(byNode)).toBe(95);

    // let a few scrapes land first: with only two samples in the window the estimate is rough
    await new Promise((r) => setTimeout(r, 3000));
    const p95 = await prom.waitForSample(P95);
    expect(p95, `normal p95 ${p95}`).toBeGreaterThan(0.05);
    expect(p95, `normal p95 ${p95}`).toBeLessThan(1);
    const t0 = Date.now();
    metrics.setDjangoLatency(2.5);
    await expect.poll(async () => prom.waitForSample(P95), { timeout: 30_000, interval: 1000 }).toBeGreaterThan(1);
    console.log(`p95 normal ${p95.toFixed(3)} s; over 1 s ${Date.now() - t0} ms after the latency verb`);
  }, 60_000);
});
