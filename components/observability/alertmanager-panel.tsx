"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, inputClass } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { describeSeries } from "@/lib/domain/thresholds";
import type { AlertsOverview } from "@/server/services/observability/alerts";

type Am = AlertsOverview["alertmanager"];
type AmAlert = Am["alerts"][number];

const DURATIONS: Array<[string, number]> = [["1 hour", 60], ["4 hours", 240], ["24 hours", 1440], ["3 days", 4320]];

/** Who is notified of what (Alertmanager receivers), silences; operators silence and expire. */
export function AlertmanagerPanel({ alertmanager, canAct }: { alertmanager: Am; canAct: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.alerts.overview.queryKey() });
  const expire = useMutation({ ...trpc.alerts.expireSilence.mutationOptions(), onSuccess: refresh });
  const [silencing, setSilencing] = useState<string | null>(null);
  if (!alertmanager.configured) {
    return <p className="text-sm text-muted">No Alertmanager configured (set <code>ALERTMANAGER_URL</code> to see notifications and manage silences).</p>;
  }
  return (
    <div className="space-y-4">
      <div>
        <h3 className="mb-1 text-sm font-medium">Notifications ({alertmanager.alerts.length})</h3>
        {alertmanager.alerts.length === 0 && <p className="text-sm text-muted">Alertmanager holds no alerts.</p>}
        <ul className="space-y-2 text-sm" data-testid="alertmanager-alerts">
          {alertmanager.alerts.map((a) => (
            <li key={a.fingerprint} className="rounded-md border border-line p-2">
              <div className="flex flex-wrap items-center gap-2">
                <StatusPill status={a.state === "suppressed" ? "silenced" : a.state} label={a.state === "suppressed" ? "silenced" : a.state} />
                <span className="font-medium">{a.labels.alertname}</span>
                <span className="break-all font-mono text-xs text-muted">{describeSeries(Object.fromEntries(Object.entries(a.labels).filter(([k]) => k !== "alertname")))}</span>
              </div>
              <p className="mt-0.5 text-xs text-muted">
                notifying <strong className="text-fg">{a.receivers.join(", ") || "nobody"}</strong> · since <RelativeTime at={a.startsAt} />
              </p>
              {canAct &&
                a.state !== "suppressed" &&
                (silencing === a.fingerprint ? (
                  <SilenceForm alert={a} onDone={() => setSilencing(null)} />
                ) : (
                  <Button write className="mt-1" onClick={() => setSilencing(a.fingerprint)}>
                    Silence…
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">Silences</h3>
        {alertmanager.silences.length === 0 && <p className="text-sm text-muted">No silences.</p>}
        {expire.error && <p role="alert" className="text-sm text-bad">{expire.error.message}</p>}
        <ul className="space-y-1 text-sm" data-testid="silences">
          {alertmanager.silences.slice(0, 30).map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-2">
              <StatusPill status={s.state} />
              <span className="break-all font-mono text-xs">{s.matchers.map((m) => `${m.name}${m.isRegex ? "=~" : "="}"${m.value}"`).join(", ")}</span>
              <span className="text-xs text-muted">
                by {s.createdBy} · “{s.comment}” · {s.state === "expired" ? "ended" : "ends"} <RelativeTime at={s.endsAt} />
              </span>
              {canAct && s.state === "active" && (
                <Button write variant="ghost" disabled={expire.isPending} onClick={() => expire.mutate({ silenceId: s.id })}>
                  Expire
                </Button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function SilenceForm({ alert, onDone }: { alert: AmAlert; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [minutes, setMinutes] = useState(60);
  const [comment, setComment] = useState("");
  const create = useMutation({
    ...trpc.alerts.createSilence.mutationOptions(),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: trpc.alerts.overview.queryKey() });
      onDone();
    },
  });
  const matchers = Object.entries(alert.labels).map(([name, value]) => ({ name, value, isRegex: false }));
  return (
    <form
      className="mt-2 space-y-2 rounded-md border border-line bg-surface-2 p-2"
      aria-label={`Silence ${alert.labels.alertname}`}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ matchers, durationMinutes: minutes, comment });
      }}
    >
      <p className="text-xs text-muted">Silences exactly this alert ({matchers.length} labels). Audited.</p>
      <div className="flex flex-wrap gap-2">
        <select aria-label="Duration" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} className={`${inputClass} w-auto`}>
          {DURATIONS.map(([label, m]) => (
            <option key={m} value={m}>
              {label}
            </option>
          ))}
        </select>
        <input aria-label="Comment" required minLength={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="why (e.g. volume resize in progress)" className={`${inputClass} min-w-0 flex-1`} />
      </div>
      {create.error && <p role="alert" className="text-sm text-bad">{create.error.message}</p>}
      <div className="flex gap-2">
        <Button write type="submit" variant="primary" disabled={create.isPending}>
          Create silence
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
