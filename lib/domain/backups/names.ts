/**
 * Backup object names in the `backups` bucket, and when each backup was taken.
 * - Postgres: `postgres/full-YYYYMMDD-HHMMSS.sql.gz` (the seed's backup-postgres.sh, UTC).
 * - Qdrant: `qdrant/*.snapshot`; Qdrant names its snapshots `{collection}-{peer}-YYYY-MM-DD-HH-MM-SS`
 *   or `full-snapshot-YYYY-MM-DD-HH-MM-SS` (UTC).
 * The time comes from the name when it carries one, else from the object's LastModified.
 */

export type BackupStreamPolicy = {
  /** stream name shown in the UI, e.g. "postgres" */
  name: string;
  /** key prefix in the backups bucket, e.g. "postgres/" */
  prefix: string;
  /** recovery point objective in hours: the newest backup must be younger than this */
  rpoHours: number;
  /** how many backups the retention policy keeps */
  retention: number;
  /** object names that count as backups of this stream (others under the prefix are ignored) */
  pattern: RegExp;
};

export const DEFAULT_STREAMS: BackupStreamPolicy[] = [
  { name: "postgres", prefix: "postgres/", rpoHours: 24, retention: 30, pattern: /^full-.+\.sql\.gz$/ },
  { name: "qdrant", prefix: "qdrant/", rpoHours: 24, retention: 14, pattern: /\.snapshot$/ },
];

export type BackupObject = { key: string; size: number; lastModified: Date };

export type Backup = {
  stream: string;
  key: string;
  size: number;
  takenAt: Date;
  /** where takenAt came from */
  timeFrom: "name" | "lastModified";
};

const COMPACT = /(\d{4})(\d{2})(\d{2})[-T_]?(\d{2})(\d{2})(\d{2})/;
const DASHED = /(\d{4})-(\d{2})-(\d{2})[-T_](\d{2})[-:](\d{2})[-:](\d{2})/;

/** The UTC time written in a backup's file name, or undefined if there is none (or it is not a real date). */
export function timeFromName(fileName: string): Date | undefined {
  const m = DASHED.exec(fileName) ?? COMPACT.exec(fileName);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  // reject 20240231-… and 25:61:61 instead of letting Date roll them over
  if (
    back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d ||
    back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  return back;
}

/** The stream an object belongs to and when it was taken, or undefined for objects that are not backups. */
export function parseBackupObject(obj: BackupObject, streams: BackupStreamPolicy[] = DEFAULT_STREAMS): Backup | undefined {
  const stream = streams.find((s) => obj.key.startsWith(s.prefix));
  if (!stream) return undefined;
  const fileName = obj.key.slice(stream.prefix.length);
  if (fileName.includes("/") || !stream.pattern.test(fileName)) return undefined;
  const fromName = timeFromName(fileName);
  return {
    stream: stream.name,
    key: obj.key,
    size: obj.size,
    takenAt: fromName ?? obj.lastModified,
    timeFrom: fromName ? "name" : "lastModified",
  };
}

/** Backups of each stream, oldest first. Streams without any backup get an empty list. */
export function groupBackups(objects: BackupObject[], streams: BackupStreamPolicy[] = DEFAULT_STREAMS): Map<string, Backup[]> {
  const out = new Map<string, Backup[]>(streams.map((s) => [s.name, []]));
  for (const o of objects) {
    const b = parseBackupObject(o, streams);
    if (b) out.get(b.stream)!.push(b);
  }
  for (const list of out.values()) list.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime() || a.key.localeCompare(b.key));
  return out;
}

export type ConfiguredStream = { name: string; prefix?: string; rpoHours?: number; retention?: number; suffix?: string };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The default streams with configured overrides applied (same name) and extra streams added. */
export function streamPolicies(configured: ConfiguredStream[] | undefined): BackupStreamPolicy[] {
  const out = DEFAULT_STREAMS.map((s) => ({ ...s }));
  for (const c of configured ?? []) {
    const base = out.find((s) => s.name === c.name);
    const pattern = c.suffix !== undefined ? new RegExp(`${escapeRe(c.suffix)}$`) : (base?.pattern ?? /./);
    const policy: BackupStreamPolicy = {
      name: c.name,
      prefix: c.prefix ?? base?.prefix ?? `${c.name}/`,
      rpoHours: c.rpoHours ?? base?.rpoHours ?? 24,
      retention: c.retention ?? base?.retention ?? 30,
      pattern,
    };
    if (base) Object.assign(base, policy);
    else out.push(policy);
  }
  return out;
}
