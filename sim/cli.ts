/**
 * `npm run sim [-- --seed N --nodes N --pods N --sites N --out DIR]`: starts the simulated estate,
 * prints every endpoint and credential, and (with --out) writes DIR/estate.json and DIR/kubeconfig.
 */
import path from "node:path";
import { startSim } from "./index";

function flags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const [k, v] = a.slice(2).split("=", 2);
    if (v !== undefined) out[k!] = v;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) out[k!] = argv[++i]!;
    else out[k!] = "true";
  }
  return out;
}

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${v}`);
    process.exit(2);
  }
  return n;
}

const f = flags(process.argv.slice(2));
if (f.help) {
  console.log("usage: npm run sim -- [--seed N] [--nodes N] [--pods N] [--sites N] [--out DIR] [--control-port N]");
  process.exit(0);
}
const t0 = Date.now();
const sim = await startSim({
  seed: num(f.seed, "seed"),
  nodes: num(f.nodes, "nodes"),
  pods: num(f.pods, "pods"),
  sites: num(f.sites, "sites"),
  controlPort: num(f["control-port"], "control-port"),
  outDir: f.out ? path.resolve(f.out) : undefined,
});
const e = sim.estate;
const lines = [
  `Grio sim up in ${Date.now() - t0} ms`,
  "",
  "Kubernetes (kubeconfig: one context per cluster)",
  `  KUBECONFIG=${e.kubeconfig}   (HTTPS with a self-signed CA: ${path.join(path.dirname(e.kubeconfig), "ca.crt")})`,
  ...e.clusters.map((c) => `  ${c.name.padEnd(16)} ${c.server}  token ${c.token}  (${c.tier}${c.production ? ", production" : ""})`),
  "",
  `S3 (MinIO)         ${e.s3.endpoint}  access ${e.s3.accessKey}  secret ${e.s3.secretKey}  region ${e.s3.region}`,
  `S3 mirror          ${e.s3Mirror.endpoint}  access ${e.s3Mirror.accessKey}  secret ${e.s3Mirror.secretKey}`,
  `Qdrant             ${e.qdrant.url || "(not started)"}  api-key ${e.qdrant.apiKey}`,
  `Loki               ${e.loki.url}`,
  `Metrics            ${e.metrics.url}`,
  `Services           django-api ${e.services.djangoApiHealth || "-"}  web ${e.services.web || "-"}  qdrant ${e.services.qdrantReady || "-"}  minio ${e.services.minioHealth}`,
  `Control API        ${e.control.url}   (GET for the verb list; POST ${e.control.url}/<verb> with JSON args)`,
  `Edge sites         ${e.sites.length} (${[...new Set(e.sites.map((s) => s.district))].join(", ")})`,
  ...(f.out ? ["", `wrote ${path.join(path.resolve(f.out), "estate.json")} and ${e.kubeconfig}`] : []),
  "",
  "Ctrl-C stops it.",
];
console.log(lines.join("\n"));
const shutdown = () => {
  void sim.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
