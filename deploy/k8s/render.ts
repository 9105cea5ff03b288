import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseAllDocuments } from "yaml";

/** A rendered Kubernetes object, loosely typed: tests and the sim read what they need. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

export type PolicyRule = { apiGroups?: string[]; resources?: string[]; verbs: string[]; resourceNames?: string[] };

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * `kubectl kustomize <dir>` with the machine's kubectl (kustomize built in), parsed. Runs with an
 * empty KUBECONFIG so the kubectl dispatcher never contacts a cluster to pick a version.
 */
export function kustomize(dir: string): K8sObject[] {
  const emptyKubeconfig = path.join(os.tmpdir(), "grio-empty-kubeconfig");
  if (!fs.existsSync(emptyKubeconfig)) fs.writeFileSync(emptyKubeconfig, "apiVersion: v1\nkind: Config\n");
  const out = execFileSync("kubectl", ["kustomize", path.resolve(ROOT, dir)], {
    encoding: "utf8",
    env: { ...process.env, KUBECONFIG: emptyKubeconfig },
    timeout: 30_000,
  });
  return parseAllDocuments(out)
    .map((d) => d.toJSON() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** The console's ClusterRole as rendered by an overlay (what the sim loads for LEAST_PRIVILEGE=1). */
export function renderedClusterRole(overlay = "deploy/k8s/overlays/hetzner-prod"): { name: string; rules: PolicyRule[] } {
  const role = kustomize(overlay).find((o) => o.kind === "ClusterRole");
  if (!role) throw new Error(`${overlay} renders no ClusterRole`);
  return { name: role.metadata.name, rules: (role.rules ?? []) as PolicyRule[] };
}
