import { ClusterOverview } from "@/components/cluster/overview";
import { OverviewSections } from "@/components/overview/overview-sections";
import { PageHeader } from "@/components/ui/card";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Overview" };

export default function OverviewPage() {
  prefetch(trpc.cluster.overview.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Overview" description="Every cluster's state, what is wrong now (most urgent first) and what changed in the last 24 hours. Updates live." />
      <div className="space-y-4">
        <ClusterOverview />
        <OverviewSections />
      </div>
    </HydrateClient>
  );
}
