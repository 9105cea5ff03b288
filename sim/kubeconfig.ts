/** A kubeconfig with one context per cluster, named after it (bearer token, the sim's self-signed CA). */
import { stringify } from "yaml";

export function kubeconfigYaml(clusters: Array<{ name: string; server: string; token: string }>, caPem: string, current?: string): string {
  const ca = Buffer.from(caPem).toString("base64");
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    clusters: clusters.map((c) => ({ name: c.name, cluster: { server: c.server, "certificate-authority-data": ca } })),
    users: clusters.map((c) => ({ name: `${c.name}-admin`, user: { token: c.token } })),
    contexts: clusters.map((c) => ({ name: c.name, context: { cluster: c.name, user: `${c.name}-admin`, namespace: "grio" } })),
    "current-context": current ?? clusters[0]?.name ?? "",
  });
}
