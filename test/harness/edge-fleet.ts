import type { EstateInfo } from "../../sim/contract";
import { startEdgeAgents, type EdgeAgents, type EdgeAgentOptions } from "../../sim/edge/index";
import { HttpSession } from "./http";

/**
 * Brings the sim's school sites to life against a running console, the way an admin's roll-out
 * script would: sign in as an admin, register each site through POST /api/edge/v1/sites (an id
 * that exists already gets a rotated token through the admin tRPC procedure instead), and hand the
 * tokens to the sim's sync agents. Used by the demo (scripts/demo.d/60-edge.ts) and e2e specs.
 */
export type FleetUp = { agents: EdgeAgents; created: string[]; rotated: string[] };

export async function registerSites(
  consoleUrl: string,
  sites: EstateInfo["sites"],
  admin: { email: string; password: string },
): Promise<{ tokens: Map<string, string>; created: string[]; rotated: string[] }> {
  const session = await new HttpSession(consoleUrl).signIn(admin.email, admin.password);
  const tokens = new Map<string, string>();
  const created: string[] = [];
  const rotated: string[] = [];
  for (const s of sites) {
    const res = await session.fetch("/api/edge/v1/sites", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: s.id, name: s.name, district: s.district, syncInterval: s.syncInterval, nodeName: s.nodeName }),
    });
    const body = (await res.json().catch(() => ({}))) as { token?: string; error?: string };
    if (res.status === 201 && body.token) {
      tokens.set(s.id, body.token);
      created.push(s.id);
    } else if (res.status === 409) {
      const r = await session.mutation<{ token: string }>("edge.rotateToken", { siteId: s.id });
      if (!r.data) throw new Error(`rotating the token of ${s.id} failed: ${r.error?.message}`);
      tokens.set(s.id, r.data.token);
      rotated.push(s.id);
    } else {
      throw new Error(`registering ${s.id} failed: HTTP ${res.status} ${body.error ?? ""}`);
    }
  }
  return { tokens, created, rotated };
}

/** Register the sites and start their agents; sites registered before skip the 30-day replay. */
export async function bringUpFleet(
  consoleUrl: string,
  sites: EstateInfo["sites"],
  admin: { email: string; password: string },
  agentOptions: Partial<Omit<EdgeAgentOptions, "console" | "sites">> = {},
): Promise<FleetUp> {
  const { tokens, created, rotated } = await registerSites(consoleUrl, sites, admin);
  const fresh = new Set(created);
  const make = (replay: boolean) =>
    sites
      .filter((s) => fresh.has(s.id) === replay)
      .map((s) => ({ id: s.id, token: tokens.get(s.id)!, syncInterval: s.syncInterval, silentSince: s.silentSince }));
  const groups = [
    startEdgeAgents({ ...agentOptions, console: consoleUrl, sites: make(true), replay: agentOptions.replay ?? true }),
    startEdgeAgents({ ...agentOptions, console: consoleUrl, sites: make(false), replay: false }),
  ];
  const agents: EdgeAgents = {
    stats: (id) => (fresh.has(id) ? groups[0]! : groups[1]!).stats(id),
    setOffline: (id, off) => (fresh.has(id) ? groups[0]! : groups[1]!).setOffline(id, off),
    drained: async (ms) => {
      await Promise.all(groups.map((g) => g.drained(ms)));
    },
    stop: () => groups.forEach((g) => g.stop()),
  };
  return { agents, created, rotated };
}
