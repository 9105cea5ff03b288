"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, inputClass } from "@/components/ui/button";
import { LOG_LEVELS, type LogLevel } from "@/lib/domain/logql";

export const LABEL_FILTERS = ["cluster", "namespace", "app", "pod", "container"] as const;
export type LogForm = Record<(typeof LABEL_FILTERS)[number], string> & { levels: LogLevel[]; contains: string; regex: string; logql: string; raw: boolean };

function Suggest({ label }: { label: (typeof LABEL_FILTERS)[number] }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.logs.labelValues.queryOptions({ label }), staleTime: 60_000 });
  return (
    <datalist id={`log-${label}-values`}>
      {(q.data?.values ?? []).slice(0, 300).map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}

/** Structured filters (escaped into LogQL by the server) or raw LogQL (validated by the server). */
export function LogFilters({ initial, onApply }: { initial: LogForm; onApply: (f: LogForm) => void }) {
  const [f, setF] = useState<LogForm>(initial);
  const set = (patch: Partial<LogForm>) => setF((x) => ({ ...x, ...patch }));
  return (
    <form
      className="space-y-2"
      aria-label="Log filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={f.raw} onChange={(e) => set({ raw: e.target.checked })} />
        Type LogQL
      </label>
      {f.raw ? (
        <textarea
          aria-label="LogQL"
          rows={2}
          value={f.logql}
          onChange={(e) => set({ logql: e.target.value })}
          className={`${inputClass} font-mono text-xs`}
          placeholder='{namespace="grio", app="django-api"} |= "500"'
        />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
            {LABEL_FILTERS.map((l) => (
              <label key={l} className="text-sm">
                <span className="block text-muted">{l === "app" ? "app / workload" : l}</span>
                <input list={`log-${l}-values`} name={l} value={f[l]} onChange={(e) => set({ [l]: e.target.value })} className={inputClass} autoComplete="off" />
                <Suggest label={l} />
              </label>
            ))}
          </div>
          <div className="grid gap-2 sm:grid-cols-2">
            <label className="text-sm">
              <span className="block text-muted">Text contains</span>
              <input name="contains" value={f.contains} onChange={(e) => set({ contains: e.target.value })} className={inputClass} />
            </label>
            <label className="text-sm">
              <span className="block text-muted">Regex (RE2)</span>
              <input name="regex" value={f.regex} onChange={(e) => set({ regex: e.target.value })} className={`${inputClass} font-mono`} />
            </label>
          </div>
          <fieldset className="flex flex-wrap items-center gap-3 text-sm">
            <legend className="sr-only">Levels</legend>
            <span className="text-muted">Level</span>
            {LOG_LEVELS.map((l) => (
              <label key={l} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={f.levels.includes(l)}
                  onChange={(e) => set({ levels: e.target.checked ? [...f.levels, l] : f.levels.filter((x) => x !== l) })}
                />
                {l}
              </label>
            ))}
          </fieldset>
        </>
      )}
      <Button type="submit" variant="primary">
        Search
      </Button>
    </form>
  );
}
