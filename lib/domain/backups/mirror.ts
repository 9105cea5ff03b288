import type { Backup } from "./names";
import { humanDuration } from "../humanize";

export type MirrorStatus = "in-sync" | "lagging" | "missing" | "empty";
export type MirrorComparison = {
  stream: string;
  status: MirrorStatus;
  /** how far the mirror's newest backup is behind the primary's newest */
  lagMs: number | undefined;
  primaryNewest: string | undefined;
  mirrorNewest: string | undefined;
  /** primary backups the mirror does not hold, newest first */
  missingKeys: string[];
  reason: string;
};

/**
 * Compare one stream's backups on the primary and the mirror (both oldest first). In sync when the
 * mirror holds the primary's newest object; lagging when it has an older one; missing when it has none.
 */
export function compareMirror(stream: string, primary: Backup[], mirror: Backup[]): MirrorComparison {
  const p = primary[primary.length - 1];
  const m = mirror[mirror.length - 1];
  const mirrorKeys = new Set(mirror.map((b) => b.key));
  const missingKeys = primary.filter((b) => !mirrorKeys.has(b.key)).map((b) => b.key).reverse();
  const base = { stream, primaryNewest: p?.key, mirrorNewest: m?.key, missingKeys };
  if (!p) return { ...base, status: "empty", lagMs: undefined, reason: "the primary holds no backups of this stream" };
  if (!m) return { ...base, status: "missing", lagMs: undefined, reason: `the mirror holds none of the ${primary.length} backups` };
  if (mirrorKeys.has(p.key)) {
    const extra = missingKeys.length ? `; ${missingKeys.length} older object(s) not mirrored` : "";
    return { ...base, status: "in-sync", lagMs: 0, reason: `the mirror holds the newest backup${extra}` };
  }
  const lag = Math.max(0, p.takenAt.getTime() - m.takenAt.getTime());
  return {
    ...base,
    status: "lagging",
    lagMs: lag,
    reason: `the mirror's newest backup is ${humanDuration(lag)} behind; ${missingKeys.length} object(s) not mirrored`,
  };
}
