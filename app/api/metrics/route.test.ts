import { beforeAll, describe, expect, it } from "vitest";

let GET: (req: Request) => Promise<Response>;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "x".repeat(40);
  process.env.METRICS_TOKEN = "scrape-token-0123456789";
  ({ GET } = await import("./route"));
});

describe("GET /api/metrics", () => {
  it("refuses a scrape without the bearer token when METRICS_TOKEN is set", async () => {
    expect((await GET(new Request("http://x/api/metrics"))).status).toBe(401);
    const wrong = new Request("http://x/api/metrics", { headers: { authorization: "Bearer nope" } });
    expect((await GET(wrong)).status).toBe(401);
  });

  it("serves Prometheus text to a scraper with the token", async () => {
    const req = new Request("http://x/api/metrics", { headers: { authorization: "Bearer scrape-token-0123456789" } });
    const res = await GET(req);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    expect(body).toContain("# TYPE grio_trpc_request_duration_seconds histogram");
    expect(body).toContain("# TYPE grio_actions_total counter");
    expect(body).toContain('grio_http_request_duration_seconds_count{route="metrics",method="GET",status="401"} 2');
  });
});
