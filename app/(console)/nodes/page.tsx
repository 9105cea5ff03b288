import { NodesTable } from "@/components/cluster/nodes-table";
import { PageHeader } from "@/components/ui/card";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Nodes" };

export default function NodesPage() {
  prefetch(trpc.cluster.nodes.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Nodes" description="Every node of every cluster, with its conditions. Edge nodes are grouped by site (grio.io/site). Click a header to sort." />
      <NodesTable />
    </HydrateClient>
  );
}
