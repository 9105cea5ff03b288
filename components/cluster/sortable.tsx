"use client";

import { useMemo, useState } from "react";

export type SortValue = string | number | null | undefined;

/** Click-to-sort table headers: returns sorted rows and a header renderer. */
export function useSort<Row>(rows: Row[], accessors: Record<string, (r: Row) => SortValue>, initial: { key: string; dir: 1 | -1 }) {
  const [sort, setSort] = useState(initial);
  const sorted = useMemo(() => {
    const get = accessors[sort.key];
    if (!get) return rows;
    return [...rows].sort((a, b) => {
      const x = get(a);
      const y = get(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true })) * sort.dir;
    });
  }, [rows, accessors, sort]);
  const header = (key: string, label: string) => (
    <button
      type="button"
      className="inline-flex items-center gap-1 uppercase hover:text-fg"
      aria-sort={sort.key === key ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
      onClick={() => setSort((s) => ({ key, dir: s.key === key ? ((-s.dir) as 1 | -1) : 1 }))}
    >
      {label}
      {sort.key === key && <span aria-hidden>{sort.dir === 1 ? "▲" : "▼"}</span>}
    </button>
  );
  return { sorted, header };
}

export const HEALTH_SORT: Record<string, number> = { failed: 0, degraded: 1, progressing: 2, healthy: 3 };
