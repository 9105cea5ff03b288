import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { REDACTED, createLogger, isSecretKey, redact, redactString, requestIdFrom } from "./logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { logger: createLogger(stream), lines };
}

describe("logger", () => {
  it("writes one JSON object per line with level label, time, service and message", () => {
    const { logger, lines } = capture();
    logger.info({ cluster: "hetzner-prod" }, "informer started");
    expect(lines[0]).toMatchObject({ level: "info", service: "grio-ops", cluster: "hetzner-prod", msg: "informer started" });
    expect(typeof lines[0]?.time).toBe("string");
  });

  it("carries the request id on every line of a request's child logger", () => {
    const { logger, lines } = capture();
    const child = logger.child({ requestId: "req-12345678" });
    child.info("a");
    child.warn({ x: 1 }, "b");
    expect(lines.map((l) => l.requestId)).toEqual(["req-12345678", "req-12345678"]);
  });

  it("redacts authorization headers, cookies, tokens, passwords, S3 keys and kubeconfig at any depth", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: { headers: { authorization: "Bearer abcdefghijkl", cookie: "next-auth.session-token=xyz", "user-agent": "curl" } },
        user: { email: "a@grio.local", password: "hunter22", passwordHash: "$2b$10$x" },
        s3: { endpoint: "http://minio:9000", S3_ACCESS_KEY: "AKIA123", S3_SECRET_KEY: "s3cr3t", secretKey: "k" },
        prometheus: { PROMETHEUS_BEARER_TOKEN: "tok", PROMETHEUS_BASIC_AUTH: "u:p" },
        cluster: { kubeconfig: "apiVersion: v1\nusers: [...]", apiToken: "sa-token" },
        list: [{ token: "t1" }, { idempotencyKey: "keep-me" }],
      },
      "calling upstream",
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ["abcdefghijkl", "session-token=xyz", "hunter22", "$2b$10$x", "AKIA123", "s3cr3t", "sa-token", "u:p", '"t1"', "users: [...]"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("curl");
    expect(line).toContain("keep-me");
    expect(line).toContain("http://minio:9000");
    expect(lines[0]).toMatchObject({ req: { headers: { authorization: REDACTED, cookie: REDACTED } } });
  });

  it("masks credentials inside messages and errors, including logger.error(err) alone", () => {
    const { logger, lines } = capture();
    const err = new Error("upstream said: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig");
    logger.error(err);
    logger.warn("fetching https://admin:minio-password@minio.grio:9000/backups");
    const text = lines.map((l) => JSON.stringify(l)).join("\n");
    expect(text).not.toContain("eyJhbGciOiJIUzI1NiJ9");
    expect(text).not.toContain("minio-password");
    expect(lines[0]).toMatchObject({ level: "error", err: { type: "Error" } });
    expect(String(lines[0]?.msg)).toContain("Bearer [redacted]");
  });

  it("keeps non-secret names that merely look similar", () => {
    expect(isSecretKey("secretName")).toBe(false);
    expect(isSecretKey("tokenKind")).toBe(false);
    expect(isSecretKey("idempotencyKey")).toBe(false);
    expect(isSecretKey("key")).toBe(false);
    expect(isSecretKey("NEXTAUTH_SECRET")).toBe(true);
    expect(isSecretKey("QDRANT_API_KEY")).toBe(true);
    expect(redactString("plain words")).toBe("plain words");
  });

  it("survives circular objects and Headers", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(redact(a)).toEqual({ name: "a", self: "[circular]" });
    const h = new Headers({ Authorization: "Bearer zzzzzzzzzz", Accept: "text/plain" });
    expect(redact(h)).toEqual({ authorization: REDACTED, accept: "text/plain" });
  });

  it("takes a well-formed x-request-id from the proxy, otherwise makes one", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "traefik-0123456789" }))).toBe("traefik-0123456789");
    const fresh = requestIdFrom(new Headers({ "x-request-id": "bad id with spaces\n" }));
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
  });
});
