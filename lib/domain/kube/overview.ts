import type { ClusterInfo, ClusterSummary, HealthCounts } from "./summary";
import { mergeTimelines, type ChangeEntry } from "./timeline";
import type { ClusterState, TriageItem } from "./triage";

/** A triage line as the overview renders it (the rank only orders the list, on the server). */
export type OverviewTriageItem = Omit<TriageItem, "rank">;
/** A timeline line as the overview renders it (summary and link; the object is in both already). */
export type OverviewChange = Omit<ChangeEntry, "object">;

/**
 * The overview/triage page's whole payload: small (top items only, only what the page renders),
 * computed once per cache version and polled by every viewer.
 */
export interface Overview {
  computedAt: number;
  clusters: Array<ClusterInfo & {
    status: ClusterState;
    synced: boolean;
    /** last-known data shown while the cluster is not connected */
    stale: boolean;
    counts: { nodes: HealthCounts; workloads: HealthCounts; pods: HealthCounts };
  }>;
  triage: OverviewTriageItem[];
  triageTotal: number;
  timeline: OverviewChange[];
  /** the cluster configuration could not be read */
  configError: string | null;
}

/** The overview carries the most urgent items only (the Pods/Nodes/Workloads pages filter the rest): a small payload for every 4 s poll. */
export const OVERVIEW_TRIAGE_LIMIT = 50;
export const OVERVIEW_TIMELINE_LIMIT = 60;
/** One line stays one line: long scheduler messages are cut (the detail page has them whole). */
export const OVERVIEW_LINE_CHARS = 240;

export const oneLine = (s: string, max = OVERVIEW_LINE_CHARS): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function buildOverview(summaries: Array<{ summary: ClusterSummary; synced: boolean }>, now: number, configError: string | null = null): Overview {
  const triage = summaries.flatMap((s) => s.summary.triage)
    .sort((a, b) => b.rank - a.rank || (b.since ?? 0) - (a.since ?? 0) || a.id.localeCompare(b.id));
  return {
    computedAt: now,
    clusters: summaries.map(({ summary: s, synced }) => ({
      ...s.info, status: s.status, synced, stale: s.status.state !== "connected",
      counts: s.counts,
    })),
    triage: triage.slice(0, OVERVIEW_TRIAGE_LIMIT).map(({ rank: _rank, ...t }) => ({ ...t, message: oneLine(t.message) })),
    triageTotal: triage.length,
    timeline: mergeTimelines(summaries.map((s) => s.summary.timeline), OVERVIEW_TIMELINE_LIMIT)
      .map(({ object: _object, ...e }) => ({ ...e, summary: oneLine(e.summary) })),
    configError,
  };
}
