import { describe, expect, it } from "vitest";
import { csvLine, displayStatus } from "./audit";

const started = new Date("2026-12-04T08:00:00Z");

describe("displayStatus", () => {
  it("shows a pending row inside its time limit as pending", () => {
    expect(displayStatus({ status: "pending", startedAt: started, timeLimitMs: 60_000 }, new Date("2026-12-04T08:00:30Z"))).toBe("pending");
  });
  it("shows a pending row past its time limit as interrupted", () => {
    expect(displayStatus({ status: "pending", startedAt: started, timeLimitMs: 60_000 }, new Date("2026-12-04T08:01:01Z"))).toBe("interrupted");
  });
  it("keeps a pending row without a limit pending", () => {
    expect(displayStatus({ status: "pending", startedAt: started, timeLimitMs: null }, new Date("2027-01-01T00:00:00Z"))).toBe("pending");
  });
  it("shows final statuses as they are", () => {
    expect(displayStatus({ status: "failed", startedAt: started, timeLimitMs: 1 }, new Date("2027-01-01T00:00:00Z"))).toBe("failed");
  });
});

describe("csvLine", () => {
  it("quotes commas, quotes and newlines and defuses formulas", () => {
    expect(csvLine(["a,b", 'say "hi"', "x\ny", "=cmd()", null, { k: 1 }])).toBe('"a,b","say ""hi""","x\ny",\'=cmd(),,"{""k"":1}"');
  });
});
