import { PodsTable } from "@/components/cluster/pods-table";
import { podFilterFromParams } from "@/lib/domain/kube/pod-filter";
import { PageHeader } from "@/components/ui/card";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Pods" };

export default async function PodsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const input = podFilterFromParams((k) => { const v = sp[k]; return Array.isArray(v) ? v[0] : v; });
  prefetch(trpc.cluster.pods.queryOptions(input));
  return (
    <HydrateClient>
      <PageHeader title="Pods" description="Pods of every cluster, the unwell first. Filter by cluster, namespace, status, node or workload; the filters stay in the URL." />
      <PodsTable />
    </HydrateClient>
  );
}
