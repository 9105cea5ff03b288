import { listObjects } from "@/server/adapters/s3";
import { env } from "@/server/config";

/** Which backups-bucket prefix a CronJob writes to (the seed's backup jobs). */
export const DUMP_PREFIX: Record<string, string> = {
  "backup-postgres": "postgres/",
  "qdrant-snapshot": "qdrant/",
};

/** The newest object the backup Job wrote under its prefix since it started (name and size), if any. */
export async function newestDumpSince(cronJob: string, since: Date): Promise<{ key: string; size: number; lastModified: string } | null> {
  const prefix = DUMP_PREFIX[cronJob];
  if (!prefix) return null;
  const objects = await listObjects("primary", env().S3_BACKUPS_BUCKET, prefix);
  // S3 LastModified has second precision: allow the second the Job started in
  const fresh = objects
    .filter((o) => o.lastModified.getTime() >= since.getTime() - 1000)
    .sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime() || b.key.localeCompare(a.key));
  const o = fresh[0];
  return o ? { key: o.key, size: o.size, lastModified: o.lastModified.toISOString() } : null;
}
