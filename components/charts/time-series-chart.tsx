"use client";

import { useMemo } from "react";
import type uPlot from "uplot";
import { formatValue } from "@/lib/domain/units";
import { cssVar, UPlotChart } from "./uplot-chart";

/** Distinguishable on light and dark backgrounds; series beyond ten reuse them dashed. */
const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#ea580c", "#4f46e5"];

export interface ChartSeries {
  name: string;
  values: Array<number | null>;
}

/**
 * Time series on one shared time axis (x in epoch seconds), values formatted by unit. Generic:
 * any page with aligned series can use it. The legend sits under the chart and wraps, so it stays
 * readable on a 390 px phone; hovering shows every series' value at that moment.
 */
export function TimeSeriesChart({
  t,
  series,
  unit,
  height = 180,
  ariaLabel,
  threshold,
}: {
  t: number[];
  series: ChartSeries[];
  unit: string;
  height?: number;
  ariaLabel: string;
  /** a horizontal line, e.g. the alert threshold */
  threshold?: number;
}) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const cols: Array<Array<number | null>> = series.map((s) => s.values);
    if (threshold !== undefined) cols.push(t.map(() => threshold));
    return [t, ...cols] as uPlot.AlignedData;
  }, [t, series, threshold]);
  const names = series.map((s) => s.name).join("\u0000");
  const options = useMemo<Omit<uPlot.Options, "width" | "height">>(() => {
    const axis = { stroke: cssVar("--muted", "#5b6472"), grid: { stroke: cssVar("--line", "#e2e5ea"), width: 1 }, ticks: { show: false } };
    const list = names ? names.split("\u0000") : [];
    return {
      // many series: a plain legend (values on hover would push the chart off a phone screen)
      legend: { show: true, live: list.length <= 4 },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
      axes: [
        { ...axis, space: 60 },
        { ...axis, size: 64, values: (_u, ticks) => ticks.map((v) => formatValue(unit, v, { short: true })) },
      ],
      series: [
        { value: (_u, v) => (v === null ? "—" : new Date(v * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })) },
        ...list.map((name, i) => ({
          label: name,
          stroke: PALETTE[i % PALETTE.length],
          width: 1.5,
          dash: i >= PALETTE.length ? [4, 3] : undefined,
          spanGaps: false,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => formatValue(unit, v),
        })),
        ...(threshold !== undefined
          ? [{ label: "threshold", stroke: cssVar("--bad", "#b91c1c"), width: 1, dash: [6, 4], points: { show: false }, value: () => formatValue(unit, threshold) }]
          : []),
      ],
    };
  }, [names, unit, threshold]);
  const hasData = series.some((s) => s.values.some((v) => v !== null));
  if (!hasData) return <p className="py-6 text-center text-sm text-muted">No data in this range.</p>;
  return (
    <div className="text-xs [&_.u-legend_.u-series:first-child]:hidden! [&_.u-legend_.u-label]:font-normal!">
      <UPlotChart options={options} data={data} height={height} ariaLabel={ariaLabel} />
    </div>
  );
}
