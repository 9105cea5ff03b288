import type { SlimCronJob, SlimJob } from "../kube/types";

/**
 * The backup CronJobs (`backup-postgres`, `qdrant-snapshot`, weekly `restore-test`) as the backups
 * page shows them, from the cached CronJob and the Jobs it owns.
 */
export const BACKUP_CRONJOBS = ["backup-postgres", "qdrant-snapshot", "restore-test"] as const;

export type CronJobSummary = {
  cluster: string;
  /** the cluster is production (its restore test is the one that counts) */
  production?: boolean;
  namespace: string;
  name: string;
  schedule: string;
  suspended: boolean;
  active: number;
  lastScheduleAt: Date | undefined;
  lastSuccessAt: Date | undefined;
  lastFailure: { at: Date | undefined; reason: string } | undefined;
};

const toDate = (t: number | null | undefined): Date | undefined => (t ? new Date(t) : undefined);

function jobFailure(job: SlimJob): { at: Date | undefined; reason: string } | undefined {
  const failed = job.conditions.find((c) => c.type === "Failed" && c.status === "True");
  if (!failed && !(job.failed > 0 && job.succeeded === 0 && job.active === 0)) return undefined;
  const reason = [failed?.reason, failed?.message].filter(Boolean).join(": ") || "job failed";
  return { at: toDate(failed?.lastTransition) ?? toDate(job.startedAt) ?? toDate(job.createdAt), reason };
}

function jobSuccessAt(job: SlimJob): Date | undefined {
  const done = job.conditions.find((c) => c.type === "Complete" && c.status === "True");
  if (!done && !(job.succeeded > 0 && job.active === 0)) return undefined;
  return toDate(job.completedAt) ?? toDate(done?.lastTransition);
}

/** Summary of one CronJob from its status and its Jobs (which hold failures the status doesn't). */
export function summarizeCronJob(cluster: string, cj: SlimCronJob, jobs: SlimJob[]): CronJobSummary {
  const own = jobs.filter((j) => j.namespace === cj.namespace && j.owner?.kind === "CronJob" && j.owner.name === cj.name);
  let lastSuccessAt = toDate(cj.lastSuccessful);
  let lastFailure: CronJobSummary["lastFailure"];
  for (const j of own) {
    const s = jobSuccessAt(j);
    if (s && (!lastSuccessAt || s > lastSuccessAt)) lastSuccessAt = s;
    const f = jobFailure(j);
    if (f && (!lastFailure || (f.at?.getTime() ?? 0) > (lastFailure.at?.getTime() ?? 0))) lastFailure = f;
  }
  return {
    cluster, namespace: cj.namespace, name: cj.name, schedule: cj.schedule, suspended: cj.suspend, active: cj.active,
    lastScheduleAt: toDate(cj.lastSchedule), lastSuccessAt, lastFailure,
  };
}

/** A failure newer than the last success is the one that matters now. */
export function failingNow(s: CronJobSummary): boolean {
  if (!s.lastFailure) return false;
  if (!s.lastSuccessAt) return true;
  return (s.lastFailure.at?.getTime() ?? 0) > s.lastSuccessAt.getTime();
}
