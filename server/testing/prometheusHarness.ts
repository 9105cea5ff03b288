/**
 * Start Debian's Prometheus 2.42 and Alertmanager 0.25 for tests: free ports, temp storage,
 * killed by `stop()`. Prometheus scrapes the given targets every second.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, waitFor } from "./ports";

export interface ScrapeTarget {
  /** full URL of the metrics endpoint, e.g. http://127.0.0.1:4000/metrics */
  url: string;
  job?: string;
  bearerToken?: string;
}

export interface PrometheusHandle {
  url: string;
  port: number;
  dir: string;
  /** instant query → the `data` of Prometheus' answer */
  query(promql: string): Promise<{ resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> }>;
  /** resolves once `promql` returns at least one sample (or throws after timeoutMs) */
  waitForSample(promql: string, timeoutMs?: number): Promise<number>;
  /** re-read the config and rule files (POST /-/reload) */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export interface AlertmanagerHandle {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  scrapeTargets: ScrapeTarget[];
  /** absolute paths of rule files (YAML) */
  rulesFiles?: string[];
  /** Alertmanager base URL, e.g. from startAlertmanager() */
  alertmanagerUrl?: string;
  scrapeIntervalSeconds?: number;
  evaluationIntervalSeconds?: number;
  binary?: string;
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function prometheusConfig(opts: PrometheusOptions): string {
  const interval = `${opts.scrapeIntervalSeconds ?? 1}s`;
  const lines = [
    "global:",
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${opts.evaluationIntervalSeconds ?? 1}s`,
  ];
  if (opts.rulesFiles?.length) {
    lines.push("rule_files:", ...opts.rulesFiles.map((f) => `  - ${yamlString(f)}`));
  }
  if (opts.alertmanagerUrl) {
    const u = new URL(opts.alertmanagerUrl);
    lines.push("alerting:", "  alertmanagers:", "    - static_configs:", `        - targets: [${yamlString(u.host)}]`);
  }
  lines.push("scrape_configs:");
  opts.scrapeTargets.forEach((t, i) => {
    const u = new URL(t.url);
    lines.push(
      `  - job_name: ${yamlString(t.job ?? `target-${i}`)}`,
      `    scheme: ${u.protocol.replace(":", "")}`,
      `    metrics_path: ${yamlString(u.pathname)}`,
      `    static_configs:`,
      `      - targets: [${yamlString(u.host)}]`,
    );
    if (t.bearerToken) lines.push("    authorization:", `      credentials: ${yamlString(t.bearerToken)}`);
  });
  return lines.join("\n") + "\n";
}

function spawnLogged(bin: string, args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => out };
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      child.kill("SIGKILL");
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string, what: string): Promise<void> {
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${output().slice(-2000)}`);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${what} not ready: ${res.status}`);
  }, 20_000, 100).catch(async (e: unknown) => {
    await killChild(child);
    throw e;
  });
}

export async function startPrometheus(opts: PrometheusOptions): Promise<PrometheusHandle> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "grio-prom-"));
  const port = await freePort();
  const configFile = path.join(dir, "prometheus.yml");
  await writeFile(configFile, prometheusConfig(opts));
  const { child, output } = spawnLogged(opts.binary ?? "/usr/bin/prometheus", [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${path.join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--web.enable-lifecycle",
    "--log.level=warn",
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/-/ready`, child, output, "prometheus");

  const query: PrometheusHandle["query"] = async (promql) => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as { status: string; error?: string; data: Awaited<ReturnType<PrometheusHandle["query"]>> };
    if (body.status !== "success") throw new Error(`prometheus query failed: ${body.error ?? res.status}`);
    return body.data;
  };

  return {
    url,
    port,
    dir,
    query,
    async waitForSample(promql, timeoutMs = 30_000) {
      return waitFor(async () => {
        const data = await query(promql);
        const first = data.result[0];
        if (!first) throw new Error(`no sample yet for ${promql}`);
        const v = Number(first.value[1]);
        if (Number.isNaN(v)) throw new Error(`NaN yet for ${promql}`);
        return v;
      }, timeoutMs, 500);
    },
    async reload() {
      const res = await fetch(`${url}/-/reload`, { method: "POST" });
      if (!res.ok) throw new Error(`prometheus reload failed: ${res.status} ${await res.text()}`);
    },
    async stop() {
      await killChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface AlertmanagerOptions {
  /** full alertmanager.yml; default: one receiver that drops everything */
  config?: string;
  binary?: string;
}

export async function startAlertmanager(opts: AlertmanagerOptions = {}): Promise<AlertmanagerHandle> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "grio-am-"));
  const port = await freePort();
  const configFile = path.join(dir, "alertmanager.yml");
  await writeFile(
    configFile,
    opts.config ??
      ["route:", "  receiver: none", "  group_wait: 1s", "  group_interval: 1s", "receivers:", "  - name: none", ""].join("\n"),
  );
  const { child, output } = spawnLogged(opts.binary ?? "/usr/bin/prometheus-alertmanager", [
    `--config.file=${configFile}`,
    `--storage.path=${path.join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--cluster.listen-address=",
    "--log.level=warn",
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/-/ready`, child, output, "alertmanager");
  return {
    url,
    port,
    dir,
    async stop() {
      await killChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
