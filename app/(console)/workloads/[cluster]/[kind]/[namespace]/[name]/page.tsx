import Link from "next/link";
import { notFound } from "next/navigation";
import { WorkloadDetail } from "@/components/cluster/workload-detail";
import { PageHeader } from "@/components/ui/card";
import { workloadKindFromSegment } from "@/lib/domain/kube/links";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Workload" };

export default async function WorkloadPage({ params }: { params: Promise<{ cluster: string; kind: string; namespace: string; name: string }> }) {
  const p = await params;
  const kind = workloadKindFromSegment(p.kind);
  if (!kind) notFound();
  const [cluster, namespace, name] = [p.cluster, p.namespace, p.name].map(decodeURIComponent) as [string, string, string];
  prefetch(trpc.cluster.workload.queryOptions({ cluster, kind, namespace, name }));
  return (
    <HydrateClient>
      <PageHeader title={`${kind} ${namespace}/${name}`} description={<Link href={`/workloads?cluster=${encodeURIComponent(cluster)}`} className="text-accent">← Workloads of {cluster}</Link>} />
      <WorkloadDetail cluster={cluster} kind={kind} namespace={namespace} name={name} />
    </HydrateClient>
  );
}
