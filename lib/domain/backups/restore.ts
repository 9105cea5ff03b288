import { humanDuration } from "../humanize";

/** The seed requires a weekly restore test; a verification older than 8 days is stale. */
export const RESTORE_STALE_AFTER_MS = 8 * 86_400_000;

export type RestoreVerification = {
  status: "ok" | "stale" | "never";
  lastVerifiedAt: Date | undefined;
  ageMs: number | undefined;
  reason: string;
};

/** "Last verified restore" from the restore-test CronJob's last successful run. Exactly 8 days is still ok. */
export function restoreVerification(lastSuccessfulAt: Date | undefined, now: Date): RestoreVerification {
  if (!lastSuccessfulAt) {
    return { status: "never", lastVerifiedAt: undefined, ageMs: undefined, reason: "no restore test has ever succeeded" };
  }
  const age = Math.max(0, now.getTime() - lastSuccessfulAt.getTime());
  if (age > RESTORE_STALE_AFTER_MS) {
    return { status: "stale", lastVerifiedAt: lastSuccessfulAt, ageMs: age, reason: `last verified restore was ${humanDuration(age)} ago, more than 8 days` };
  }
  return { status: "ok", lastVerifiedAt: lastSuccessfulAt, ageMs: age, reason: `last verified restore was ${humanDuration(age)} ago` };
}
