import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("uses the peer address and ignores X-Forwarded-For from an untrusted peer", () => {
    expect(clientIp({ peer: "198.51.100.7", forwardedFor: "203.0.113.9" }, ["10.0.0.1"])).toBe("198.51.100.7");
  });
  it("believes X-Forwarded-For when the peer is a trusted proxy", () => {
    expect(clientIp({ peer: "10.0.0.1", forwardedFor: "203.0.113.9" }, ["10.0.0.1"])).toBe("203.0.113.9");
  });
  it("skips spoofed hops to the left of the first untrusted one", () => {
    expect(clientIp({ peer: "10.0.0.1", forwardedFor: "1.1.1.1, 203.0.113.9, 10.0.0.2" }, ["10.0.0.0/24"])).toBe("203.0.113.9");
  });
  it("normalises IPv4-mapped IPv6 peers", () => {
    expect(clientIp({ peer: "::ffff:127.0.0.1", forwardedFor: "203.0.113.5" }, ["127.0.0.1"])).toBe("203.0.113.5");
  });
  it("falls back to the peer without forwarding headers", () => {
    expect(clientIp({ peer: "127.0.0.1", forwardedFor: undefined }, ["127.0.0.1"])).toBe("127.0.0.1");
  });
});
