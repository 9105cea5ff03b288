import { toSourceError, type SourceError } from "@/server/adapters/errors";
import { bucketUsage, CONTENT_BUCKETS, listObjects, s3Configured, type BucketUsage, type S3Object } from "@/server/adapters/s3";
import { env } from "@/server/config";
import { calendarStrip, missedDays, type CalendarDay } from "@/lib/domain/backups/calendar";
import { BACKUP_CRONJOBS, failingNow, type CronJobSummary } from "@/lib/domain/backups/cronjobs";
import { compareMirror, type MirrorComparison } from "@/lib/domain/backups/mirror";
import { groupBackups, streamPolicies, type BackupStreamPolicy } from "@/lib/domain/backups/names";
import { restoreVerification, type RestoreVerification } from "@/lib/domain/backups/restore";
import { sizeTrend, streamStatus, worstBackupStatus, type BackupStatus, type SizePoint, type StreamStatus } from "@/lib/domain/backups/status";

/** Everything the backups page shows, with each failed source named beside the rest. */
export type BackupStream = Omit<StreamStatus, "newest"> & {
  prefix: string;
  rpoHours: number;
  newest: { key: string; size: number; takenAt: Date; timeFrom: "name" | "lastModified" } | undefined;
  calendar: CalendarDay[];
  missedDays: string[];
  sizes: SizePoint[];
};

export type BackupsReport = {
  checkedAt: Date;
  bucket: string;
  /** undefined when the primary could not be read */
  streams: BackupStream[] | undefined;
  worst: BackupStatus | undefined;
  mirror: { configured: boolean; streams: MirrorComparison[] | undefined };
  buckets: Array<BucketUsage | { bucket: string; error: string }>;
  cronJobs: Array<CronJobSummary & { failingNow: boolean }>;
  restore: RestoreVerification | undefined;
  errors: SourceError[];
};

/** Where the cluster's CronJobs come from (the K8s cache); it returns its own per-cluster errors. */
export type CronJobSource = () => { cronJobs: CronJobSummary[]; errors: SourceError[] };

export async function backupsReport(cronJobSource: CronJobSource | undefined, now = new Date(), streams: BackupStreamPolicy[] = streamPolicies(env().BACKUP_STREAMS)): Promise<BackupsReport> {
  const bucket = env().S3_BACKUPS_BUCKET;
  const errors: SourceError[] = [];
  const primaryConfigured = s3Configured("primary");
  const mirrorConfigured = s3Configured("mirror");
  const [primary, mirror, usage] = await Promise.all([
    primaryConfigured ? listObjects("primary", bucket).catch((e: unknown) => (errors.push(toSourceError(e, "s3", bucket)), undefined)) : undefined,
    mirrorConfigured ? listObjects("mirror", bucket).catch((e: unknown) => (errors.push(toSourceError(e, "s3-mirror", bucket)), undefined)) : undefined,
    primaryConfigured ? Promise.all(CONTENT_BUCKETS.filter((b) => b !== bucket).map((b) => usageOrError(b))) : [],
  ]);
  if (!primaryConfigured) errors.push({ source: "s3", message: "S3 (MinIO) is not configured: set S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY." });

  const primaryGroups = primary ? groupBackups(primary, streams) : undefined;
  const streamsOut = primaryGroups
    ? streams.map((policy): BackupStream => {
        const list = primaryGroups.get(policy.name) ?? [];
        const s = streamStatus(policy, list, now);
        const cal = calendarStrip(list, now, policy.retention);
        return {
          ...s,
          prefix: policy.prefix,
          rpoHours: policy.rpoHours,
          newest: s.newest && { key: s.newest.key, size: s.newest.size, takenAt: s.newest.takenAt, timeFrom: s.newest.timeFrom },
          calendar: cal,
          missedDays: missedDays(cal),
          sizes: sizeTrend(list),
        };
      })
    : undefined;

  const mirrorGroups = mirror ? groupBackups(mirror, streams) : undefined;
  const mirrorStreams =
    primaryGroups && mirrorGroups ? streams.map((p) => compareMirror(p.name, primaryGroups.get(p.name) ?? [], mirrorGroups.get(p.name) ?? [])) : undefined;

  const buckets: BackupsReport["buckets"] = [...(usage as Array<BucketUsage | { bucket: string; error: string }>)];
  if (primary) buckets.push(usageOf(bucket, primary));
  else if (primaryConfigured) buckets.push({ bucket, error: "could not be listed" });
  buckets.sort((a, b) => CONTENT_BUCKETS.indexOf(a.bucket as never) - CONTENT_BUCKETS.indexOf(b.bucket as never));

  const cron = cronJobSource ? cronJobSource() : { cronJobs: [], errors: [] };
  errors.push(...cron.errors);
  const cronJobs = cron.cronJobs
    .filter((c) => (BACKUP_CRONJOBS as readonly string[]).includes(c.name))
    .map((c) => ({ ...c, failingNow: failingNow(c) }))
    .sort((a, b) => Number(b.production ?? false) - Number(a.production ?? false) || a.cluster.localeCompare(b.cluster));
  // the restore test of a production cluster is the one that counts (a fresh staging test must not hide a stale one)
  const allRestoreJobs = cronJobs.filter((c) => c.name === "restore-test");
  const productionRestoreJobs = allRestoreJobs.filter((c) => c.production);
  const restoreJobs = productionRestoreJobs.length ? productionRestoreJobs : allRestoreJobs;
  const lastRestore = restoreJobs.map((c) => c.lastSuccessAt).filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
  const restore = restoreJobs.length || lastRestore ? restoreVerification(lastRestore, now) : cronJobSource && cron.errors.length === 0 ? restoreVerification(undefined, now) : undefined;

  return {
    checkedAt: now,
    bucket,
    streams: streamsOut,
    worst: streamsOut ? worstBackupStatus(streamsOut.map((s) => s.status)) : undefined,
    mirror: { configured: mirrorConfigured, streams: mirrorStreams },
    buckets,
    cronJobs,
    restore,
    errors,
  };

  async function usageOrError(b: string): Promise<BucketUsage | { bucket: string; error: string }> {
    try {
      return await bucketUsage("primary", b);
    } catch (e) {
      const se = toSourceError(e, "s3", b);
      errors.push(se);
      return { bucket: b, error: se.message };
    }
  }
}

/** S3 listings are not free: every viewer within 15 s shares one report. */
const SHARED_MS = 15_000;
let shared: { at: number; report: Promise<BackupsReport> } | undefined;

export function sharedBackupsReport(cronJobSource: CronJobSource | undefined): Promise<BackupsReport> {
  const now = Date.now();
  if (!shared || now - shared.at > SHARED_MS) {
    const report = backupsReport(cronJobSource);
    shared = { at: now, report };
    report.catch(() => {
      if (shared?.report === report) shared = undefined;
    });
  }
  return shared.report;
}

/** After a backup was written (e.g. "backup now"), the next read lists the bucket again. */
export function forgetBackupsReport(): void {
  shared = undefined;
}

function usageOf(bucket: string, objects: S3Object[]): BucketUsage {
  return { bucket, objects: objects.length, bytes: objects.reduce((n, o) => n + o.size, 0) };
}
