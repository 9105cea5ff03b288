"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useUrlState } from "@/components/cluster/url-state";
import { useTRPC, useTRPCClient } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { SourceErrors } from "@/components/ui/source-errors";
import { LOG_LEVELS, type LogLevel } from "@/lib/domain/logql";
import { LABEL_FILTERS, LogFilters, type LogForm } from "./log-filters";
import { LogLines, type ShownLine } from "./log-lines";
import { RangePicker } from "./range-picker";

const RANGES = ["15m", "1h", "6h", "24h", "7d"] as const;
type Range = (typeof RANGES)[number];
const PAGE = 200;
const FOLLOW_MS = 3_000;

function formFromParams(p: URLSearchParams): LogForm {
  const levels = (p.get("level") ?? "").split(",").filter((l): l is LogLevel => (LOG_LEVELS as readonly string[]).includes(l));
  return {
    cluster: p.get("cluster") ?? "",
    namespace: p.get("namespace") ?? "",
    app: p.get("app") ?? "",
    pod: p.get("pod") ?? "",
    container: p.get("container") ?? "",
    levels,
    contains: p.get("q") ?? "",
    regex: p.get("re") ?? "",
    logql: p.get("logql") ?? "",
    raw: p.has("logql"),
  };
}

function searchInput(p: URLSearchParams): SearchInput {
  const form = formFromParams(p);
  const range: Range = (RANGES as readonly string[]).includes(p.get("range") ?? "") ? (p.get("range") as Range) : "1h";
  return {
    filters: {
      ...Object.fromEntries(LABEL_FILTERS.filter((l) => form[l]).map((l) => [l, form[l]])),
      ...(form.levels.length ? { levels: form.levels } : {}),
      ...(form.contains ? { contains: form.contains } : {}),
      ...(form.regex ? { regex: form.regex } : {}),
    },
    ...(form.raw && form.logql.trim() ? { logql: form.logql } : {}),
    range,
    limit: PAGE,
  };
}

/** The Logs page: filters in the URL (the pod page links here), newest first, load more, follow. */
export function LogsView() {
  const [params, set] = useUrlState();
  const form = formFromParams(params);
  const apply = (f: LogForm) =>
    set({
      ...Object.fromEntries(LABEL_FILTERS.map((l) => [l, f.raw ? null : f[l].trim()])),
      level: f.raw ? null : f.levels.join(","),
      q: f.raw ? null : f.contains,
      re: f.raw ? null : f.regex,
      logql: f.raw ? f.logql || " " : null,
    });
  const qs = params.toString();
  const input = useMemo(() => searchInput(new URLSearchParams(qs)), [qs]);
  const key = JSON.stringify(input);
  return (
    <div className="space-y-3">
      <LogFilters key={`f-${qs}`} initial={form} onApply={apply} />
      <RangePicker ranges={RANGES} value={input.range} onChange={(r) => set({ range: r === "1h" ? null : r })} />
      <LogResults key={key} input={input} />
    </div>
  );
}

type SearchInput = { filters: Record<string, unknown>; logql?: string; range: Range; limit: number };

function LogResults({ input }: { input: SearchInput }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const first = useQuery({ ...trpc.logs.search.queryOptions(input), refetchOnWindowFocus: false });
  const [older, setOlder] = useState<ShownLine[]>([]);
  const [newer, setNewer] = useState<ShownLine[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [follow, setFollow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const newest = useRef<string | null>(null);

  useEffect(() => {
    if (first.data && newest.current === null) newest.current = first.data.newest;
  }, [first.data]);

  useEffect(() => {
    if (!follow) return;
    let stop = false;
    const poll = async () => {
      try {
        const after = newest.current ?? first.data?.newest ?? undefined;
        const page = await client.logs.search.query({ ...input, ...(after ? { after } : {}) });
        if (stop) return;
        if (page.lines.length) {
          newest.current = page.newest;
          setNewer((n) => [...page.lines, ...n].slice(0, 2000));
        }
        setError(null);
      } catch (e) {
        if (!stop) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void poll();
    const t = setInterval(() => void poll(), FOLLOW_MS);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [follow, client, input, first.data?.newest]);

  if (first.isPending) return <p className="text-sm text-muted">Asking Loki…</p>;
  if (first.isError) return <SourceErrors errors={[{ source: "loki", message: first.error.message }]} />;
  const nextBefore = cursor === undefined ? first.data.nextBefore : cursor;
  const lines = [...newer, ...first.data.lines, ...older];
  const loadMore = async () => {
    if (!nextBefore) return;
    setLoadingMore(true);
    try {
      const page = await client.logs.search.query({ ...input, before: nextBefore });
      setOlder((o) => [...o, ...page.lines]);
      setCursor(page.nextBefore);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <code className="break-all rounded bg-surface-2 px-1.5 py-0.5 text-xs" data-testid="logql">{first.data.query}</code>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow (every {FOLLOW_MS / 1000} s)
        </label>
        <span className="text-muted">{lines.length} lines, newest first</span>
      </div>
      {error && <SourceErrors errors={[{ source: "loki", message: error }]} />}
      {lines.length === 0 ? <p className="text-sm text-muted">No lines match in this range.</p> : <LogLines lines={lines} />}
      {nextBefore && (
        <Button onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? "Loading…" : "Load older lines"}
        </Button>
      )}
    </div>
  );
}
