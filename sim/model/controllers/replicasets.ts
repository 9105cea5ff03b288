/** The ReplicaSet controller: keeps each ReplicaSet's pod count at spec.replicas and reports status. */
import type { ClusterModel } from "../cluster";
import { makePod } from "../pods";
import type { K8sObject } from "../store";
import { snapshot, deletePod, ownerIndex, podActive, podReady } from "./common";

export function replicaSets(c: ClusterModel, _now: number): void {
  const pods = ownerIndex(c, "pods");
  for (const rs of c.store.objects("replicasets")) {
    const before = snapshot(rs);
    const owned = (pods.get(rs.metadata.uid!) ?? []).filter(podActive);
    const want = Number(rs.spec.replicas ?? 1);
    if (owned.length < want) {
      for (let i = owned.length; i < want; i++) {
        const dep = rs.metadata.ownerReferences?.[0];
        const pod = makePod(c, rs.metadata.namespace!, `${rs.metadata.name}-${c.suffix(5)}`, rs.spec.template, {
          ref: { apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid! },
          workload: dep?.name ?? rs.metadata.name,
          workloadKind: dep ? "Deployment" : "Pod",
        });
        owned.push(pod);
        c.event(rs, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`, { component: "replicaset-controller" });
      }
    } else if (owned.length > want) {
      // delete unscheduled, then not-ready, then the newest first — as the real controller ranks them
      const ranked = [...owned].sort((a, b) => rank(a) - rank(b) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)));
      for (const p of ranked.slice(0, owned.length - want)) {
        deletePod(c, p);
        c.event(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, { component: "replicaset-controller" });
      }
    }
    const live = (pods.get(rs.metadata.uid!) ?? []).filter(podActive);
    const current = live.length > want ? want : live.length;
    const ready = live.filter(podReady).length;
    rs.status = {
      replicas: Math.max(current, Math.min(live.length, want)),
      fullyLabeledReplicas: Math.min(live.length, want),
      readyReplicas: Math.min(ready, want) || undefined,
      availableReplicas: Math.min(ready, want) || undefined,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (!rs.status.readyReplicas) delete rs.status.readyReplicas;
    if (!rs.status.availableReplicas) delete rs.status.availableReplicas;
    if (rs.status.fullyLabeledReplicas === 0) delete rs.status.fullyLabeledReplicas;
    if (snapshot(rs) !== before) c.store.put("replicasets", rs);
  }
}

function rank(p: K8sObject): number {
  if (!p.spec.nodeName) return 0;
  if (p.status?.phase === "Pending") return 1;
  if (!podReady(p)) return 2;
  return 3;
}
