import { initTRPC, TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import {
  countAction,
  countUpstreamCall,
  observeProcedure,
  renderMetrics,
  setWatchState,
  timedUpstream,
  withRouteMetrics,
} from "./metrics";

async function text() {
  return (await renderMetrics()).body;
}

describe("console metrics", () => {
  it("reports exactly one current watch state per cluster", async () => {
    setWatchState("hetzner-prod", "connected");
    setWatchState("hetzner-prod", "reconnecting");
    const body = await text();
    expect(body).toContain('grio_cluster_watch_state{cluster="hetzner-prod",state="reconnecting"} 1');
    expect(body).toContain('grio_cluster_watch_state{cluster="hetzner-prod",state="connected"} 0');
    expect(body).toContain('grio_cluster_watch_state{cluster="hetzner-prod",state="unreachable"} 0');
  });

  it("counts actions by type and result, and upstream calls by source and outcome", async () => {
    countAction("deployment.rollback", "succeeded");
    countAction("deployment.rollback", "succeeded");
    countAction("node.cordon", "failed");
    countUpstreamCall("loki", "timeout", 5000);
    await timedUpstream("prometheus", async () => 1);
    await expect(
      timedUpstream("kubernetes", async () => {
        throw Object.assign(new Error("forbidden"), { status: 403 });
      }),
    ).rejects.toThrow("forbidden");
    const body = await text();
    expect(body).toContain('grio_actions_total{type="deployment.rollback",result="succeeded"} 2');
    expect(body).toContain('grio_actions_total{type="node.cordon",result="failed"} 1');
    expect(body).toContain('grio_upstream_calls_total{source="loki",outcome="timeout"} 1');
    expect(body).toContain('grio_upstream_calls_total{source="prometheus",outcome="ok"} 1');
    expect(body).toContain('grio_upstream_calls_total{source="kubernetes",outcome="forbidden"} 1');
    expect(body).toMatch(/grio_upstream_call_duration_seconds_count\{source="loki",outcome="timeout"\} 1/);
  });

  it("times tRPC procedures by path and result through the base-procedure middleware", async () => {
    const t = initTRPC.context<{ requestId: string }>().create();
    const base = t.procedure.use((opts) => observeProcedure(opts));
    const router = t.router({
      overview: t.router({ summary: base.query(() => ({ ok: true })) }),
      denied: base.query(() => {
        throw new TRPCError({ code: "FORBIDDEN" });
      }),
    });
    const caller = t.createCallerFactory(router)({ requestId: "req-abcdefgh" });
    await caller.overview.summary();
    await expect(caller.denied()).rejects.toThrow();
    const body = await text();
    expect(body).toMatch(/grio_trpc_request_duration_seconds_count\{procedure="overview.summary",type="query",result="ok"\} 1/);
    expect(body).toMatch(/grio_trpc_request_duration_seconds_count\{procedure="denied",type="query",result="FORBIDDEN"\} 1/);
  });

  it("times route handlers, adds a request id, and turns a throw into a logged 500", async () => {
    const ok = withRouteMetrics("health", async () => Response.json({ ok: true }));
    const boom = withRouteMetrics("boom", async () => {
      throw new Error("kaput");
    });
    const res = await ok(new Request("http://x/api/health", { headers: { "x-request-id": "traefik-req-0001" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("traefik-req-0001");
    const bad = await boom(new Request("http://x/api/boom", { method: "POST" }));
    expect(bad.status).toBe(500);
    expect(await bad.json()).toMatchObject({ error: "Internal error" });
    const body = await text();
    expect(body).toMatch(/grio_http_request_duration_seconds_count\{route="health",method="GET",status="200"\} 1/);
    expect(body).toMatch(/grio_http_request_duration_seconds_count\{route="boom",method="POST",status="500"\} 1/);
  });

  it("shares one registry across module copies (Next bundles routes separately)", async () => {
    const g = globalThis as unknown as { __grioMetrics?: unknown };
    expect(g.__grioMetrics).toBeDefined();
    expect(await text()).toContain("process_cpu_seconds_total");
  });
});
