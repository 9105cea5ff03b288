"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, inputClass } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge, StatusPill } from "@/components/ui/status-pill";
import { formatDuration, parseDuration } from "@/lib/domain/duration";
import { COMPARISONS, describeSeries, SEVERITIES, type Comparison, type Severity } from "@/lib/domain/thresholds";
import { formatValue } from "@/lib/domain/units";
import type { AlertsOverview } from "@/server/services/observability/alerts";

type Threshold = AlertsOverview["thresholds"][number];

/** Each seed threshold: its rule, live state, since when, the breaching series; admins edit it. */
export function ThresholdTable({ thresholds, canEdit }: { thresholds: Threshold[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <ul className="divide-y divide-line" data-testid="thresholds">
      {thresholds.map((t) => {
        const e = t.evaluation;
        const state = e?.state ?? "unknown";
        return (
          <li key={t.id} className="py-3" data-testid={`threshold-${t.id}`} data-state={state}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{t.title}</span>
                  <StatusPill status={state} label={state} />
                  <Badge tone={t.severity === "critical" ? "bad" : t.severity === "warning" ? "warn" : "neutral"}>{t.severity}</Badge>
                </div>
                <p className="mt-0.5 text-sm text-muted">
                  {t.comparison} {formatValue(t.unit, t.threshold)} for {formatDuration(t.forSeconds)} → <strong className="text-fg">{t.action}</strong>
                </p>
              </div>
              <div className="text-right text-sm">
                <div className="tabular-nums" data-testid={`threshold-value-${t.id}`}>
                  now {e ? formatValue(t.unit, e.value) : "—"}
                </div>
                {e?.since != null && (
                  <div className="text-xs text-muted">
                    {state} since <RelativeTime at={e.since} />
                  </div>
                )}
              </div>
            </div>
            {t.error && <p className="mt-1 text-sm text-bad">{t.error.message}</p>}
            {e && e.breaching.length > 0 && (
              <ul className="mt-2 space-y-0.5 text-sm" aria-label={`Series breaching ${t.title}`}>
                {e.breaching.slice(0, 8).map((b) => (
                  <li key={JSON.stringify(b.labels)} className="flex flex-wrap items-center gap-2">
                    <StatusPill status={b.state} />
                    <span className="break-all font-mono text-xs">{describeSeries(b.labels)}</span>
                    <span className="tabular-nums">{formatValue(t.unit, b.value)}</span>
                    <span className="text-xs text-muted">
                      since {b.sinceBeforeWindow ? "before " : ""}
                      <RelativeTime at={b.since} />
                    </span>
                  </li>
                ))}
                {e.breaching.length > 8 && <li className="text-xs text-muted">…and {e.breaching.length - 8} more</li>}
              </ul>
            )}
            <details className="mt-1 text-xs text-muted">
              <summary className="cursor-pointer">PromQL</summary>
              <code className="block break-all whitespace-pre-wrap">{t.query}</code>
            </details>
            {canEdit &&
              (editing === t.id ? (
                <ThresholdEditor threshold={t} onDone={() => setEditing(null)} />
              ) : (
                <Button write className="mt-2" onClick={() => setEditing(t.id)}>
                  Edit threshold
                </Button>
              ))}
          </li>
        );
      })}
    </ul>
  );
}

function ThresholdEditor({ threshold: t, onDone }: { threshold: Threshold; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [query, setQuery] = useState(t.query);
  const [comparison, setComparison] = useState<Comparison>(t.comparison);
  const [value, setValue] = useState(String(t.threshold));
  const [forText, setForText] = useState(formatDuration(t.forSeconds));
  const [severity, setSeverity] = useState<Severity>(t.severity);
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation({
    ...trpc.alerts.updateThreshold.mutationOptions(),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: trpc.alerts.overview.queryKey() });
      onDone();
    },
  });
  const submit = (ev: React.FormEvent) => {
    ev.preventDefault();
    setLocalError(null);
    let forSeconds: number;
    try {
      forSeconds = parseDuration(forText);
    } catch (e) {
      return setLocalError(e instanceof Error ? e.message : String(e));
    }
    const threshold = Number(value);
    if (value.trim() === "" || !Number.isFinite(threshold)) return setLocalError("The threshold must be a number.");
    save.mutate({ id: t.id, query, comparison, threshold, forSeconds, severity });
  };
  return (
    <form onSubmit={submit} className="mt-2 space-y-2 rounded-md border border-line bg-surface-2 p-3" aria-label={`Edit ${t.title}`}>
      <label className="block text-sm">
        <span className="text-muted">PromQL (checked by Prometheus before it is saved)</span>
        <textarea value={query} onChange={(e) => setQuery(e.target.value)} rows={3} className={`${inputClass} font-mono text-xs`} name="query" />
      </label>
      <div className="flex flex-wrap gap-2">
        <label className="text-sm">
          <span className="block text-muted">Comparison</span>
          <select value={comparison} onChange={(e) => setComparison(e.target.value as Comparison)} className={inputClass} name="comparison">
            {COMPARISONS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-muted">Threshold ({t.unit})</span>
          <input value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" className={inputClass} name="threshold" />
        </label>
        <label className="text-sm">
          <span className="block text-muted">For</span>
          <input value={forText} onChange={(e) => setForText(e.target.value)} className={inputClass} name="for" placeholder="5m" />
        </label>
        <label className="text-sm">
          <span className="block text-muted">Severity</span>
          <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)} className={inputClass} name="severity">
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      {(localError || save.error) && (
        <p role="alert" className="text-sm text-bad">
          {localError ?? save.error?.message}
        </p>
      )}
      <div className="flex gap-2">
        <Button write type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Checking with Prometheus…" : "Save (audited)"}
        </Button>
        <Button type="button" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
