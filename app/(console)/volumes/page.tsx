import { VolumesTable } from "@/components/cluster/volumes-table";
import { PageHeader } from "@/components/ui/card";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Volumes" };

export default function VolumesPage() {
  prefetch(trpc.cluster.volumes.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Volumes" description="Persistent volume claims with capacity, storage class, bound volume and usage; over the disk threshold the seed says: scale volume." />
      <VolumesTable />
    </HydrateClient>
  );
}
