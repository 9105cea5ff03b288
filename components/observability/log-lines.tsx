"use client";

import { AbsoluteTime } from "@/components/ui/relative-time";
import type { LogLevel } from "@/lib/domain/logql";

export interface ShownLine {
  ts: string;
  line: string;
  labels: Record<string, string>;
  level: LogLevel | null;
}

const LEVEL_CLASS: Record<LogLevel, string> = {
  error: "border-l-bad bg-bad/10",
  warn: "border-l-warn bg-warn/10",
  info: "border-l-transparent",
  debug: "border-l-transparent text-muted",
};

/** Newest first, one row per line, coloured by the level the line declares. */
export function LogLines({ lines }: { lines: ShownLine[] }) {
  return (
    <ol className="divide-y divide-line overflow-x-auto rounded-md border border-line font-mono text-xs" data-testid="log-lines">
      {lines.map((l, i) => (
        <li key={`${l.ts}-${i}`} data-level={l.level ?? "none"} className={`border-l-4 px-2 py-1 ${l.level ? LEVEL_CLASS[l.level] : "border-l-transparent"}`}>
          <div className="flex flex-wrap gap-x-2 text-[11px] text-muted">
            <AbsoluteTime at={Number(BigInt(l.ts) / 1_000_000n)} />
            {l.level && <span className={l.level === "error" ? "font-semibold text-bad" : l.level === "warn" ? "font-semibold text-warn" : ""}>{l.level}</span>}
            <span>{l.labels.pod ?? l.labels.job}</span>
            {l.labels.container && <span>/{l.labels.container}</span>}
            {l.labels.cluster && <span>@{l.labels.cluster}</span>}
          </div>
          <div className="break-all whitespace-pre-wrap">{l.line}</div>
        </li>
      ))}
    </ol>
  );
}
