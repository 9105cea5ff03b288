/**
 * The backup history the default scenario starts with (pure: `now` and `seed` in, objects out).
 * - backups/postgres/full-YYYYMMDD-HHMMSS.sql.gz daily at 02:00 UTC for 30 days, one missed day
 *   ten days ago, last night's dump under a third of the usual size;
 * - backups/qdrant/curriculum-<peer id>-YYYY-MM-DD-HH-MM-SS.snapshot daily for 14 days, all fine;
 * - the mirror (minio-backup) holds the same, minus the last two days.
 */
import { rng } from "../faults";
import type { SeedObject } from "./store";

export const BUCKETS = ["curriculum-assets", "student-work", "system-logs", "backups"] as const;
export const BACKUP_BUCKET = "backups";
export const QDRANT_PEER_ID = "5402263961417315";
export const QDRANT_COLLECTION = "curriculum";
const DAY = 86_400_000;

/** usual size of a gzipped Postgres dump on `day` (grows slowly, varies a few %) */
export function usualDumpSize(dayIndexFromEpoch: number, random: () => number): number {
  const base = 212 * 1024 * 1024 + (dayIndexFromEpoch % 1000) * 180 * 1024;
  return Math.round(base * (0.97 + random() * 0.06));
}

export function usualSnapshotSize(random: () => number): number {
  return Math.round(5.3 * 1024 * 1024 * (0.985 + random() * 0.03));
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function postgresDumpKey(at: Date): string {
  const d = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const t = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  return `postgres/full-${d}-${t}.sql.gz`;
}

/** Qdrant's own snapshot name: `<collection>-<peer id>-<YYYY-MM-DD-HH-MM-SS>.snapshot` */
export function qdrantSnapshotName(collection: string, at: Date, peerId = QDRANT_PEER_ID): string {
  const stamp = [at.getUTCFullYear(), pad(at.getUTCMonth() + 1), pad(at.getUTCDate()), pad(at.getUTCHours()), pad(at.getUTCMinutes()), pad(at.getUTCSeconds())].join("-");
  return `${collection}-${peerId}-${stamp}.snapshot`;
}

/** the most recent `hourUtc`:00 at or before `now` */
export function lastRunAt(now: number, hourUtc: number): number {
  const d = new Date(now);
  const run = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hourUtc);
  return run <= now ? run : run - DAY;
}

export interface BackupPlan {
  primary: SeedObject[];
  mirror: SeedObject[];
  /** the start time of the missed Postgres day (no object) */
  missedPostgresDay: Date;
  /** the usual (median-ish) size of recent dumps, for tests */
  usualPostgresSize: number;
}

export function planBackups(now: number, seed: number): BackupPlan {
  const random = rng(seed ^ 0x5eed);
  const primary: SeedObject[] = [];
  const mirror: SeedObject[] = [];
  const lastPg = lastRunAt(now, 2);
  let usual = 0;
  let missed = new Date(lastPg - 10 * DAY);
  for (let i = 29; i >= 0; i--) {
    const start = lastPg - i * DAY + Math.floor(random() * 4) * 1000; // the job starts a few seconds late
    const duration = 95_000 + Math.floor(random() * 50_000); // pg_dump | gzip ≈ 2 minutes
    const size = usualDumpSize(Math.floor(start / DAY), random);
    if (i === 10) {
      missed = new Date(start);
      continue;
    }
    if (i === 1) usual = size;
    const obj: SeedObject = {
      bucket: BACKUP_BUCKET,
      key: postgresDumpKey(new Date(start)),
      size: i === 0 ? Math.round(size * (0.24 + random() * 0.04)) : size,
      lastModified: new Date(start + (i === 0 ? Math.round(duration * 0.3) : duration)),
    };
    primary.push(obj);
    if (i >= 2) mirror.push(obj);
  }
  const lastQd = lastRunAt(now, 3);
  for (let i = 13; i >= 0; i--) {
    const start = lastQd - i * DAY + 12_000 + Math.floor(random() * 9) * 1000;
    const obj: SeedObject = {
      bucket: BACKUP_BUCKET,
      key: `qdrant/${qdrantSnapshotName(QDRANT_COLLECTION, new Date(start))}`,
      size: usualSnapshotSize(random),
      lastModified: new Date(start + 6_000 + Math.floor(random() * 4000)),
    };
    primary.push(obj);
    if (i >= 2) mirror.push(obj);
  }
  return { primary, mirror, missedPostgresDay: missed, usualPostgresSize: usual };
}

/** Everyday content of the other buckets (a modest number of objects with realistic sizes). */
export function planContent(now: number, seed: number): SeedObject[] {
  const random = rng(seed ^ 0xc0de);
  const out: SeedObject[] = [];
  const subjects = ["mathematics", "english", "biology", "chemistry", "physics", "geography", "history", "luganda"];
  for (const subject of subjects) {
    for (let grade = 1; grade <= 4; grade++) {
      const at = new Date(now - (20 + Math.floor(random() * 200)) * DAY);
      out.push({ bucket: "curriculum-assets", key: `v2026.11/${subject}/s${grade}/textbook.pdf`, size: Math.round((4 + random() * 20) * 1024 * 1024), lastModified: at });
      out.push({ bucket: "curriculum-assets", key: `v2026.11/${subject}/s${grade}/lesson-01.mp4`, size: Math.round((60 + random() * 140) * 1024 * 1024), lastModified: at });
    }
  }
  for (let i = 0; i < 120; i++) {
    const at = new Date(now - Math.floor(random() * 30 * DAY));
    const school = ["kla", "gul", "mbr"][i % 3] + "-" + pad((i % 4) + 1, 3);
    out.push({ bucket: "student-work", key: `${school}/2026/term3/submission-${10_000 + i}.pdf`, size: Math.round((80 + random() * 900) * 1024), lastModified: at });
  }
  for (let i = 13; i >= 0; i--) {
    const day = new Date(lastRunAt(now, 0) - i * DAY);
    for (const cluster of ["hetzner-prod", "hetzner-staging", "ministry-onprem"]) {
      const key = `${cluster}/${day.toISOString().slice(0, 10)}.jsonl.gz`;
      out.push({ bucket: "system-logs", key, size: Math.round((cluster === "hetzner-prod" ? 38 : 9) * 1024 * 1024 * (0.9 + random() * 0.2)), lastModified: new Date(day.getTime() + DAY - 60_000) });
    }
  }
  return out.filter((o) => o.lastModified.getTime() <= now);
}
