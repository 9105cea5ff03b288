/** The resources the simulated API server serves, as discovery describes them. */

export interface ResourceDef {
  group: string; // "" = core
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  subresources?: Array<{ name: string; kind: string; verbs: string[] }>;
}

const RW = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export const RESOURCES: ResourceDef[] = [
  { group: "", version: "v1", plural: "namespaces", singular: "namespace", kind: "Namespace", namespaced: false, shortNames: ["ns"], verbs: ["create", "delete", "get", "list", "patch", "update", "watch"] },
  { group: "", version: "v1", plural: "nodes", singular: "node", kind: "Node", namespaced: false, shortNames: ["no"], verbs: RW, subresources: [{ name: "status", kind: "Node", verbs: ["get", "patch", "update"] }] },
  {
    group: "", version: "v1", plural: "pods", singular: "pod", kind: "Pod", namespaced: true, shortNames: ["po"], categories: ["all"], verbs: RW,
    subresources: [
      { name: "log", kind: "Pod", verbs: ["get"] },
      { name: "status", kind: "Pod", verbs: ["get", "patch", "update"] },
    ],
  },
  { group: "", version: "v1", plural: "events", singular: "event", kind: "Event", namespaced: true, shortNames: ["ev"], verbs: RW },
  { group: "", version: "v1", plural: "persistentvolumeclaims", singular: "persistentvolumeclaim", kind: "PersistentVolumeClaim", namespaced: true, shortNames: ["pvc"], verbs: RW },
  {
    group: "apps", version: "v1", plural: "deployments", singular: "deployment", kind: "Deployment", namespaced: true, shortNames: ["deploy"], categories: ["all"], verbs: RW,
    subresources: [
      { name: "scale", kind: "Scale", verbs: ["get", "patch", "update"] },
      { name: "status", kind: "Deployment", verbs: ["get", "patch", "update"] },
    ],
  },
  { group: "apps", version: "v1", plural: "replicasets", singular: "replicaset", kind: "ReplicaSet", namespaced: true, shortNames: ["rs"], categories: ["all"], verbs: RW, subresources: [{ name: "scale", kind: "Scale", verbs: ["get", "patch", "update"] }] },
  {
    group: "apps", version: "v1", plural: "statefulsets", singular: "statefulset", kind: "StatefulSet", namespaced: true, shortNames: ["sts"], categories: ["all"], verbs: RW,
    subresources: [{ name: "scale", kind: "Scale", verbs: ["get", "patch", "update"] }],
  },
  { group: "apps", version: "v1", plural: "controllerrevisions", singular: "controllerrevision", kind: "ControllerRevision", namespaced: true, verbs: RW },
  { group: "batch", version: "v1", plural: "cronjobs", singular: "cronjob", kind: "CronJob", namespaced: true, shortNames: ["cj"], categories: ["all"], verbs: RW },
  { group: "batch", version: "v1", plural: "jobs", singular: "job", kind: "Job", namespaced: true, categories: ["all"], verbs: RW },
  { group: "autoscaling", version: "v2", plural: "horizontalpodautoscalers", singular: "horizontalpodautoscaler", kind: "HorizontalPodAutoscaler", namespaced: true, shortNames: ["hpa"], categories: ["all"], verbs: RW },
];

export function findResource(group: string, version: string, plural: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function resourceByKind(kind: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

export function apiVersionOf(r: ResourceDef): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** "deployments.apps", "pods" — the qualified resource name in Status messages. */
export function qualified(r: ResourceDef): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export function apiGroups(): Array<{ name: string; version: string }> {
  const seen = new Map<string, string>();
  for (const r of RESOURCES) if (r.group && !seen.has(r.group)) seen.set(r.group, r.version);
  return [...seen].map(([name, version]) => ({ name, version }));
}

function resourceList(r: ResourceDef) {
  const out: object[] = [
    {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
      storageVersionHash: Buffer.from(r.kind).toString("base64").slice(0, 11),
    },
  ];
  for (const s of r.subresources ?? []) {
    out.push({ name: `${r.plural}/${s.name}`, singularName: "", namespaced: r.namespaced, ...(s.kind === "Scale" ? { group: "autoscaling", version: "v1" } : {}), kind: s.kind, verbs: s.verbs });
  }
  return out;
}

export function discoveryApiVersions(serverAddress: string) {
  return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] };
}

export function discoveryGroupList() {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: apiGroups().map((g) => groupObject(g.name, g.version)),
  };
}

function groupObject(name: string, version: string) {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [gv], preferredVersion: gv };
}

export function discoveryGroup(name: string) {
  const g = apiGroups().find((x) => x.name === name);
  return g ? { kind: "APIGroup", apiVersion: "v1", ...groupObject(g.name, g.version) } : undefined;
}

export function discoveryResourceList(group: string, version: string) {
  const rs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) return undefined;
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/${version}` : version, resources: rs.flatMap(resourceList) };
}
