/**
 * Alertmanager's v2 API: active alerts with the receivers notified, silences (list, create, expire).
 * Every failure is an UpstreamError("alertmanager").
 */
import { env } from "@/server/config";
import { UpstreamError } from "./errors";
import { httpJson, type HttpTarget } from "./http";

export interface AmMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

export interface AmAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  /** "active" | "suppressed" | "unprocessed" */
  state: string;
  silencedBy: string[];
  inhibitedBy: string[];
  receivers: string[];
}

export interface AmSilence {
  id: string;
  matchers: AmMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  /** "active" | "pending" | "expired" */
  state: string;
}

type RawAlert = {
  fingerprint: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt: string;
  status: { state: string; silencedBy?: string[]; inhibitedBy?: string[] };
  receivers?: Array<{ name: string }>;
};
type RawSilence = { id: string; matchers: AmMatcher[]; startsAt: string; endsAt: string; createdBy: string; comment: string; status: { state: string } };

const errorMessage = (b: unknown, raw: string) =>
  typeof b === "string" ? b : ((b as { message?: string } | undefined)?.message ?? (raw.trim().slice(0, 300) || undefined));

export class AlertmanagerClient {
  private readonly target: HttpTarget;

  constructor(opts: { url: string; timeoutMs?: number }) {
    this.target = { source: "alertmanager", baseUrl: opts.url, timeoutMs: opts.timeoutMs ?? 8_000 };
  }

  async alerts(): Promise<AmAlert[]> {
    const raw = await httpJson<RawAlert[]>(this.target, "/api/v2/alerts", { errorMessage });
    return raw.map((a) => ({
      fingerprint: a.fingerprint,
      labels: a.labels,
      annotations: a.annotations ?? {},
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      state: a.status.state,
      silencedBy: a.status.silencedBy ?? [],
      inhibitedBy: a.status.inhibitedBy ?? [],
      receivers: (a.receivers ?? []).map((r) => r.name),
    }));
  }

  async silences(): Promise<AmSilence[]> {
    const raw = await httpJson<RawSilence[]>(this.target, "/api/v2/silences", { errorMessage });
    return raw.map((s) => ({ ...s, state: s.status.state }));
  }

  async createSilence(s: { matchers: AmMatcher[]; startsAt: Date; endsAt: Date; createdBy: string; comment: string }): Promise<string> {
    if (s.matchers.length === 0) throw new UpstreamError("alertmanager", "a silence needs at least one matcher", { status: 400 });
    const r = await httpJson<{ silenceID: string }>(this.target, "/api/v2/silences", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        matchers: s.matchers.map((m) => ({ ...m, isEqual: m.isEqual ?? true })),
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        createdBy: s.createdBy,
        comment: s.comment,
      }),
      errorMessage,
    });
    return r.silenceID;
  }

  async expireSilence(id: string): Promise<void> {
    await httpJson<unknown>(this.target, `/api/v2/silence/${encodeURIComponent(id)}`, { method: "DELETE", errorMessage });
  }
}

/** The configured Alertmanager, or null when ALERTMANAGER_URL is not set. */
export function alertmanagerFromEnv(): AlertmanagerClient | null {
  const url = env().ALERTMANAGER_URL;
  return url ? new AlertmanagerClient({ url }) : null;
}

export function requireAlertmanager(): AlertmanagerClient {
  const a = alertmanagerFromEnv();
  if (!a) throw new UpstreamError("alertmanager", "not configured — set ALERTMANAGER_URL to see notifications and manage silences");
  return a;
}
