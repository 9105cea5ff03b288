import { describe, expect, it } from "vitest";
import { checkHeartbeat, siteInputSchema } from "./heartbeat";

const now = new Date("2026-12-04T07:00:00Z");
const good = {
  siteId: "kla-001", agentVersion: "1.4.2", curriculumVersion: "2026.12",
  lastCurriculumSyncAt: "2026-12-04T02:00:00Z", lastSubmissionUploadAt: null,
  queuedChanges: 3, diskUsedBytes: 10, diskTotalBytes: 100, sentAt: "2026-12-04T06:59:00Z",
};
const errs = (body: unknown) => {
  const r = checkHeartbeat(body, "kla-001", now);
  return r.ok ? [] : r.errors;
};

describe("heartbeat body", () => {
  it("accepts a good heartbeat and converts its times", () => {
    const r = checkHeartbeat(good, "kla-001", now);
    expect(r.ok && r.heartbeat.sentAt.toISOString()).toBe("2026-12-04T06:59:00.000Z");
  });
  it("names every bad field", () => {
    const e = errs({ ...good, queuedChanges: -1, diskTotalBytes: 0, sentAt: "yesterday", agentVersion: undefined });
    expect(e.map((x) => x.field).sort()).toEqual(["agentVersion", "diskTotalBytes", "queuedChanges", "sentAt"]);
    expect(e.find((x) => x.field === "agentVersion")!.message).toBe("is required");
  });
  it("refuses a siteId that is not the token's site, and says so", () => {
    expect(errs({ ...good, siteId: "gul-001" })).toEqual([{ field: "siteId", message: 'is "gul-001" but this token belongs to site "kla-001"' }]);
  });
  it("accepts sentAt exactly 5 minutes ahead and refuses a second more", () => {
    expect(errs({ ...good, sentAt: "2026-12-04T07:05:00Z" })).toEqual([]);
    expect(errs({ ...good, sentAt: "2026-12-04T07:05:01Z" })[0]!.field).toBe("sentAt");
    expect(errs({ ...good, sentAt: "2026-12-04T10:05:01+03:00" })[0]!.field).toBe("sentAt");
  });
  it("accepts sentAt exactly 30 days old and refuses a second older", () => {
    expect(errs({ ...good, sentAt: "2026-11-04T07:00:00Z" })).toEqual([]);
    expect(errs({ ...good, sentAt: "2026-11-04T06:59:59Z" })[0]!.message).toBe("is older than 30 days");
  });
  it("refuses non-objects and fractional counts", () => {
    expect(errs([good])[0]!.message).toBe("must be a JSON object");
    expect(errs(null)[0]!.field).toBe("(body)");
    expect(errs({ ...good, queuedChanges: 1.5 })[0]!.field).toBe("queuedChanges");
  });
});

describe("site input", () => {
  it("accepts daily, weekly and <n>h and refuses anything else", () => {
    const base = { id: "kla-001", name: "Kampala Primary", district: "Kampala" };
    expect(siteInputSchema.safeParse({ ...base, syncInterval: "12h" }).success).toBe(true);
    expect(siteInputSchema.safeParse({ ...base, syncInterval: "monthly" }).success).toBe(false);
    expect(siteInputSchema.safeParse({ ...base, id: "KLA 1", syncInterval: "daily" }).success).toBe(false);
  });
});
