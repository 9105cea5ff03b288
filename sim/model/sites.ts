/** The school edge sites and the nodes of each cluster (deterministic under the seed). */
import type { Rng } from "./cluster";
import type { NodeSpec } from "./nodes";

const DAY = 86_400_000;

export interface SiteInfo {
  id: string;
  name: string;
  district: string;
  syncInterval: "daily" | "weekly" | `${number}h`;
  nodeName: string;
  arch: "amd64" | "arm64";
  silentSince?: number;
}

const DISTRICTS: Array<{ name: string; code: string; schools: string[] }> = [
  { name: "Kampala", code: "kla", schools: ["Kololo Secondary School", "Nakasero Primary School", "Kitante Hill School", "Bweyogerere Community School", "Makerere College School", "Kansanga Seed School"] },
  { name: "Gulu", code: "gul", schools: ["Gulu High School", "Sacred Heart Secondary School", "Layibi College", "Pece Primary School", "Bardege Community School", "Laroo Boarding Primary"] },
  { name: "Mbarara", code: "mbr", schools: ["Ntare School", "Mbarara High School", "Maryhill High School", "Kakoba Primary School", "Ruharo Secondary School", "Nyamitanga Community School"] },
];

export function makeSites(count: number, rng: Rng, start: number): SiteInfo[] {
  const sites: SiteInfo[] = [];
  for (let i = 0; i < count; i++) {
    const d = DISTRICTS[i % 3]!;
    const n = Math.floor(i / 3);
    const school = d.schools[n % d.schools.length]!;
    const id = `${d.code}-${String(n + 1).padStart(3, "0")}`;
    const arch = rng() < 0.6 ? "arm64" : "amd64";
    const syncInterval = i % 4 === 3 ? "weekly" : i % 5 === 4 ? "6h" : "daily";
    sites.push({ id, name: n < d.schools.length ? school : `${school} ${Math.floor(n / d.schools.length) + 1}`, district: d.name, syncInterval, nodeName: `edge-${id}`, arch });
  }
  // two daily-sync sites went silent nine days ago
  const daily = sites.filter((s) => s.syncInterval === "daily");
  for (const s of [daily[1], daily[daily.length > 4 ? 4 : daily.length - 1]]) if (s) s.silentSince = start - 9 * DAY - 3_600_000 * 3;
  return sites;
}

export function edgeNodeSpec(s: SiteInfo, i: number, rng: Rng, start: number): NodeSpec {
  const pi = s.arch === "arm64";
  return {
    name: s.nodeName,
    role: "agent",
    arch: s.arch,
    cpuCores: 4,
    memoryGiB: pi ? 8 : 16,
    diskGiB: pi ? 128 : 512,
    diskUsedFraction: 0.3 + rng() * 0.35,
    ip: `10.8.${Math.floor(i / 250)}.${(i % 250) + 2}`,
    labels: { "grio.io/tier": "edge", "grio.io/site": s.id, "grio.io/district": s.district, ...(pi ? { "grio.io/hardware": "raspberry-pi-4b" } : { "grio.io/hardware": "intel-n100" }) },
    taints: [{ key: "grio.io/tier", value: "edge", effect: "NoSchedule" }],
    silentSince: s.silentSince,
    createdAt: start - (60 + Math.floor(rng() * 120)) * DAY,
    osImage: pi ? "Debian GNU/Linux 12 (bookworm)" : "Ubuntu 22.04.4 LTS",
  };
}

export function cloudNodeSpecs(cluster: string, servers: number, agents: number, start: number, tier: string, sizes: { cpu: number; mem: number; disk: number }): NodeSpec[] {
  const out: NodeSpec[] = [];
  for (let i = 0; i < servers + agents; i++) {
    const server = i < servers;
    const name = server ? `${cluster}-server-${i + 1}` : `${cluster}-agent-${i - servers + 1}`;
    out.push({
      name,
      role: server ? "server" : "agent",
      arch: "amd64",
      cpuCores: sizes.cpu,
      memoryGiB: sizes.mem,
      diskGiB: sizes.disk,
      diskUsedFraction: 0.42 + ((i * 7) % 10) / 50,
      ip: `10.0.${tier === "on-prem" ? 20 : 0}.${i + 2}`,
      labels: { "grio.io/tier": tier },
      createdAt: start - (220 - i) * DAY,
    });
  }
  return out;
}
