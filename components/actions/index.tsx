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

export async function NodeActions(p: { cluster: string; node: string; unschedulable?: boolean }) {
  if (!(await principalHas("operator"))) return null;
  const cached = getClusterRegistry().get(p.cluster)?.cache.objects().nodes.find((n) => n.name === p.node);
  return <CordonButton {...clusterProps(p.cluster)} node={p.node} unschedulable={p.unschedulable ?? cached?.unschedulable ?? false} />;
}

export async function CronJobActions(p: { cluster: string; namespace: string; name: string; suspended: boolean; runLabel?: string }) {
  if (!(await principalHas("operator"))) return null;
  return <CronJobActionsPanel {...clusterProps(p.cluster)} namespace={p.namespace} name={p.name} suspended={p.suspended} runLabel={p.runLabel} />;
}

/** Where a CronJob runs: production clusters first (the nightly backups run on production). */
function findCronJob(name: string) {
  const clusters = [...getClusterRegistry().clusters].sort((a, b) => Number(b.production) - Number(a.production));
  for (const c of clusters) {
    const cj = c.cache.objects().cronJobs.find((x) => x.name === name);
    if (cj) return { cluster: c.name, namespace: cj.namespace, suspended: cj.suspend };
  }
  return undefined;
}

/** The Backups page's buttons: Postgres backup now, restore test now, Qdrant snapshot now. */
export async function BackupActions() {
  if (!(await principalHas("operator"))) return null;
  const backup = findCronJob("backup-postgres");
  const restore = findCronJob("restore-test");
  return (
    <div className="flex flex-wrap items-start gap-3" data-testid="backup-actions">
      {backup && <CronJobActionsPanel {...clusterProps(backup.cluster)} namespace={backup.namespace} name="backup-postgres" suspended={backup.suspended} runLabel="Backup now" />}
      {restore && <CronJobActionsPanel {...clusterProps(restore.cluster)} namespace={restore.namespace} name="restore-test" suspended={restore.suspended} runLabel="Run restore test now" />}
      <QdrantSnapshotButton />
    </div>
  );
}

export async function QdrantSnapshotAction() {
  if (!(await principalHas("operator"))) return null;
  return <QdrantSnapshotButton />;
}
