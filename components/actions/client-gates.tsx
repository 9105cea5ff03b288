"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { CronJobActionsPanel } from "./cronjob-actions";
import { PromoteButton } from "./promote-button";
import { QdrantSnapshotButton } from "./qdrant-snapshot-button";
import { CordonButton, DeletePodButton } from "./simple-actions";
import { WorkloadActionsPanel } from "./workload-actions";

/**
 * Client-side gates for pages that are client components: nothing renders until the signed-in role
 * is known to be operator or admin (the server enforces it again on every call), so a viewer's page
 * carries no write control.
 */
export function useCanAct(): boolean {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.me.get.queryOptions(), staleTime: 60_000 });
  return me.data?.role === "operator" || me.data?.role === "admin";
}

function useClusterTarget(cluster: string, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.actions.clusterTarget.queryOptions({ cluster }), enabled, staleTime: 60_000 });
}

export function ActionsForWorkload(p: { cluster: string; namespace: string; kind: "Deployment" | "StatefulSet" | "CronJob"; name: string }) {
  const can = useCanAct();
  const trpc = useTRPC();
  const target = useClusterTarget(p.cluster, can);
  const cj = useQuery({ ...trpc.actions.cronJobInfo.queryOptions({ cluster: p.cluster, namespace: p.namespace, name: p.name }), enabled: can && p.kind === "CronJob" });
  const t = target.data;
  if (!can || !t) return null;
  const c = { cluster: p.cluster, clusterName: t.displayName, production: t.production };
  if (p.kind === "CronJob") {
    if (!cj.data) return null;
    const runLabel = p.name === "backup-postgres" ? "Backup now" : p.name === "restore-test" ? "Run restore test now" : undefined;
    return <CronJobActionsPanel {...c} namespace={p.namespace} name={p.name} suspended={cj.data.suspended} runLabel={runLabel} />;
  }
  return (
    <div className="space-y-3">
      <WorkloadActionsPanel {...c} namespace={p.namespace} kind={p.kind} name={p.name} />
      {p.kind === "Deployment" && t.promotable && <PromoteButton namespace={p.namespace} name={p.name} production={c} />}
    </div>
  );
}

export function ActionsForPod(p: { cluster: string; namespace: string; name: string }) {
  const can = useCanAct();
  const t = useClusterTarget(p.cluster, can).data;
  if (!can || !t) return null;
  return <DeletePodButton cluster={p.cluster} clusterName={t.displayName} production={t.production} namespace={p.namespace} name={p.name} />;
}

export function ActionsForNode(p: { cluster: string; node: string; unschedulable: boolean }) {
  const can = useCanAct();
  const t = useClusterTarget(p.cluster, can).data;
  if (!can || !t) return null;
  return <CordonButton cluster={p.cluster} clusterName={t.displayName} production={t.production} node={p.node} unschedulable={p.unschedulable} />;
}

export function ActionsForQdrant() {
  return useCanAct() ? <QdrantSnapshotButton /> : null;
}
