import type { EdgeAgentOptions, EdgeAgents } from "../../sim/edge/index";
import type { DemoContext, DemoStep } from "../demo";
import { registerSites } from "../../test/harness/edge-fleet";

type SimWithEdge = { startEdge?: (consoleUrl: string, tokens: Record<string, string>, opts?: Partial<EdgeAgentOptions>) => EdgeAgents };

/**
 * Edge sites in the demo: once the console is up, register the sim's school sites through the
 * sites API as the demo admin (sites kept from an earlier run get a rotated token), and hand the
 * tokens to the sim's sync agents. On a first run they replay their last 30 days (two stay silent
 * for 9 days), then report on their schedules.
 */
export default async function edgeStep(ctx: DemoContext): Promise<DemoStep> {
  const sim = ctx.sim as (DemoContext["sim"] & SimWithEdge) | undefined;
  const sites = sim?.estate.sites ?? [];
  if (!sim?.startEdge || sites.length === 0) return { notes: ["edge sites: none (the sim's sync agents are not available)"] };
  return {
    afterConsole: async (consoleUrl) => {
      const { tokens, created, rotated } = await registerSites(consoleUrl, sites, { email: "admin@grio.local", password: "grio-demo" });
      // one replayed heartbeat every 12 h keeps the warm-up near a minute at the agents' 50/min pace
      sim.startEdge!(consoleUrl, Object.fromEntries(tokens), { replay: rotated.length === 0, historyEveryHours: 12 });
      const silent = sites.filter((s) => s.silentSince !== undefined).map((s) => s.id);
      console.log(`edge: ${created.length} sites registered, ${rotated.length} given new tokens; sync agents started (silent for 9 days: ${silent.join(", ")})`);
    },
    notes: [`edge sites: ${sites.length} school servers report heartbeats; on a first run they replay 30 days for about a minute`],
  };
}
