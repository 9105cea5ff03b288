import { EdgeView } from "@/components/edge/edge-view";
import { PageHeader } from "@/components/ui/card";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Edge sites" };
export const dynamic = "force-dynamic";

export default function EdgePage() {
  prefetch(trpc.edge.fleet.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Edge sites"
        description="School and district servers: curriculum sync freshness against each site's policy, time since the last heartbeat, queued offline changes, versions, disk, and their K3s node."
      />
      <EdgeView />
    </HydrateClient>
  );
}
