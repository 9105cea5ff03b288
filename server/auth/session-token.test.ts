import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionUserId } from "./session-token";

const secret = "s".repeat(64);
const sub = "00000000-0000-4000-8000-000000000001";

describe("sessionUserId", () => {
  it("returns the subject of a valid token, again when asked again", async () => {
    const token = await encode({ token: { sub }, secret, maxAge: 3600 });
    expect(await sessionUserId(token, secret)).toBe(sub);
    expect(await sessionUserId(token, secret)).toBe(sub);
  });

  it("refuses a tampered token and one signed with another secret", async () => {
    const token = await encode({ token: { sub }, secret, maxAge: 3600 });
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await sessionUserId(tampered, secret)).toBeUndefined();
    expect(await sessionUserId(token, "o".repeat(64))).toBeUndefined();
  });

  it("refuses a token once it has expired, even after it was accepted", async () => {
    const token = await encode({ token: { sub }, secret, maxAge: 60 });
    expect(await sessionUserId(token, secret)).toBe(sub);
    expect(await sessionUserId(token, secret, Date.now() + 30_000)).toBe(sub);
    expect(await sessionUserId(token, secret, Date.now() + 80_000)).toBeUndefined();
    expect(await sessionUserId(token, secret, Date.now() + 80_000)).toBeUndefined();
  });

  it("refuses an already expired token", async () => {
    const token = await encode({ token: { sub }, secret, maxAge: -60 });
    expect(await sessionUserId(token, secret)).toBeUndefined();
  });
});
