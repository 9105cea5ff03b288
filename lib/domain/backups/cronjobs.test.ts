import { describe, expect, it } from "vitest";
import type { SlimCronJob, SlimJob } from "../kube/types";
import { failingNow, summarizeCronJob } from "./cronjobs";

const t = (iso: string) => Date.parse(iso);
const meta = (name: string, owner?: string) => ({
  name, namespace: "grio", uid: name, createdAt: null, labels: {}, owner: owner ? { kind: "CronJob", name: owner, uid: "u" } : null,
});
const cj: SlimCronJob = {
  ...meta("backup-postgres"), kind: "CronJob", schedule: "0 2 * * *", suspend: false,
  lastSchedule: t("2026-12-04T02:00:00Z"), lastSuccessful: t("2026-12-03T02:04:00Z"), active: 0, images: [],
};
const job = (name: string, owner: string, p: Partial<SlimJob>): SlimJob => ({
  ...meta(name, owner), active: 0, succeeded: 0, failed: 0, startedAt: null, completedAt: null, conditions: [], ...p,
});

describe("backup CronJob summary", () => {
  it("takes the last failure with its reason from the owned Jobs", () => {
    const s = summarizeCronJob("hetzner-prod", cj, [
      job("backup-postgres-1", "backup-postgres", { succeeded: 1, completedAt: t("2026-12-03T02:04:00Z") }),
      job("backup-postgres-2", "backup-postgres", {
        failed: 1,
        conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit", lastTransition: t("2026-12-04T02:03:00Z") }],
      }),
      job("other-1", "other", { failed: 1 }),
    ]);
    expect(s).toMatchObject({ name: "backup-postgres", schedule: "0 2 * * *", suspended: false });
    expect(s.lastFailure?.reason).toBe("BackoffLimitExceeded: Job has reached the specified backoff limit");
    expect(s.lastSuccessAt?.toISOString()).toBe("2026-12-03T02:04:00.000Z");
    expect(failingNow(s)).toBe(true);
  });
  it("reads suspended, and a failure older than the last success is not failing now", () => {
    const s = summarizeCronJob("c", { ...cj, suspend: true }, [
      job("backup-postgres-0", "backup-postgres", { failed: 1, startedAt: t("2026-12-01T02:00:00Z") }),
    ]);
    expect(s.suspended).toBe(true);
    expect(s.lastFailure?.reason).toBe("job failed");
    expect(failingNow(s)).toBe(false);
  });
});
