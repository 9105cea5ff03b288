/**
 * The simulated estate for tests: `startTestSim()` starts it in-process on free ports (fast pod
 * start-up so rollouts finish in a second or two), and `simConsoleEnv(estate)` maps its EstateInfo to
 * the console's environment variables (see server/config.ts) — the only way the console reaches it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { EstateInfo } from "../../sim/contract";
import { startSim, type SimHandle, type SimOptions } from "../../sim/index";

const DISPLAY_NAMES: Record<string, string> = {
  "hetzner-prod": "Hetzner production",
  "hetzner-staging": "Hetzner staging",
  "ministry-onprem": "Ministry on-prem",
};

/** EstateInfo → KUBECONFIG, GRIO_CLUSTERS, S3_*, S3_MIRROR_*, QDRANT_*, LOKI_URL, SERVICE_CHECKS. */
export function simConsoleEnv(estate: EstateInfo): Record<string, string> {
  const clusters = Object.fromEntries(
    estate.clusters.map((c) => [c.name, { displayName: DISPLAY_NAMES[c.name] ?? c.name, tier: c.tier, production: c.production }]),
  );
  const checks = [
    { name: "django-api", kind: "http-json-status", target: estate.services.djangoApiHealth, production: true },
    { name: "nextjs-web", kind: "http", target: estate.services.web, production: true },
    { name: "qdrant", kind: "http", target: estate.services.qdrantReady, production: true },
    { name: "minio", kind: "http", target: estate.services.minioHealth, production: true },
  ].filter((c) => c.target);
  const env: Record<string, string> = {
    KUBECONFIG: estate.kubeconfig,
    GRIO_CLUSTERS: JSON.stringify(clusters),
    S3_ENDPOINT: estate.s3.endpoint,
    S3_ACCESS_KEY: estate.s3.accessKey,
    S3_SECRET_KEY: estate.s3.secretKey,
    S3_REGION: estate.s3.region,
    S3_BACKUPS_BUCKET: "backups",
    S3_MIRROR_ENDPOINT: estate.s3Mirror.endpoint,
    S3_MIRROR_ACCESS_KEY: estate.s3Mirror.accessKey,
    S3_MIRROR_SECRET_KEY: estate.s3Mirror.secretKey,
    LOKI_URL: estate.loki.url,
    SERVICE_CHECKS: JSON.stringify(checks),
  };
  if (estate.qdrant.url) {
    env.QDRANT_URL = estate.qdrant.url;
    env.QDRANT_API_KEY = estate.qdrant.apiKey;
  }
  return env;
}

export interface TestSim extends SimHandle {
  /** the console's environment for this sim */
  env: Record<string, string>;
}

/** Start the sim for a test (own temp dir, free ports); `stop()` also removes the temp dir. */
export async function startTestSim(opts: SimOptions = {}): Promise<TestSim> {
  const own = opts.outDir === undefined;
  const outDir = opts.outDir ?? (await mkdtemp(path.join(os.tmpdir(), "grio-test-sim-")));
  const sim = await startSim({ podStartMs: 300, jobDurationMs: 500, ...opts, outDir });
  return {
    ...sim,
    env: simConsoleEnv(sim.estate),
    async stop() {
      await sim.stop();
      if (own) await rm(outDir, { recursive: true, force: true });
    },
  };
}
