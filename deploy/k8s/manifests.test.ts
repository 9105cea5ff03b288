/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML is walked loosely; every shape is asserted */
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { envSchema, parseEnv } from "@/server/config";
import { kustomize, type K8sObject, type PolicyRule } from "./render";

const OVERLAYS = ["hetzner-prod", "ministry-onprem"] as const;
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, kustomize(`deploy/k8s/overlays/${o}`)])) as Record<
  (typeof OVERLAYS)[number],
  K8sObject[]
>;

const API_VERSIONS: Record<string, string> = {
  Namespace: "v1",
  ServiceAccount: "v1",
  ClusterRole: "rbac.authorization.k8s.io/v1",
  ClusterRoleBinding: "rbac.authorization.k8s.io/v1",
  ConfigMap: "v1",
  Deployment: "apps/v1",
  PodDisruptionBudget: "policy/v1",
  Service: "v1",
  Ingress: "networking.k8s.io/v1",
  NetworkPolicy: "networking.k8s.io/v1",
  // K3s ships Traefik v2: ipWhiteList in traefik.containo.us (v3 renamed it ipAllowList)
  Middleware: "traefik.containo.us/v1alpha1",
};

/** Exactly the access the console needs: resource (group/resource) → verbs. */
const EXPECTED_ACCESS: Record<string, string[]> = {
  "/nodes": ["get", "list", "patch", "watch"],
  "/pods": ["delete", "get", "list", "watch"],
  "/pods/log": ["get", "list", "watch"],
  "/events": ["get", "list", "watch"],
  "/namespaces": ["get", "list", "watch"],
  "/persistentvolumeclaims": ["get", "list", "watch"],
  "apps/deployments": ["get", "list", "patch", "watch"],
  "apps/deployments/scale": ["get", "patch"],
  "apps/replicasets": ["get", "list", "watch"],
  "apps/statefulsets": ["get", "list", "patch", "watch"],
  "apps/statefulsets/scale": ["get", "patch"],
  "apps/controllerrevisions": ["get", "list", "watch"],
  "batch/cronjobs": ["get", "list", "patch", "watch"],
  "batch/jobs": ["create", "get", "list", "watch"],
  "autoscaling/horizontalpodautoscalers": ["get", "list", "watch"],
};

function one(objects: K8sObject[], kind: string): K8sObject & Record<string, any> {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, `exactly one ${kind}`).toHaveLength(1);
  return found[0] as K8sObject & Record<string, any>;
}

function accessOf(rules: PolicyRule[]): Record<string, string[]> {
  const access: Record<string, Set<string>> = {};
  for (const r of rules) {
    for (const g of r.apiGroups ?? [""]) {
      for (const res of r.resources ?? []) {
        const key = `${g}/${res}`;
        access[key] ??= new Set();
        for (const v of r.verbs) access[key].add(v);
      }
    }
  }
  return Object.fromEntries(Object.entries(access).map(([k, v]) => [k, [...v].sort()]));
}

describe.each(OVERLAYS)("kubectl kustomize deploy/k8s/overlays/%s", (overlay) => {
  const objects = rendered[overlay];

  it("renders every kind with the expected apiVersion, in the grio-ops namespace, and no Secret", () => {
    expect([...new Set(objects.map((o) => o.kind))].sort()).toEqual(Object.keys(API_VERSIONS).sort());
    for (const o of objects) {
      expect(o.apiVersion, `${o.kind}/${o.metadata.name}`).toBe(API_VERSIONS[o.kind]);
      const clusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding"].includes(o.kind);
      expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(clusterScoped ? undefined : "grio-ops");
    }
    expect(objects.some((o) => o.kind === "Secret")).toBe(false);
  });

  it("grants the ClusterRole exactly the console's verbs: no '*', nothing on secrets or configmaps", () => {
    const role = one(objects, "ClusterRole");
    const rules = role.rules as PolicyRule[];
    for (const r of rules) {
      expect(r.verbs).not.toContain("*");
      expect(r.resources ?? []).not.toContain("*");
      expect(r.apiGroups ?? []).not.toContain("*");
      expect(r.resources ?? []).not.toContain("secrets");
      expect(r.resources ?? []).not.toContain("configmaps");
      expect(r.verbs.filter((v) => ["escalate", "bind", "impersonate", "update", "deletecollection"].includes(v))).toEqual([]);
    }
    expect(accessOf(rules)).toEqual(EXPECTED_ACCESS);
    const binding = one(objects, "ClusterRoleBinding");
    expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "grio-ops", namespace: "grio-ops" }]);
  });

  it("runs two hardened replicas with health probes, emptyDirs for /tmp and Next's cache, and a required DATABASE_URL", () => {
    const dep = one(objects, "Deployment");
    const pod = dep.spec.template.spec;
    expect(dep.spec.replicas).toBe(2);
    expect(pod.serviceAccountName).toBe("grio-ops");
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.affinity.podAntiAffinity).toBeDefined();
    const [c, ...others] = pod.containers;
    expect(others).toEqual([]);
    expect(c.image).toMatch(/^registry\.grio\.local\/grio\/grio-ops:/);
    expect(c.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
      expect(c[probe].httpGet.path, probe).toMatch(/^\/api\/health(\?|$)/);
      expect(c[probe].httpGet.port, probe).toBe("http");
    }
    expect(c.ports).toEqual([{ name: "http", containerPort: 3000, protocol: "TCP" }]);
    expect(c.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(c.resources.limits.memory).toEqual(expect.any(String));
    const mounts = Object.fromEntries(c.volumeMounts.map((m: any) => [m.mountPath, m.name]));
    const volumes = Object.fromEntries(pod.volumes.map((v: any) => [v.name, v]));
    expect(volumes[mounts["/tmp"]].emptyDir).toBeDefined();
    expect(volumes[mounts["/app/.next/cache"]].emptyDir).toBeDefined();
    const db = c.env.find((e: any) => e.name === "DATABASE_URL");
    expect(db.valueFrom.secretKeyRef).toEqual({ name: "grio-ops-secrets", key: "DATABASE_URL" });
    const configMap = one(objects, "ConfigMap");
    expect(c.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }, { secretRef: { name: "grio-ops-secrets" } }]);
  });

  it("exposes it only over TLS from letsencrypt-prod, through the Traefik v2 IP allow-list", () => {
    const ingress = one(objects, "Ingress");
    const mw = one(objects, "Middleware");
    const svc = one(objects, "Service");
    expect(ingress.metadata.annotations?.["cert-manager.io/cluster-issuer"]).toBe("letsencrypt-prod");
    expect(ingress.metadata.annotations?.["traefik.ingress.kubernetes.io/router.middlewares"]).toBe(
      `${mw.metadata.namespace}-${mw.metadata.name}@kubernetescrd`,
    );
    expect(ingress.spec.ingressClassName).toBe("traefik");
    expect(ingress.spec.tls[0].hosts).toEqual([ingress.spec.rules[0].host]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: svc.metadata.name, port: { name: "http" } });
    expect(mw.spec.ipWhiteList.sourceRange[0]).toBe("10.0.0.0/8");
    expect(mw.spec.ipWhiteList.sourceRange).toHaveLength(2); // + the overlay's VPN range
    expect(mw.spec.ipAllowList).toBeUndefined();
  });

  it("limits traffic with a NetworkPolicy selecting the console's pods", () => {
    const np = one(objects, "NetworkPolicy");
    const dep = one(objects, "Deployment");
    expect(np.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    for (const [k, v] of Object.entries(np.spec.podSelector.matchLabels)) expect(dep.spec.template.metadata.labels[k]).toBe(v);
    expect(np.spec.ingress[0].ports).toEqual([{ port: 3000, protocol: "TCP" }]);
  });

  it("configures only variables the console knows, with values it accepts", () => {
    const data = one(objects, "ConfigMap").data as Record<string, string>;
    const known = Object.keys(envSchema.shape);
    expect(Object.keys(data).filter((k) => !known.includes(k))).toEqual([]);
    const parsed = parseEnv({ ...data, NEXTAUTH_SECRET: "x".repeat(48), DATABASE_URL: "postgres://u@db:5432/grio" });
    expect(parsed.GRIO_IN_CLUSTER).toBe(true);
    expect(parsed.GRIO_READ_ONLY).toBe(overlay === "ministry-onprem");
  });
});

describe("deploy/k8s/secret.example.yaml", () => {
  const file = path.resolve(import.meta.dirname, "secret.example.yaml");
  const docs = parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => d.toJSON() as K8sObject & Record<string, any>);

  it("is kept out of every kustomization, so apply -k never overwrites the real Secret", () => {
    for (const objects of Object.values(rendered)) expect(objects.filter((o) => o.kind === "Secret")).toEqual([]);
    for (const dir of ["base", "rbac", "overlays/hetzner-prod", "overlays/ministry-onprem"]) {
      const k = parseAllDocuments(fs.readFileSync(path.resolve(import.meta.dirname, dir, "kustomization.yaml"), "utf8"))[0]!.toJSON();
      expect((k.resources as string[]).filter((r) => r.includes("secret"))).toEqual([]);
    }
  });

  it("names only variables the console knows, DATABASE_URL first", () => {
    const secret = docs.find((d) => d.metadata.name === "grio-ops-secrets")!;
    const known = Object.keys(envSchema.shape);
    expect(Object.keys(secret.stringData)[0]).toBe("DATABASE_URL");
    expect(Object.keys(secret.stringData).filter((k) => !known.includes(k))).toEqual([]);
  });
});

describe("deploy/k8s/remote-cluster", () => {
  it("binds the same ClusterRole to a token-only ServiceAccount", () => {
    const objects = kustomize("deploy/k8s/remote-cluster");
    const role = one(objects, "ClusterRole");
    const prod = one(rendered["hetzner-prod"], "ClusterRole");
    expect(role.rules).toEqual(prod.rules);
    const token = one(objects, "Secret");
    expect(token.type).toBe("kubernetes.io/service-account-token");
    expect(token.data ?? token.stringData).toBeUndefined();
  });
});
