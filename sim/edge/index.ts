/**
 * Sync agents of the school sites: each posts heartbeats to the console's
 * POST {console}/api/edge/v1/heartbeat with its site token. On start an agent replays its last
 * 30 days (oldest first, as an agent that was offline sends its queue), then posts on its schedule
 * (compressed: every few real minutes). Some sites sync late; silent sites post nothing after
 * `silentSince`. Agents stay under the console's 60/minute limit and retry on 429, 5xx and network
 * errors, keeping their queue.
 */
import { hash32 } from "../faults";

export interface EdgeSite {
  id: string;
  token: string;
  syncInterval: "daily" | "weekly" | `${number}h`;
  /** epoch ms the site went silent (no heartbeats after it) */
  silentSince?: number;
  /** how far behind schedule its curriculum sync runs (ms); default: chosen per site */
  syncLagMs?: number;
  diskTotalBytes?: number;
}

export interface Heartbeat {
  siteId: string;
  agentVersion: string;
  curriculumVersion: string;
  lastCurriculumSyncAt: string | null;
  lastSubmissionUploadAt: string | null;
  queuedChanges: number;
  diskUsedBytes: number;
  diskTotalBytes: number;
  sentAt: string;
}

export interface EdgeAgentOptions {
  console: string;
  sites: EdgeSite[];
  now?: () => number;
  /** spacing of replayed history (hours); default 6 */
  historyEveryHours?: number;
  /** real interval between live heartbeats; default 3 minutes */
  liveEveryMs?: number;
  /** per-site send rate ceiling; default 50 (the console allows 60) */
  maxPerMinute?: number;
  /** replay the last 30 days first; default true */
  replay?: boolean;
  /** wait before retrying after 429 / 5xx / no answer; default 10 s / 5 s */
  retryMs?: number;
}

export interface AgentStats {
  sent: number;
  accepted: number;
  refused: Array<{ status: number; body: string }>;
  queued: number;
  lastError?: string;
}

export interface EdgeAgents {
  stats(siteId: string): AgentStats;
  /** the site loses its uplink (heartbeats queue up) or gets it back (the queue drains, oldest first) */
  setOffline(siteId: string, offline: boolean): void;
  /** resolves when every agent's queue is empty (or after timeoutMs) */
  drained(timeoutMs?: number): Promise<void>;
  stop(): void;
}

const DAY = 86_400_000;
export const CURRENT_CURRICULUM = "2026.11.2";
export const AGENT_VERSION = "2.3.1";

function intervalMs(s: EdgeSite["syncInterval"]): number {
  if (s === "daily") return DAY;
  if (s === "weekly") return 7 * DAY;
  return Number(s.slice(0, -1)) * 3_600_000;
}

/**
 * default lag: a few sites run late, the rest on time. A lag of 1.55–1.85 intervals keeps the
 * age of the last sync (lag + up to one interval) between 1.5× and 3× the interval: `late`.
 */
export function defaultSyncLag(site: EdgeSite): number {
  const h = hash32(`lag/${site.id}`);
  return h % 5 === 0 ? Math.round(intervalMs(site.syncInterval) * (1.55 + (h % 4) / 10)) : 0;
}

/** The heartbeat a site's agent sends at time t. */
export function heartbeatAt(site: EdgeSite, t: number): Heartbeat {
  const every = intervalMs(site.syncInterval);
  const h = hash32(site.id);
  const offset = ((h % 180) + 60) * 60_000; // sync runs at ~01:00–04:00 UTC, per site
  const lag = site.syncLagMs ?? defaultSyncLag(site);
  const syncTime = (x: number) => Math.floor((x - offset) / every) * every + offset;
  const lastSync = syncTime(t - lag);
  const behind = lag > every;
  const total = site.diskTotalBytes ?? (h % 2 === 0 ? 128 : 512) * 1024 ** 3;
  const usedFraction = 0.3 + (h % 30) / 100 + ((t % (30 * DAY)) / (30 * DAY)) * 0.02;
  // pupils upload work during school hours (06:00–15:00 UTC = 09:00–18:00 in Kampala)
  const hourUtc = new Date(t).getUTCHours();
  const lastUpload = hourUtc >= 6 && hourUtc < 15 ? t - ((h >>> 4) % 20) * 60_000 : Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), new Date(t).getUTCDate(), hourUtc < 6 ? -9 : 14, 40 + (h % 19));
  return {
    siteId: site.id,
    agentVersion: h % 6 === 1 ? "2.2.4" : AGENT_VERSION,
    curriculumVersion: behind || h % 9 === 2 ? "2026.10.1" : CURRENT_CURRICULUM,
    lastCurriculumSyncAt: new Date(lastSync).toISOString(),
    lastSubmissionUploadAt: new Date(Math.min(lastUpload, t)).toISOString(),
    queuedChanges: behind ? 40 + (Math.floor(t / 3_600_000) % 200) : hourUtc >= 6 && hourUtc < 15 ? (h >>> 8) % 5 : 0,
    diskUsedBytes: Math.round(total * usedFraction),
    diskTotalBytes: total,
    sentAt: new Date(t).toISOString(),
  };
}

/** the replayed history: every `everyHours` over the last 30 days, oldest first, until silent */
export function history(site: EdgeSite, now: number, everyHours: number): Heartbeat[] {
  const step = everyHours * 3_600_000;
  const from = now - 30 * DAY + 10 * 60_000;
  const until = site.silentSince ?? now;
  const out: Heartbeat[] = [];
  for (let t = Math.ceil(from / step) * step + (hash32(site.id) % 600) * 1000; t < until && t < now; t += step) out.push(heartbeatAt(site, t));
  return out;
}

export function startEdgeAgents(opts: EdgeAgentOptions): EdgeAgents {
  const now = opts.now ?? Date.now;
  const spacing = 60_000 / (opts.maxPerMinute ?? 50);
  const url = `${opts.console.replace(/\/$/, "")}/api/edge/v1/heartbeat`;
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    timers.add(t);
  };

  const agents = new Map(
    opts.sites.map((site) => {
      const queue: Heartbeat[] = opts.replay === false ? [] : history(site, now(), opts.historyEveryHours ?? 6);
      const stats: AgentStats = { sent: 0, accepted: 0, refused: [], queued: queue.length };
      return [site.id, { site, queue, stats, offline: false, busy: false, revoked: false }];
    }),
  );

  const pump = async (id: string): Promise<void> => {
    const a = agents.get(id)!;
    if (a.busy || stopped || a.revoked) return;
    a.busy = true;
    try {
      while (!stopped && !a.offline && a.queue.length > 0) {
        const hb = a.queue[0]!;
        let status = 0;
        let body = "";
        try {
          const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${a.site.token}` }, body: JSON.stringify(hb), signal: AbortSignal.timeout(15_000) });
          status = res.status;
          body = await res.text();
        } catch (e) {
          a.stats.lastError = e instanceof Error ? e.message : String(e);
        }
        a.stats.sent++;
        if (status === 202 || status === 200 || status === 201) {
          a.stats.accepted++;
          a.queue.shift();
        } else if (status === 401) {
          a.revoked = true; // a revoked token: the agent stops and waits for a new one
          a.stats.refused.push({ status, body });
          break;
        } else if (status >= 400 && status < 500 && status !== 429 && status !== 408) {
          a.stats.refused.push({ status, body }); // a body the console will never take: drop it
          a.queue.shift();
        } else {
          // 429, 5xx or no answer: keep it queued and try again later
          if (status) a.stats.lastError = `HTTP ${status}: ${body.slice(0, 200)}`;
          await new Promise<void>((r) => later(opts.retryMs ?? (status === 429 ? 10_000 : 5_000), r));
          continue;
        }
        a.stats.queued = a.queue.length;
        await new Promise<void>((r) => later(spacing, r));
      }
    } finally {
      a.busy = false;
      a.stats.queued = a.queue.length;
    }
  };

  const tick = (id: string) => {
    const a = agents.get(id)!;
    const t = now();
    if (a.site.silentSince === undefined || t < a.site.silentSince) {
      a.queue.push(heartbeatAt(a.site, t));
      a.stats.queued = a.queue.length;
      void pump(id);
    }
    later(opts.liveEveryMs ?? 180_000, () => tick(id));
  };

  for (const id of agents.keys()) {
    void pump(id).then(() => {
      if (!stopped) tick(id);
    });
  }

  return {
    stats: (id) => {
      const a = agents.get(id);
      if (!a) throw new Error(`no agent for site ${id}`);
      return a.stats;
    },
    setOffline(id, offline) {
      const a = agents.get(id);
      if (!a) throw new Error(`no agent for site ${id}`);
      a.offline = offline;
      if (!offline) void pump(id);
    },
    async drained(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while ([...agents.values()].some((a) => !a.revoked && !a.offline && (a.queue.length > 0 || a.busy))) {
        if (Date.now() > deadline) throw new Error("edge agents did not drain their queues in time");
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
