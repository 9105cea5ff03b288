import Link from "next/link";
import { NodeActions } from "@/components/actions";
import { NodeDetail } from "@/components/cluster/node-detail";
import { PageHeader } from "@/components/ui/card";
import { HydrateClient, prefetch, trpc } from "@/server/api/server";

export const metadata = { title: "Node" };

export default async function NodePage({ params }: { params: Promise<{ cluster: string; name: string }> }) {
  const p = await params;
  const cluster = decodeURIComponent(p.cluster);
  const name = decodeURIComponent(p.name);
  prefetch(trpc.cluster.node.queryOptions({ cluster, name }));
  return (
    <HydrateClient>
      <PageHeader title={`Node ${name}`} description={<Link href={`/nodes?cluster=${encodeURIComponent(cluster)}`} className="text-accent">← Nodes of {cluster}</Link>} actions={<NodeActions cluster={cluster} node={name} />} />
      <NodeDetail cluster={cluster} name={name} />
    </HydrateClient>
  );
}
