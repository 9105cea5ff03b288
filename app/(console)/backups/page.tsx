import { BackupActions } from "@/components/actions";
import { BackupsView } from "@/components/backups/backups-view";
import { PageHeader } from "@/components/ui/card";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Backups" };
export const dynamic = "force-dynamic";

export default function BackupsPage() {
  prefetch(trpc.backups.report.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Backups"
        description="PostgreSQL dumps and Qdrant snapshots in MinIO: age against the RPO, retention, missed days, size anomalies, the backup CronJobs, restore tests and the mirror."
      />
      <div className="mb-4">
        <BackupActions />
      </div>
      <BackupsView />
    </HydrateClient>
  );
}
