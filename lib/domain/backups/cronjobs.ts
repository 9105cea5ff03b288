/**
 * The backup CronJobs (`backup-postgres`, `qdrant-snapshot`, weekly `restore-test`) as the page shows
 * them, from the CronJob and the Jobs it owns. Structural types: plain K8s JSON or client-node objects.
 */
type Time = Date | string | undefined | null;
type Condition = { type?: string; status?: string; reason?: string; message?: string; lastTransitionTime?: Time };
export type CronJobLike = {
  metadata?: { name?: string; namespace?: string };
  spec?: { schedule?: string; suspend?: boolean };
  status?: { lastScheduleTime?: Time; lastSuccessfulTime?: Time; active?: unknown[] };
};
export type JobLike = {
  metadata?: { name?: string; namespace?: string; creationTimestamp?: Time; ownerReferences?: Array<{ kind?: string; name?: string }> };
  status?: { startTime?: Time; completionTime?: Time; succeeded?: number; failed?: number; conditions?: Condition[] };
};

export const BACKUP_CRONJOBS = ["backup-postgres", "qdrant-snapshot", "restore-test"] as const;

export type CronJobSummary = {
  cluster: string;
  namespace: string;
  name: string;
  schedule: string;
  suspended: boolean;
  active: number;
  lastScheduleAt: Date | undefined;
  lastSuccessAt: Date | undefined;
  lastFailure: { at: Date | undefined; reason: string } | undefined;
};

const toDate = (t: Time): Date | undefined => (t ? new Date(t) : undefined);

function jobFailure(job: JobLike): { at: Date | undefined; reason: string } | undefined {
  const failed = job.status?.conditions?.find((c) => c.type === "Failed" && c.status === "True");
  if (!failed && !(job.status?.failed && !job.status?.succeeded)) return undefined;
  const reason = [failed?.reason, failed?.message].filter(Boolean).join(": ") || "job failed";
  return { at: toDate(failed?.lastTransitionTime) ?? toDate(job.status?.startTime) ?? toDate(job.metadata?.creationTimestamp), reason };
}

function jobSuccessAt(job: JobLike): Date | undefined {
  const done = job.status?.conditions?.find((c) => c.type === "Complete" && c.status === "True");
  if (!done && !job.status?.succeeded) return undefined;
  return toDate(job.status?.completionTime) ?? toDate(done?.lastTransitionTime);
}

/** Summary of one CronJob from its status and its Jobs (which may hold a failure the status doesn't). */
export function summarizeCronJob(cluster: string, cj: CronJobLike, jobs: JobLike[]): CronJobSummary {
  const name = cj.metadata?.name ?? "";
  const ns = cj.metadata?.namespace ?? "";
  const own = jobs.filter(
    (j) => (j.metadata?.namespace ?? ns) === ns && j.metadata?.ownerReferences?.some((o) => o.kind === "CronJob" && o.name === name),
  );
  let lastSuccessAt = toDate(cj.status?.lastSuccessfulTime);
  let lastFailure: CronJobSummary["lastFailure"];
  for (const j of own) {
    const s = jobSuccessAt(j);
    if (s && (!lastSuccessAt || s > lastSuccessAt)) lastSuccessAt = s;
    const f = jobFailure(j);
    if (f && (!lastFailure || (f.at?.getTime() ?? 0) > (lastFailure.at?.getTime() ?? 0))) lastFailure = f;
  }
  return {
    cluster, namespace: ns, name,
    schedule: cj.spec?.schedule ?? "",
    suspended: cj.spec?.suspend === true,
    active: cj.status?.active?.length ?? 0,
    lastScheduleAt: toDate(cj.status?.lastScheduleTime),
    lastSuccessAt,
    lastFailure,
  };
}

/** A failure that is newer than the last success is the one that matters now. */
export function failingNow(s: CronJobSummary): boolean {
  if (!s.lastFailure) return false;
  if (!s.lastSuccessAt) return true;
  return (s.lastFailure.at?.getTime() ?? 0) > s.lastSuccessAt.getTime();
}
