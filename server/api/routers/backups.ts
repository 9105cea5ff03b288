import { createTRPCRouter, viewerProcedure } from "@/server/api/trpc";
import { backupsReport, type BackupsReport } from "@/server/services/backups";
import { backupCronJobSource } from "@/server/services/edge-backup-k8s";

/** S3 listings are not free: every viewer within 15 s shares one report. */
let cached: { at: number; report: Promise<BackupsReport> } | undefined;
function sharedReport(): Promise<BackupsReport> {
  const now = Date.now();
  if (!cached || now - cached.at > 15_000) {
    const report = backupsReport(backupCronJobSource());
    cached = { at: now, report };
    report.catch(() => {
      if (cached?.report === report) cached = undefined;
    });
  }
  return cached.report;
}

export const backupsRouter = createTRPCRouter({
  report: viewerProcedure.query(() => sharedReport()),
  summary: viewerProcedure.query(async () => {
    const r = await sharedReport();
    return {
      worst: r.worst,
      streams: (r.streams ?? []).map((s) => ({ stream: s.stream, status: s.status, reason: s.reason, newestAt: s.newest?.takenAt })),
      restore: r.restore?.status,
      errors: r.errors,
    };
  }),
});
