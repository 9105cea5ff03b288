/**
 * Probes one configured service check (SERVICE_CHECKS): an HTTP endpoint (optionally expecting
 * `{"status": "ok"}`) or a PromQL expression such as `pg_up`. A service that is down is a result,
 * not an error; only a check that cannot be judged (Prometheus itself unreachable) throws.
 */
import { judgeHttpAnswer, judgePromSamples, type ServiceCheckKind } from "@/lib/domain/serviceChecks";
import { UpstreamError } from "./errors";
import { httpRequest } from "./http";
import type { PrometheusClient } from "./prometheus";

export interface ServiceCheckTarget {
  name: string;
  kind: ServiceCheckKind;
  target: string;
  production: boolean;
}

export interface ProbeResult {
  up: boolean;
  latencyMs: number;
  detail: string;
}

export async function probeService(
  check: ServiceCheckTarget,
  deps: { prometheus: PrometheusClient | null; timeoutMs?: number },
): Promise<ProbeResult> {
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (check.kind === "prometheus-query") {
    if (!deps.prometheus) throw new UpstreamError("service-check", `${check.name} needs PROMETHEUS_URL to run its query`, { instance: check.name });
    const samples = await deps.prometheus.query(check.target, { timeoutMs });
    return { ...judgePromSamples(samples.map((s) => s.value)), latencyMs: elapsed() };
  }
  try {
    const answer = await httpRequest({ source: "service-check", baseUrl: check.target, timeoutMs, instance: check.name }, "");
    return { ...judgeHttpAnswer(check.kind, answer.status, answer.body), latencyMs: elapsed() };
  } catch (e) {
    if (e instanceof UpstreamError) return { up: false, latencyMs: elapsed(), detail: e.message };
    throw e;
  }
}
