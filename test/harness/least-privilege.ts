import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { kustomize, type PolicyRule } from "@/deploy/k8s/render";

/**
 * Least privilege, proven against the sim: the console talks to the simulated clusters with a token
 * that carries exactly the ClusterRole `kubectl kustomize deploy/k8s/overlays/hetzner-prod` renders
 * (the one `kubectl apply -k` would install), instead of the sim's admin token.
 *
 *   const kubeconfig = leastPrivilegeKubeconfig(sim);            // KUBECONFIG for the console
 *   leastPrivilegeKubeconfig(sim, { edit: withoutVerb("apps", "deployments", "patch") });
 */
export const DEPLOY_OVERLAY = "deploy/k8s/overlays/hetzner-prod";
/** Who the sim says the console is (in 403 messages): the ServiceAccount the manifests bind. */
export const CONSOLE_SERVICE_ACCOUNT = "system:serviceaccount:grio-ops:grio-ops";

export type RulesEdit = (rules: PolicyRule[]) => PolicyRule[];

/** The rendered ClusterRole as YAML (optionally edited), ready for the sim's addToken verb. */
export function consoleClusterRoleYaml(opts: { overlay?: string; edit?: RulesEdit } = {}): { name: string; yaml: string; rules: PolicyRule[] } {
  const role = kustomize(opts.overlay ?? DEPLOY_OVERLAY).find((o) => o.kind === "ClusterRole");
  if (!role) throw new Error(`${opts.overlay ?? DEPLOY_OVERLAY} renders no ClusterRole`);
  const rules = (opts.edit ?? ((r) => r))(structuredClone((role.rules ?? []) as PolicyRule[]));
  return { name: role.metadata.name, yaml: stringify({ ...role, rules }), rules };
}

/** An edit that takes one verb away from one resource (other resources of the rule keep it). */
export function withoutVerb(group: string, resource: string, verb: string): RulesEdit {
  return (rules) =>
    rules.flatMap((r) => {
      const hit = (r.apiGroups ?? []).includes(group) && (r.resources ?? []).includes(resource) && r.verbs.includes(verb);
      if (!hit) return [r];
      const others = (r.resources ?? []).filter((x) => x !== resource);
      const kept: PolicyRule[] = [];
      if (others.length) kept.push({ ...r, resources: others });
      const verbs = r.verbs.filter((v) => v !== verb);
      if (verbs.length) kept.push({ ...r, resources: [resource], verbs });
      return kept;
    });
}

/** The part of a started sim this needs (SimHandle from sim/index satisfies it). */
export interface SimWithTokens {
  estate: { kubeconfig: string; clusters: Array<{ name: string }> };
  control: {
    addToken(token: string, opts?: { cluster?: string; user?: string; clusterRoleYaml?: string; roleName?: string }): void;
  };
}

/**
 * Registers a fresh token with the console's ClusterRole in every simulated cluster and writes a
 * copy of the sim's kubeconfig that uses it. Returns the new kubeconfig's path (beside the sim's).
 */
export function leastPrivilegeKubeconfig(sim: SimWithTokens, opts: { overlay?: string; edit?: RulesEdit } = {}): string {
  return leastPrivilegeAccess(sim, opts).kubeconfig;
}

/** leastPrivilegeKubeconfig, plus the token (to change its rules later through the sim's addToken verb). */
export function leastPrivilegeAccess(sim: SimWithTokens, opts: { overlay?: string; edit?: RulesEdit } = {}): { kubeconfig: string; token: string; roleName: string } {
  const role = consoleClusterRoleYaml(opts);
  const token = `grio-ops-sa.${randomBytes(16).toString("hex")}`;
  for (const c of sim.estate.clusters) {
    sim.control.addToken(token, { cluster: c.name, user: CONSOLE_SERVICE_ACCOUNT, clusterRoleYaml: role.yaml, roleName: role.name });
  }
  const config = parse(fs.readFileSync(sim.estate.kubeconfig, "utf8")) as { users?: Array<{ name: string; user: Record<string, unknown> }> };
  for (const u of config.users ?? []) u.user = { token };
  const file = path.join(path.dirname(sim.estate.kubeconfig), `kubeconfig.least-privilege.${token.slice(-8)}`);
  fs.writeFileSync(file, stringify(config), { mode: 0o600 });
  return { kubeconfig: file, token, roleName: role.name };
}

/**
 * What an e2e spec needs to take a verb away from the running console's token and give it back
 * (sim verb addToken re-registers the same token). The deliberate user name marks 403s a spec
 * provokes on purpose, so the run's zero-403 check leaves them out.
 */
export interface LeastPrivilegeInfo {
  token: string;
  roleName: string;
  user: string;
  clusterRoleYaml: string;
  deliberateUser: string;
  withoutPatchOnDeploymentsYaml: string;
}
export const DELIBERATELY_RESTRICTED = `${CONSOLE_SERVICE_ACCOUNT}-without-patch`;

/** Is least-privilege mode on for this run? (`LEAST_PRIVILEGE=1`, set by scripts/test.sh for e2e) */
export function leastPrivilegeRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LEAST_PRIVILEGE === "1" || env.LEAST_PRIVILEGE === "true";
}

/**
 * For the e2e global setup: when LEAST_PRIVILEGE=1, the console reaches the sim only through a
 * least-privilege token and a wire recorder. `finish()` (teardown) writes every request the sim
 * refused to `<outputDir>/least-privilege.json` and fails the run if there was any 403.
 */
export async function leastPrivilegeForE2E(
  sim: { estate: { kubeconfig: string } },
  outputDir: string,
): Promise<{ env: { KUBECONFIG: string }; finish(): Promise<void> } | undefined> {
  if (!leastPrivilegeRequested()) return undefined;
  const withTokens = sim as unknown as SimWithTokens;
  if (typeof withTokens.control?.addToken !== "function") throw new Error("LEAST_PRIVILEGE=1 needs the sim's addToken verb");
  const { recordK8sTraffic } = await import("./k8s-recorder");
  const access = leastPrivilegeAccess(withTokens);
  const recorder = await recordK8sTraffic(access.kubeconfig);
  const info: LeastPrivilegeInfo = {
    ...access,
    user: CONSOLE_SERVICE_ACCOUNT,
    clusterRoleYaml: consoleClusterRoleYaml().yaml,
    deliberateUser: DELIBERATELY_RESTRICTED,
    withoutPatchOnDeploymentsYaml: consoleClusterRoleYaml({ edit: withoutVerb("apps", "deployments", "patch") }).yaml,
  };
  const infoFile = path.join(outputDir, "least-privilege.token.json");
  fs.writeFileSync(infoFile, JSON.stringify(info), { mode: 0o600 });
  process.env.GRIO_LEAST_PRIVILEGE_INFO = infoFile; // the workers inherit it
  return {
    env: { KUBECONFIG: recorder.kubeconfig },
    async finish() {
      fs.rmSync(infoFile, { force: true });
      const forbidden = recorder.matching({ status: 403, dryRun: true }).filter((r) => !r.message?.includes(DELIBERATELY_RESTRICTED));
      const total = recorder.records.length;
      await recorder.stop();
      fs.writeFileSync(path.join(outputDir, "least-privilege.json"), JSON.stringify({ requests: total, forbidden }, null, 2));
      console.log(`LEAST_PRIVILEGE: ${total} Kubernetes requests through the rendered ClusterRole, ${forbidden.length} forbidden`);
      if (forbidden.length) {
        const lines = forbidden.map((r) => `  ${r.cluster} ${r.method} ${r.path}: ${r.message ?? r.status}`).join("\n");
        throw new Error(`LEAST_PRIVILEGE: the rendered ClusterRole forbade ${forbidden.length} request(s) the console made:\n${lines}`);
      }
    },
  };
}
