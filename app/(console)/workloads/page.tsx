import { WorkloadsTable } from "@/components/cluster/workloads-table";
import { PageHeader } from "@/components/ui/card";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Workloads" };

export default function WorkloadsPage() {
  prefetch(trpc.cluster.workloads.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Workloads" description="Deployments, StatefulSets and CronJobs: health, replicas, autoscaler, images, revision and last change." />
      <WorkloadsTable />
    </HydrateClient>
  );
}
