import { createTRPCRouter, viewerProcedure } from "@/server/api/trpc";
import { sharedBackupsReport } from "@/server/services/backups";
import { backupCronJobSource } from "@/server/services/edge-backup-k8s";

export const backupsRouter = createTRPCRouter({
  report: viewerProcedure.query(() => sharedBackupsReport(backupCronJobSource())),
  summary: viewerProcedure.query(async () => {
    const r = await sharedBackupsReport(backupCronJobSource());
    return {
      worst: r.worst,
      streams: (r.streams ?? []).map((s) => ({ stream: s.stream, status: s.status, reason: s.reason, newestAt: s.newest?.takenAt })),
      restore: r.restore?.status,
      errors: r.errors,
    };
  }),
});
