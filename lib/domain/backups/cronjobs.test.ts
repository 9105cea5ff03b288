import { describe, expect, it } from "vitest";
import { failingNow, summarizeCronJob } from "./cronjobs";

const cj = {
  metadata: { name: "backup-postgres", namespace: "grio" },
  spec: { schedule: "0 2 * * *", suspend: false },
  status: { lastScheduleTime: "2026-12-04T02:00:00Z", lastSuccessfulTime: "2026-12-03T02:04:00Z" },
};
const own = [{ kind: "CronJob", name: "backup-postgres" }];

describe("backup CronJob summary", () => {
  it("takes the last failure with its reason from the owned Jobs", () => {
    const s = summarizeCronJob("hetzner-prod", cj, [
      { metadata: { name: "backup-postgres-1", namespace: "grio", ownerReferences: own }, status: { succeeded: 1, completionTime: "2026-12-03T02:04:00Z" } },
      {
        metadata: { name: "backup-postgres-2", namespace: "grio", ownerReferences: own },
        status: { failed: 1, conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit", lastTransitionTime: "2026-12-04T02:03:00Z" }] },
      },
      { metadata: { name: "other", namespace: "grio", ownerReferences: [{ kind: "CronJob", name: "x" }] }, status: { failed: 1 } },
    ]);
    expect(s).toMatchObject({ name: "backup-postgres", schedule: "0 2 * * *", suspended: false });
    expect(s.lastFailure?.reason).toBe("BackoffLimitExceeded: Job has reached the specified backoff limit");
    expect(s.lastSuccessAt?.toISOString()).toBe("2026-12-03T02:04:00.000Z");
    expect(failingNow(s)).toBe(true);
  });
  it("reads suspended and no failure", () => {
    const s = summarizeCronJob("c", { ...cj, spec: { schedule: "0 3 * * 0", suspend: true } }, []);
    expect(s.suspended).toBe(true);
    expect(failingNow(s)).toBe(false);
  });
});
