import type { DemoContext, DemoStep } from "../demo";
import { bringUpFleet, type FleetUp } from "../../test/harness/edge-fleet";

/**
 * Edge sites in the demo: once the console is up, register the sim's school sites through the
 * sites API as the demo admin, and hand their tokens to the sim's sync agents. New sites replay
 * their last 30 days first (two stay silent for 9 days), then report on their schedules.
 */
export default async function edgeStep(ctx: DemoContext): Promise<DemoStep> {
  const sites = ctx.sim?.estate.sites ?? [];
  if (sites.length === 0) return { notes: ["edge sites: none (the sim is not running)"] };
  let fleet: FleetUp | undefined;
  return {
    afterConsole: async (consoleUrl) => {
      fleet = await bringUpFleet(consoleUrl, sites, { email: "admin@grio.local", password: "grio-demo" });
      const silent = sites.filter((s) => s.silentSince !== undefined).map((s) => s.id);
      console.log(
        `edge: ${fleet.created.length} sites registered, ${fleet.rotated.length} given new tokens; agents replaying history (silent: ${silent.join(", ") || "none"})`,
      );
    },
    stop: async () => fleet?.agents.stop(),
    notes: [`edge sites: ${sites.length} school servers report heartbeats (agents started after the console)`],
  };
}
