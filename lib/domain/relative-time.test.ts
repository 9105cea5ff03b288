import { describe, expect, it } from "vitest";
import { absoluteTime, relativeTime } from "./relative-time";

const now = new Date("2026-12-04T08:00:00Z");

describe("relativeTime", () => {
  it("says just now within ten seconds", () => expect(relativeTime(new Date("2026-12-04T07:59:55Z"), now)).toBe("just now"));
  it("counts minutes, hours and days in the past", () => {
    expect(relativeTime(new Date("2026-12-04T07:57:00Z"), now)).toBe("3 min ago");
    expect(relativeTime(new Date("2026-12-04T05:00:00Z"), now)).toBe("3 h ago");
    expect(relativeTime(new Date("2026-12-01T08:00:00Z"), now)).toBe("3 d ago");
  });
  it("speaks of the future", () => expect(relativeTime(new Date("2026-12-04T10:00:00Z"), now)).toBe("in 2 h"));
});

describe("absoluteTime", () => {
  it("shows UTC", () => expect(absoluteTime(now, "UTC")).toBe("2026-12-04 08:00:00 UTC"));
  it("shows Kampala time three hours ahead", () => expect(absoluteTime(now, "Africa/Kampala")).toBe("2026-12-04 11:00:00 EAT"));
});
