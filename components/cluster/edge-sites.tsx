"use client";

import type { NodeRow } from "@/lib/domain/kube/summary";
import { StatusPill } from "@/components/ui/status-pill";
import { HEALTH_SORT } from "./sortable";

/** Edge nodes (grio.io/tier=edge) grouped by district and site (grio.io/district, grio.io/site); a click filters the table. */
export function EdgeSites({ rows, selected, onSelect }: { rows: NodeRow[]; selected: string; onSelect: (site: string) => void }) {
  const edge = rows.filter((n) => n.site);
  if (edge.length === 0) return null;
  const districts = new Map<string, Map<string, NodeRow[]>>();
  for (const n of edge) {
    const d = n.district ?? "—";
    const sites = districts.get(d) ?? new Map<string, NodeRow[]>();
    sites.set(n.site!, [...(sites.get(n.site!) ?? []), n]);
    districts.set(d, sites);
  }
  return (
    <div data-testid="edge-sites" className="mb-3 space-y-1 text-sm">
      {[...districts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([district, sites]) => (
        <div key={district} className="flex flex-wrap items-center gap-1">
          <span className="w-24 shrink-0 text-xs uppercase tracking-wide text-muted">{district}</span>
          {[...sites.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([site, nodes]) => {
            const worst = [...nodes].sort((a, b) => (HEALTH_SORT[a.health] ?? 9) - (HEALTH_SORT[b.health] ?? 9))[0]!;
            const ready = nodes.filter((n) => n.status.startsWith("Ready")).length;
            return (
              <button key={site} type="button" onClick={() => onSelect(selected === site ? "" : site)} aria-pressed={selected === site}
                className={`rounded-md border px-1.5 py-0.5 ${selected === site ? "border-accent" : "border-line"}`}>
                <StatusPill status={worst.health} label={`${site} ${ready}/${nodes.length}`} title={`${nodes.length} node(s), ${ready} ready`} />
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
