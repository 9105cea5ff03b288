import { describe, expect, it } from "vitest";
import { restoreVerification } from "./restore";
import { compareMirror } from "./mirror";
import type { Backup } from "./names";

const D = 86_400_000;
const now = new Date("2026-12-04T07:00:00Z");

describe("last verified restore", () => {
  it("is ok at exactly 8 days and stale a second later", () => {
    expect(restoreVerification(new Date(now.getTime() - 8 * D), now).status).toBe("ok");
    const s = restoreVerification(new Date(now.getTime() - 8 * D - 1000), now);
    expect(s.status).toBe("stale");
    expect(s.reason).toMatch(/more than 8 days/);
  });
  it("is never when no restore test has succeeded", () => {
    expect(restoreVerification(undefined, now).status).toBe("never");
  });
});

const b = (key: string, daysAgo: number): Backup => ({ stream: "postgres", key, size: 1, takenAt: new Date(now.getTime() - daysAgo * D), timeFrom: "name" });

describe("mirror comparison", () => {
  const primary = [b("p/1", 3), b("p/2", 2), b("p/3", 1)];
  it("is in sync when the mirror holds the newest object", () => {
    expect(compareMirror("postgres", primary, [...primary])).toMatchObject({ status: "in-sync", lagMs: 0, missingKeys: [] });
  });
  it("shows the lag and the missing objects, newest first", () => {
    const c = compareMirror("postgres", primary, [primary[0]!]);
    expect(c).toMatchObject({ status: "lagging", lagMs: 2 * D, missingKeys: ["p/3", "p/2"] });
    expect(c.reason).toMatch(/2 d behind; 2 object/);
  });
  it("is missing when the mirror has none", () => {
    expect(compareMirror("postgres", primary, []).status).toBe("missing");
  });
});
