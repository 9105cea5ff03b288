import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadClusterConfigs } from "./clusters";

const kubeconfig = (contexts: string[]) => `apiVersion: v1
kind: Config
clusters:
${contexts.map((c) => `  - name: ${c}\n    cluster: { server: "https://${c}.example:6443" }`).join("\n")}
users:
${contexts.map((c) => `  - name: ${c}\n    user: { token: "t-${c}" }`).join("\n")}
contexts:
${contexts.map((c) => `  - name: ${c}\n    context: { cluster: ${c}, user: ${c} }`).join("\n")}
current-context: ${contexts[0]}
`;

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("loadClusterConfigs (as deployed by deploy/k8s/overlays/hetzner-prod)", () => {
  it("watches the cluster it runs in, named by GRIO_CLUSTERS' first key, plus every other kubeconfig context", () => {
    process.env.KUBERNETES_SERVICE_HOST = "10.43.0.1";
    process.env.KUBERNETES_SERVICE_PORT = "443";
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grio-kc-")), "config");
    fs.writeFileSync(file, kubeconfig(["hetzner-prod", "ministry-onprem"]));
    const configs = loadClusterConfigs({
      GRIO_IN_CLUSTER: true,
      KUBECONFIG: file,
      GRIO_CLUSTERS: {
        "hetzner-prod": { displayName: "Hetzner production", tier: "cloud", production: true },
        "ministry-onprem": { displayName: "Ministry on-prem", tier: "on-prem", production: true },
      },
    });
    expect(configs.map((c) => c.info.name)).toEqual(["hetzner-prod", "ministry-onprem"]);
    expect(configs[0]?.kc.getCurrentCluster()?.server).toBe("https://10.43.0.1:443");
    expect(configs[1]?.kc.getCurrentCluster()?.server).toBe("https://ministry-onprem.example:6443");
    expect(configs[1]?.info).toMatchObject({ displayName: "Ministry on-prem", tier: "on-prem", production: true });
  });

  it("watches only the cluster it runs in without KUBECONFIG", () => {
    process.env.KUBERNETES_SERVICE_HOST = "10.43.0.1";
    process.env.KUBERNETES_SERVICE_PORT = "443";
    const configs = loadClusterConfigs({ GRIO_IN_CLUSTER: true, KUBECONFIG: undefined, GRIO_CLUSTERS: undefined });
    expect(configs.map((c) => c.info.name)).toEqual(["in-cluster"]);
  });
});
