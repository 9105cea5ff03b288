import type { HttpSession } from "@/test/harness/http";

/** Test helpers for the /api/edge/v1 routes (a real HTTP client, no shortcuts). */
export function goodHeartbeat(siteId: string, now: Date): Record<string, unknown> {
  return {
    siteId,
    agentVersion: "1.4.2",
    curriculumVersion: "2026.12",
    lastCurriculumSyncAt: new Date(now.getTime() - 3_600_000).toISOString(),
    lastSubmissionUploadAt: null,
    queuedChanges: 3,
    diskUsedBytes: 40_000_000_000,
    diskTotalBytes: 120_000_000_000,
    sentAt: now.toISOString(),
  };
}

export async function registerSite(session: HttpSession, site: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await session.fetch("/api/edge/v1/sites", { method: "POST", body: JSON.stringify(site), headers: { "content-type": "application/json" } });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

export async function postHeartbeat(
  baseUrl: string,
  o: { token?: string; body: string; contentType?: string | null; chunked?: boolean },
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (o.contentType !== null) headers["content-type"] = o.contentType ?? "application/json";
  if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
  const bytes = new TextEncoder().encode(o.body);
  const body: BodyInit = o.chunked
    ? new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += 4096) c.enqueue(bytes.slice(i, i + 4096));
          c.close();
        },
      })
    : bytes;
  const res = await fetch(`${baseUrl}/api/edge/v1/heartbeat`, { method: "POST", headers, body, ...(o.chunked ? { duplex: "half" } : {}) } as RequestInit);
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

const JUNK: unknown[] = [null, true, false, 0, -1, 1.5, 2 ** 63, "", "x", "2026-13-45T99:99:99Z", [], {}, [1, 2], { a: 1 }, "\u0000", "💥".repeat(50)];

/** A random body: a mutated good heartbeat most of the time, else random JSON or raw bytes. */
export function randomBody(rnd: () => number, siteId: string): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const roll = rnd();
  if (roll < 0.1) return Array.from({ length: Math.floor(rnd() * 200) }, () => String.fromCharCode(Math.floor(rnd() * 0xffff))).join("");
  if (roll < 0.15) return JSON.stringify(pick(JUNK));
  if (roll < 0.17) return "x".repeat(16_000 + Math.floor(rnd() * 2000));
  const hb = goodHeartbeat(siteId, new Date(Date.now() - rnd() * 40 * 86_400_000 + (rnd() < 0.1 ? 600_000 : 0)));
  const keys = Object.keys(hb);
  const changes = roll < 0.45 ? 0 : 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < changes; i++) {
    const k = pick(keys);
    if (rnd() < 0.3) delete hb[k];
    else hb[k] = pick(JUNK);
  }
  if (rnd() < 0.05) hb.siteId = "someone-else";
  if (rnd() < 0.05) hb.extra = "x".repeat(Math.floor(rnd() * 1000));
  return JSON.stringify(hb);
}
