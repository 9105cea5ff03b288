/**
 * The StatefulSet controller: ordered pods <name>-<ordinal>, a ControllerRevision per template, rolling
 * updates from the highest ordinal down, PVCs from volumeClaimTemplates, and status with revisions.
 */
import type { ClusterModel } from "../cluster";
import { iso } from "../cluster";
import { makePod } from "../pods";
import { fnv, safeString, type K8sObject } from "../store";
import { snapshot, deletePod, ownerIndex, ownerRef, podActive, podReady, templateKey } from "./common";

/* eslint-disable @typescript-eslint/no-explicit-any */

export function revisionData(template: any) {
  return { spec: { template: { ...JSON.parse(JSON.stringify(template)), $patch: "replace" } } };
}

export function statefulSets(c: ClusterModel, now: number): void {
  const revsByOwner = ownerIndex(c, "controllerrevisions");
  const podsByOwner = ownerIndex(c, "pods");
  for (const s of c.store.objects("statefulsets")) {
    const before = snapshot(s);
    const revs = revsByOwner.get(s.metadata.uid!) ?? [];
    const key = templateKey(s.spec.template);
    let rev = revs.find((r) => templateKey(stripPatch((r.data as any)?.spec?.template ?? {})) === key);
    const maxRev = revs.reduce((m, r) => Math.max(m, Number(r.revision ?? 0)), 0);
    if (!rev) {
      const hash = safeString(fnv(key), 10);
      rev = {
        apiVersion: "apps/v1",
        kind: "ControllerRevision",
        metadata: {
          name: `${s.metadata.name}-${hash}`,
          namespace: s.metadata.namespace,
          creationTimestamp: iso(now),
          labels: { ...(s.spec.template.metadata?.labels ?? {}), "controller.kubernetes.io/hash": hash },
          ownerReferences: [ownerRef(s)],
        },
        data: revisionData(s.spec.template),
        revision: maxRev + 1,
      };
      c.store.put("controllerrevisions", rev);
    } else if (Number(rev.revision) < maxRev) {
      rev.revision = maxRev + 1;
      c.store.put("controllerrevisions", rev);
    }
    const updateRevision = rev.metadata.name;
    const replicas = Number(s.spec.replicas ?? 1);
    const pods = (podsByOwner.get(s.metadata.uid!) ?? []).filter(podActive);
    const byOrdinal = new Map(pods.map((p) => [Number(p.metadata.name.slice(s.metadata.name.length + 1)), p]));
    // scale down from the highest ordinal
    for (const [ord, p] of byOrdinal) if (ord >= replicas) deletePod(c, p);
    // create missing ordinals in order, each after the previous is ready (OrderedReady)
    for (let i = 0; i < replicas; i++) {
      const p = byOrdinal.get(i);
      if (p) {
        if (!podReady(p) && s.spec.podManagementPolicy !== "Parallel") break;
        continue;
      }
      if (!c.store.get("pods", s.metadata.namespace, `${s.metadata.name}-${i}`)) createPod(c, s, i, rev);
      break;
    }
    // rolling update: replace the highest-ordinal pod not at the update revision, once all are ready
    const stale = [...byOrdinal].filter(([o, p]) => o < replicas && p.metadata.labels?.["controller-revision-hash"] !== updateRevision).sort((a, b) => b[0] - a[0]);
    if (s.spec.updateStrategy?.type !== "OnDelete" && stale.length && [...byOrdinal.values()].every(podReady)) {
      deletePod(c, stale[0]![1]);
    }
    const live = [...byOrdinal].filter(([o]) => o < replicas).map(([, p]) => p);
    const updated = live.filter((p) => p.metadata.labels?.["controller-revision-hash"] === updateRevision).length;
    const ready = live.filter(podReady).length;
    const currentRevision = stale.length === 0 ? updateRevision : (s.status?.currentRevision ?? updateRevision);
    s.status = {
      observedGeneration: s.metadata.generation ?? 1,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: stale.length === 0 ? live.length : live.length - updated,
      updatedReplicas: updated,
      currentRevision,
      updateRevision,
      collisionCount: 0,
      availableReplicas: ready,
    };
    if (snapshot(s) !== before) c.store.put("statefulsets", s);
    trim(c, s, revs, currentRevision, updateRevision);
  }
}

function stripPatch(t: any): any {
  const c = { ...t };
  delete c.$patch;
  return c;
}

function createPod(c: ClusterModel, s: K8sObject, i: number, rev: K8sObject): void {
  const name = `${s.metadata.name}-${i}`;
  const template = JSON.parse(JSON.stringify(s.spec.template));
  for (const vct of (s.spec.volumeClaimTemplates ?? []) as any[]) {
    const claim = `${vct.metadata.name}-${name}`;
    template.spec.volumes = [...(template.spec.volumes ?? []), { name: vct.metadata.name, persistentVolumeClaim: { claimName: claim } }];
    if (!c.store.get("persistentvolumeclaims", s.metadata.namespace, claim)) c.store.put("persistentvolumeclaims", makePvc(c, s.metadata.namespace!, claim, vct, s.spec.selector?.matchLabels));
  }
  template.spec.hostname = name;
  template.spec.subdomain = s.spec.serviceName;
  makePod(c, s.metadata.namespace!, name, template, { ref: { apiVersion: "apps/v1", kind: "StatefulSet", name: s.metadata.name, uid: s.metadata.uid! }, workload: s.metadata.name, workloadKind: "StatefulSet" }, {
    "controller-revision-hash": rev.metadata.name,
    "statefulset.kubernetes.io/pod-name": name,
    "apps.kubernetes.io/pod-index": String(i),
  });
  c.event(s, "Normal", "SuccessfulCreate", `create Pod ${name} in StatefulSet ${s.metadata.name} successful`, { component: "statefulset-controller" });
}

export function makePvc(c: ClusterModel, ns: string, name: string, vct: any, labels: Record<string, string> | undefined): K8sObject {
  const size = vct.spec?.resources?.requests?.storage ?? "10Gi";
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: {
      name,
      namespace: ns,
      creationTimestamp: iso(c.now()),
      labels: { ...(labels ?? {}) },
      annotations: {
        "pv.kubernetes.io/bind-completed": "yes",
        "pv.kubernetes.io/bound-by-controller": "yes",
        "volume.beta.kubernetes.io/storage-provisioner": "rancher.io/local-path",
        "volume.kubernetes.io/storage-provisioner": "rancher.io/local-path",
      },
      finalizers: ["kubernetes.io/pvc-protection"],
    },
    spec: { accessModes: vct.spec?.accessModes ?? ["ReadWriteOnce"], resources: { requests: { storage: size } }, storageClassName: vct.spec?.storageClassName ?? "local-path", volumeMode: "Filesystem", volumeName: `pvc-${c.store.newUid()}` },
    status: { accessModes: vct.spec?.accessModes ?? ["ReadWriteOnce"], capacity: { storage: size }, phase: "Bound" },
  };
}

function trim(c: ClusterModel, s: K8sObject, revs: K8sObject[], current: string, update: string): void {
  const limit = Number(s.spec.revisionHistoryLimit ?? 10);
  const old = revs.filter((r) => r.metadata.name !== current && r.metadata.name !== update).sort((a, b) => Number(a.revision) - Number(b.revision));
  for (const r of old.slice(0, Math.max(0, old.length - limit))) c.store.remove("controllerrevisions", r.metadata.namespace, r.metadata.name);
}
