"use client";

import { useMemo } from "react";
import type uPlot from "uplot";
import { formatValue } from "@/lib/domain/units";
import { cssVar, UPlotChart } from "./uplot-chart";

/** A small line without axes, with the latest value beside it: for detail pages and tables. */
export function Sparkline({
  t,
  values,
  unit,
  label,
  height = 40,
}: {
  t: number[];
  values: Array<number | null>;
  unit: string;
  label: string;
  height?: number;
}) {
  const data = useMemo<uPlot.AlignedData>(() => [t, values], [t, values]);
  const options = useMemo<Omit<uPlot.Options, "width" | "height">>(
    () => ({
      legend: { show: false },
      cursor: { show: false },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.15 : 1] } },
      series: [{}, { stroke: cssVar("--accent", "#1d4ed8"), fill: "rgba(37, 99, 235, 0.12)", width: 1.5, points: { show: false } }],
      padding: [2, 0, 2, 0],
    }),
    [],
  );
  const latest = [...values].reverse().find((v) => v !== null) ?? null;
  return (
    <div className="flex items-center gap-3">
      <div className="min-w-0 flex-1">
        {values.some((v) => v !== null) ? (
          <UPlotChart options={options} data={data} height={height} ariaLabel={`${label}: ${formatValue(unit, latest)} now`} />
        ) : (
          <p className="text-xs text-muted">no data</p>
        )}
      </div>
      <div className="w-24 shrink-0 text-right">
        <div className="text-xs text-muted">{label}</div>
        <div className="text-sm font-medium tabular-nums" data-testid={`sparkline-${label.toLowerCase()}`}>
          {formatValue(unit, latest)}
        </div>
      </div>
    </div>
  );
}
