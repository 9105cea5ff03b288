import { describe, expect, it } from "vitest";
import { podFilterFromParams } from "./pod-filter";

describe("pod filter from the URL", () => {
  it("reads every filter and drops empty ones", () => {
    const p = new URLSearchParams("cluster=hetzner-prod&namespace=grio&status=CrashLoopBackOff&node=&workload=ai-inference");
    expect(podFilterFromParams((k) => p.get(k))).toEqual({
      cluster: "hetzner-prod", namespace: "grio", status: "CrashLoopBackOff", node: undefined, workload: "ai-inference", q: undefined, limit: 300,
    });
  });
});
