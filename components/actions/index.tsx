import { getClusterRegistry } from "@/server/adapters/kubernetes/registry";
import { principalHas } from "@/server/auth/session";
import { CronJobActionsPanel } from "./cronjob-actions";
import { PromoteButton } from "./promote-button";
import { QdrantSnapshotButton } from "./qdrant-snapshot-button";
import { CordonButton, DeletePodButton } from "./simple-actions";
import { WorkloadActionsPanel } from "./workload-actions";

/**
 * Server-side gates for the action buttons: rendered only for operators and admins (a viewer's page
 * carries no write control at all), with the cluster's display name and production flag from the
 * registry. Pages drop these into their detail views.
 */
function clusterProps(cluster: string) {
  const c = getClusterRegistry().get(cluster);
  return { cluster, clusterName: c?.displayName ?? cluster, production: c?.production ?? false };
}

export async function WorkloadActions(p: { cluster: string; namespace: string; kind: "Deployment" | "StatefulSet"; name: string }) {
  if (!(await principalHas("operator"))) return null;
  const c = clusterProps(p.cluster);
  const promotable = p.kind === "Deployment" && c.production && getClusterRegistry().clusters.some((x) => x.name.includes("staging"));
  return (
    <div className="space-y-3">
      <WorkloadActionsPanel {...c} namespace={p.namespace} kind={p.kind} name={p.name} />
      {promotable && <PromoteButton namespace={p.namespace} name={p.name} production={c} />}
    </div>
  );
}

export async function PodActions(p: { cluster: string; namespace: string; name: string }) {
  if (!(await principalHas("operator"))) return null;
  return <DeletePodButton {...clusterProps(p.cluster)} namespace={p.namespace} name={p.name} />;
}

export async function NodeActions(p: { cluster: string; node: string; unschedulable: boolean }) {
  if (!(await principalHas("operator"))) return null;
  return <CordonButton {...clusterProps(p.cluster)} node={p.node} unschedulable={p.unschedulable} />;
}

export async function CronJobActions(p: { cluster: string; namespace: string; name: string; suspended: boolean; runLabel?: string }) {
  if (!(await principalHas("operator"))) return null;
  return <CronJobActionsPanel {...clusterProps(p.cluster)} namespace={p.namespace} name={p.name} suspended={p.suspended} runLabel={p.runLabel} />;
}

export async function QdrantSnapshotAction() {
  if (!(await principalHas("operator"))) return null;
  return <QdrantSnapshotButton />;
}
