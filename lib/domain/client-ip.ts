/**
 * The client's IP for rate limiting. `X-Forwarded-For` is believed only as far as the hops that
 * are configured trusted proxies: walking from the nearest hop outwards, the first address that is
 * not a trusted proxy is the client.
 */
export function clientIp(input: { peer: string | undefined; forwardedFor: string | null | undefined }, trusted: string[]): string {
  const peer = normalizeIp(input.peer ?? "") || "unknown";
  if (!isTrusted(peer, trusted)) return peer;
  const hops = (input.forwardedFor ?? "")
    .split(",")
    .map((s) => normalizeIp(s.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isTrusted(hop, trusted)) return hop;
  }
  return hops[0] ?? peer;
}

export function normalizeIp(ip: string): string {
  const s = ip.trim().replace(/^\[|\]$/g, "");
  return s.startsWith("::ffff:") && s.includes(".") ? s.slice(7) : s;
}

export function isTrusted(ip: string, trusted: string[]): boolean {
  return trusted.some((entry) => (entry.includes("/") ? inCidr(ip, entry) : normalizeIp(entry) === ip));
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  const a = ipv4ToInt(ip);
  const b = ipv4ToInt(normalizeIp(base ?? ""));
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}
