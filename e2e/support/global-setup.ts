import fs from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import type { EstateInfo } from "../../sim/contract";
import { startConsole } from "../../test/harness/console";
import { leastPrivilegeForE2E } from "../../test/harness/least-privilege";

/**
 * Starts the simulated estate in-process (when sim/index.ts exists) and the BUILT console pointed
 * at it with the demo users, then writes the connection info to `<outputDir>/grio-e2e.json` (also
 * in GRIO_E2E_INFO) for the fixtures. Returns the teardown.
 *
 * TRUSTED_PROXIES=127.0.0.1 makes the console believe X-Forwarded-For from the test browser, as it
 * would from an ingress: a spec that must trip the per-IP sign-in limit sends its own client IP
 * and so does not lock the other specs (all of which come from 127.0.0.1) out.
 */
export type E2EInfo = {
  url: string;
  sim: { estate: EstateInfo; controlUrl: string } | null;
};

type SimModule = { startSim: (o?: Record<string, unknown>) => Promise<{ estate: EstateInfo; stop(): Promise<void> }> };
type SimHarness = { simConsoleEnv: (estate: EstateInfo) => Record<string, string | undefined> };

const root = path.resolve(import.meta.dirname, "..", "..");

async function importIfPresent<T>(relative: string): Promise<T | undefined> {
  const file = path.join(root, relative);
  if (!fs.existsSync(file)) return undefined;
  return (await import(file)) as T;
}

export default async function globalSetup(config: FullConfig) {
  const outputDir = config.projects[0]?.outputDir ?? path.join(root, "test-results");
  fs.mkdirSync(outputDir, { recursive: true });

  const simModule = await importIfPresent<SimModule>("sim/index.ts");
  const sim = simModule ? await simModule.startSim({ outDir: path.join(outputDir, "sim") }) : undefined;
  let simEnv: Record<string, string | undefined> = {};
  if (sim) {
    const harness = await importIfPresent<SimHarness>("test/harness/sim.ts");
    simEnv = harness ? harness.simConsoleEnv(sim.estate) : { KUBECONFIG: sim.estate.kubeconfig };
  }
  // LEAST_PRIVILEGE=1 (npm test): the console holds only the ClusterRole deploy/k8s renders; any 403 fails the run.
  const leastPrivilege = sim ? await leastPrivilegeForE2E(sim, outputDir) : undefined;
  if (leastPrivilege) {
    simEnv = { ...simEnv, ...leastPrivilege.env };
  }

  let grio;
  try {
    grio = await startConsole({ database: "pglite", env: { ...simEnv, GRIO_DEMO: "1", TRUSTED_PROXIES: "127.0.0.1" } });
  } catch (e) {
    await sim?.stop();
    throw e;
  }

  const info: E2EInfo = { url: grio.url, sim: sim ? { estate: sim.estate, controlUrl: sim.estate.control.url } : null };
  const infoFile = path.join(outputDir, "grio-e2e.json");
  fs.writeFileSync(infoFile, JSON.stringify(info, null, 2));
  process.env.GRIO_E2E_INFO = infoFile;
  fs.writeFileSync(path.join(outputDir, "console.log.path"), "server output is appended to console.log on teardown\n");

  return async () => {
    fs.writeFileSync(path.join(outputDir, "console.log"), grio.logs());
    await grio.stop();
    try {
      await leastPrivilege?.finish();
    } finally {
      await sim?.stop();
    }
  };
}
