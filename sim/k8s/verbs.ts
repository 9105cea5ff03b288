/** The Kubernetes side's scenario verbs, registered on the control API. */
import type { ControlRegistry } from "../control";
import type { Estate } from "../model/estate";
import { rulesFromYaml, type PolicyRule, type TokenRegistry } from "./rbac";
import type { K8sApiServer } from "./server";

export interface K8sControl {
  crashPod(cluster: string, namespace: string, pod: string): void;
  crashWorkload(cluster: string, namespace: string, workload: string): void;
  healWorkload(cluster: string, namespace: string, workload: string): void;
  /** close every open watch of a cluster (clients re-watch from their last resourceVersion) */
  dropWatches(cluster: string): void;
  /** forget the cluster's watch history and close watches: re-watching from an old resourceVersion gets 410 Expired */
  expireWatches(cluster: string): void;
  /** the cluster's Kubernetes API: "ok" | "slow" (ms) | "5xx" (status) | "hang" | "down" */
  setK8sApi(cluster: string, mode: "ok" | "slow" | "5xx" | "hang" | "down", value?: number): Promise<void>;
  breakNode(cluster: string, node: string): void;
  healNode(cluster: string, node: string): void;
  setNodeDisk(cluster: string, node: string, usedFraction: number): void;
  /** the next backup-postgres job fails (the data side's job hooks refuse it) */
  failNextBackup(): void;
  setServiceDown(name: string, down: boolean): void;
  /** a bearer token for a user with the rules of a ClusterRole YAML (or explicit rules, or none = nothing allowed) */
  addToken(token: string, opts?: { cluster?: string; user?: string; clusterRoleYaml?: string; roleName?: string; rules?: PolicyRule[] }): void;
}

export function k8sControl(estate: Estate, apis: Map<string, K8sApiServer>, tokens: Map<string, TokenRegistry>): K8sControl {
  const api = (cluster: string) => {
    const a = apis.get(cluster);
    if (!a) throw new Error(`no cluster named ${cluster}`);
    return a;
  };
  return {
    crashPod: (cluster, ns, pod) => estate.crashPod(cluster, ns, pod),
    crashWorkload: (cluster, ns, w) => estate.crashWorkload(cluster, ns, w),
    healWorkload: (cluster, ns, w) => estate.healWorkload(cluster, ns, w),
    dropWatches: (cluster) => api(cluster).watches.dropAll(),
    expireWatches: (cluster) => {
      estate.cluster(cluster).store.compact();
      api(cluster).watches.dropAll();
    },
    async setK8sApi(cluster, mode, value) {
      const a = api(cluster);
      await a.heal();
      if (mode === "slow") a.faults.slowMs = value ?? 3000;
      else if (mode === "5xx") a.faults.errorStatus = value ?? 503;
      else if (mode === "hang") a.faults.hang = true;
      else if (mode === "down") await a.setDown(true);
    },
    breakNode: (cluster, node) => estate.breakNode(cluster, node),
    healNode: (cluster, node) => estate.healNode(cluster, node),
    setNodeDisk: (cluster, node, f) => estate.setNodeDisk(cluster, node, f),
    failNextBackup: () => {
      throw new Error("failNextBackup is provided by the data plane");
    },
    setServiceDown: (name, down) => estate.setServiceDown(name, down),
    addToken(token, opts = {}) {
      const rules = opts.clusterRoleYaml ? rulesFromYaml(opts.clusterRoleYaml, opts.roleName) : (opts.rules ?? []);
      const targets = opts.cluster ? [opts.cluster] : [...tokens.keys()];
      for (const c of targets) tokens.get(c)?.add(token, { user: opts.user ?? `system:serviceaccount:grio:${token.slice(0, 12)}`, groups: ["system:authenticated"], rules });
    },
  };
}

export function registerK8sVerbs(reg: ControlRegistry, k: K8sControl): void {
  const s = (v: unknown) => String(v);
  reg.register("crashPod", "a fresh crash loop in one pod", ["cluster", "namespace?", "pod"], (a) => k.crashPod(s(a.cluster), s(a.namespace ?? "grio"), s(a.pod)));
  reg.register("crashWorkload", "every pod of a workload crash-loops", ["cluster", "namespace?", "workload"], (a) => k.crashWorkload(s(a.cluster), s(a.namespace ?? "grio"), s(a.workload)));
  reg.register("healWorkload", "stop a workload's crash loop", ["cluster", "namespace?", "workload"], (a) => k.healWorkload(s(a.cluster), s(a.namespace ?? "grio"), s(a.workload)));
  reg.register("dropWatches", "close every open watch of a cluster", ["cluster"], (a) => k.dropWatches(s(a.cluster)));
  reg.register("expireWatches", "close watches and make old resourceVersions 410 Expired", ["cluster"], (a) => k.expireWatches(s(a.cluster)));
  reg.register("setK8sApi", "the Kubernetes API of a cluster: ok | slow (value ms) | 5xx (value status) | hang | down", ["cluster", "mode", "value?"], (a) =>
    k.setK8sApi(s(a.cluster), s(a.mode) as "ok", a.value === undefined ? undefined : Number(a.value)),
  );
  reg.register("breakNode", "a node stops reporting (Ready=Unknown)", ["cluster", "node"], (a) => k.breakNode(s(a.cluster), s(a.node)));
  reg.register("healNode", "a broken node reports again", ["cluster", "node"], (a) => k.healNode(s(a.cluster), s(a.node)));
  reg.register("setNodeDisk", "set a node's disk use (0..1)", ["cluster", "node", "usedFraction"], (a) => k.setNodeDisk(s(a.cluster), s(a.node), Number(a.usedFraction)));
  reg.register("setServiceDown", "force a platform service's health endpoint down (or up)", ["name", "down"], (a) => k.setServiceDown(s(a.name), a.down === true || a.down === "true"));
  reg.register("addToken", "a bearer token with the rules of a ClusterRole YAML", ["token", "cluster?", "user?", "clusterRoleYaml?", "roleName?", "rules?"], (a) =>
    k.addToken(s(a.token), {
      cluster: a.cluster === undefined ? undefined : s(a.cluster),
      user: a.user === undefined ? undefined : s(a.user),
      clusterRoleYaml: a.clusterRoleYaml === undefined ? undefined : s(a.clusterRoleYaml),
      roleName: a.roleName === undefined ? undefined : s(a.roleName),
      rules: a.rules as PolicyRule[] | undefined,
    }),
  );
}
