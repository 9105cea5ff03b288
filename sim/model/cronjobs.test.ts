/** CronJobs fire on their schedule (UTC) unless suspended; their Jobs run a pod to completion and keep history limits. */
import { describe, expect, it } from "vitest";
import { nextRun } from "./controllers/jobs";
import { Estate } from "./estate";

const start = Date.UTC(2026, 11, 4, 1, 58, 0);

describe("cron schedules", () => {
  it("computes the next run of 5-field schedules in UTC", () => {
    expect(new Date(nextRun("0 2 * * *", start)!).toISOString()).toBe("2026-12-04T02:00:00.000Z");
    expect(new Date(nextRun("30 2 * * *", Date.UTC(2026, 11, 4, 2, 30))!).toISOString()).toBe("2026-12-05T02:30:00.000Z");
    expect(new Date(nextRun("0 4 * * 0", start)!).toISOString()).toBe("2026-12-06T04:00:00.000Z"); // Sunday
    expect(new Date(nextRun("*/15 * * * *", start)!).toISOString()).toBe("2026-12-04T02:00:00.000Z");
  });
});

describe("the CronJob and Job controllers", () => {
  it("runs backup-postgres at 02:00 UTC through a pod that completes, and not when suspended", async () => {
    const e = new Estate({ seed: 2, now: start, podStartMs: 500, jobDurationMs: 1000 });
    const c = e.cluster("hetzner-prod");
    const runs: string[] = [];
    e.setHooks({ onJobRun: async (_cluster, cronJob, job) => (runs.push(`${cronJob}/${job}`), { succeeded: true, message: "ok" }) });
    const qs = c.store.get("cronjobs", "grio", "qdrant-snapshot")!;
    qs.spec.suspend = true;
    c.store.put("cronjobs", qs);
    const at = async (t: number) => {
      c.clockOverride = t;
      c.reconcile();
      await new Promise((r) => setImmediate(r));
    };
    for (let t = start; t <= Date.UTC(2026, 11, 4, 2, 40); t += 4000) await at(t);
    const jobs = c.store.objects("jobs", "grio").filter((j) => j.metadata.name.startsWith("backup-postgres-"));
    const fresh = jobs.find((j) => j.metadata.name === `backup-postgres-${Date.UTC(2026, 11, 4, 2, 0) / 60000}`)!;
    expect(fresh.status.conditions[0]).toMatchObject({ type: "Complete", status: "True" });
    expect(jobs).toHaveLength(3); // successfulJobsHistoryLimit
    expect(runs).toEqual([`backup-postgres/${fresh.metadata.name}`]);
    const cj = c.store.get("cronjobs", "grio", "backup-postgres")!;
    expect(cj.status.lastScheduleTime).toBe("2026-12-04T02:00:00Z");
    expect(c.store.objects("jobs", "grio").some((j) => j.metadata.name === `qdrant-snapshot-${Date.UTC(2026, 11, 4, 2, 30) / 60000}`)).toBe(false);
    const pod = c.store.objects("pods", "grio").find((p) => p.metadata.labels?.["job-name"] === fresh.metadata.name)!;
    expect(pod.status.phase).toBe("Succeeded");
    expect(c.store.objects("events", "grio").map((ev) => ev.reason)).toEqual(expect.arrayContaining(["SuccessfulCreate", "Completed"]));
  });
});
