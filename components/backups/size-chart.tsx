"use client";

import { useMemo } from "react";
import type uPlot from "uplot";
import { cssVar, UPlotChart } from "@/components/charts/uplot-chart";
import type { SizePoint } from "@/lib/domain/backups/status";
import { humanBytes } from "@/lib/domain/humanize";

/** Size of every backup of a stream; anomalous ones (under half the median of the previous seven) in red. */
export function SizeChart({ stream, points }: { stream: string; points: SizePoint[] }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [
      points.map((p) => new Date(p.at).getTime() / 1000),
      points.map((p) => p.size),
      points.map((p) => (p.anomalous ? p.size : null)),
    ],
    [points],
  );
  const options = useMemo<Omit<uPlot.Options, "width" | "height">>(
    () => ({
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [
        { stroke: cssVar("--muted", "#5b6472"), grid: { stroke: cssVar("--line", "#e2e5ea") } },
        { stroke: cssVar("--muted", "#5b6472"), grid: { stroke: cssVar("--line", "#e2e5ea") }, size: 70, values: (_u, ticks) => ticks.map((t) => humanBytes(t)) },
      ],
      series: [
        {},
        { label: "size", stroke: cssVar("--accent", "#1d4ed8"), width: 2, points: { show: true, size: 4 } },
        { label: "anomalous", stroke: cssVar("--bad", "#b91c1c"), width: 0, points: { show: true, size: 9, fill: cssVar("--bad", "#b91c1c") } },
      ],
    }),
    [],
  );
  if (points.length === 0) return <p className="text-sm text-muted">No backups to chart.</p>;
  const anomalies = points.filter((p) => p.anomalous).length;
  return (
    <div>
      <UPlotChart options={options} data={data} height={160} ariaLabel={`${stream} backup sizes, ${anomalies} anomalous`} />
      <p className="mt-1 text-xs text-muted">
        {anomalies === 0 ? "No size anomalies." : `${anomalies} backup${anomalies === 1 ? "" : "s"} under half the median of the previous seven (red).`}
      </p>
    </div>
  );
}
