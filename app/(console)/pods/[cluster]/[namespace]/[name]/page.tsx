import Link from "next/link";
import { PodActions } from "@/components/actions";
import { PodDetail } from "@/components/cluster/pod-detail";
import { PageHeader } from "@/components/ui/card";
import { hasRole } from "@/server/auth/principal";
import { requirePrincipal } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Pod" };

export default async function PodPage({ params }: { params: Promise<{ cluster: string; namespace: string; name: string }> }) {
  const p = await params;
  const [cluster, namespace, name] = [p.cluster, p.namespace, p.name].map(decodeURIComponent) as [string, string, string];
  const principal = await requirePrincipal();
  prefetch(trpc.cluster.pod.queryOptions({ cluster, namespace, name }));
  return (
    <HydrateClient>
      <PageHeader title={`Pod ${namespace}/${name}`} description={<Link href={`/pods?cluster=${encodeURIComponent(cluster)}&namespace=${encodeURIComponent(namespace)}`} className="text-accent">← Pods of {namespace} in {cluster}</Link>} actions={<PodActions cluster={cluster} namespace={namespace} name={name} />} />
      <PodDetail cluster={cluster} namespace={namespace} name={name} canSeeLogs={hasRole(principal, "operator")} />
    </HydrateClient>
  );
}
