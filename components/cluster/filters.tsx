"use client";

import { inputClass } from "@/components/ui/button";

/** A labelled select bound to a URL parameter. */
export function FilterSelect({ label, value, options, onChange, testId }: {
  label: string; value: string; options: Array<string | { value: string; label: string }>; onChange: (v: string) => void; testId?: string;
}) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-muted">
      {label}
      <select aria-label={label} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} className={`${inputClass} min-w-32`}>
        <option value="">All</option>
        {options.map((o) => {
          const v = typeof o === "string" ? o : o.value;
          return <option key={v} value={v}>{typeof o === "string" ? o : o.label}</option>;
        })}
      </select>
    </label>
  );
}

export function FilterText({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-muted">
      {label}
      <input aria-label={label} defaultValue={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} className={`${inputClass} min-w-40`} />
    </label>
  );
}

export const HEALTHS = ["failed", "degraded", "progressing", "healthy"];

/** A column's distinct non-empty values, sorted: the options of its FilterSelect. */
export function distinctOptions(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort();
}
