"use client";

/** 15 m · 1 h · 6 h · 24 h · 7 d as a segmented control (kept in the URL by the caller). */
export function RangePicker<R extends string>({ ranges, value, onChange, label = "Time range" }: { ranges: readonly R[]; value: R; onChange: (r: R) => void; label?: string }) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex overflow-hidden rounded-md border border-line">
      {ranges.map((r) => (
        <button
          key={r}
          type="button"
          role="radio"
          aria-checked={r === value}
          onClick={() => onChange(r)}
          className={`px-2.5 py-1 text-sm ${r === value ? "bg-accent text-white" : "bg-surface text-fg hover:bg-surface-2"} border-l border-line first:border-l-0`}
        >
          {r}
        </button>
      ))}
    </div>
  );
}
