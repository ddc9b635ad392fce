"use client";
/**
 * Latency against MACs, log-log: this device's rows and the paper's table 4 (placed at the
 * FLOPS table 2 prints for the same model). MACs predict latency only loosely: at equal
 * MACs, depthwise-heavy nets run slower per MAC than dense ones, which is the point.
 */
import { useTranslations } from "next-intl";
import {
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { logTicks } from "@/components/charts/chartData";
import { CHART_THEMES, useIsDark } from "@/components/charts/useIsDark";
import { ChartFrame } from "@/components/ui/ChartFrame";
import { formatSig } from "@/lib/format";
import { TABLE2, TABLE4, TABLE4_SETUP } from "@/lib/paper";
import type { LatencyRow } from "@/lib/tfjs/latency-table";
import { chartLegend } from "./ChartLegend";

interface Point {
  readonly x: number;
  readonly y: number;
  readonly name: string;
}

/** Table 4 rows that table 2 gives FLOPS for (GPipe has none printed). */
const PAPER_POINTS: readonly Point[] = TABLE4.flatMap((r) => {
  const flopsB = TABLE2.find((m) => m.name === r.name)?.flopsB ?? null;
  return flopsB === null ? [] : [{ x: flopsB, y: r.latencySec * 1000, name: r.name }];
});
const UNPLACED = TABLE4.filter((r) => !PAPER_POINTS.some((p) => p.name === r.name));

function domain(values: readonly number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

export default function LatencyChart({
  rows,
  backend,
}: {
  rows: readonly LatencyRow[];
  backend: string;
}) {
  const t = CHART_THEMES[useIsDark() ? "dark" : "light"];
  const tr = useTranslations("build.latency.chart");
  const ts = useTranslations("build.view");
  const mine: Point[] = rows.flatMap((r) =>
    r.status === "timed" && r.meanMs !== undefined
      ? [{ x: r.macs / 1e9, y: r.meanMs, name: r.label }]
      : [],
  );
  const all = [...mine, ...PAPER_POINTS];
  const xd = domain(all.map((p) => p.x));
  const yd = domain(all.map((p) => p.y));
  const axis = { stroke: t.muted, tick: { fill: t.muted, fontSize: 11 } };
  return (
    <ChartFrame
      id="latency"
      title={tr("title")}
      note={tr("note")}
      exportTitle={tr("exportTitle", { backend })}
      filename="latency-vs-macs"
      height={300}
      caption={tr.rich("caption", {
        data: (chunks) => <span translate="no">{chunks}</span>,
        cpu: TABLE4_SETUP.cpu,
        cores: TABLE4_SETUP.cores,
        runs: TABLE4_SETUP.runs,
        unplaced: UNPLACED.length > 0 ? "some" : "none",
        list: UNPLACED.map(
          (r) => `${r.name} (${ts("seconds", { value: String(r.latencySec) })})`,
        ).join(", "),
      })}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 4, right: 16, bottom: 16, left: 4 }}>
          <CartesianGrid stroke={t.grid} />
          <XAxis
            type="number"
            dataKey="x"
            scale="log"
            domain={xd}
            ticks={logTicks(xd)}
            allowDataOverflow
            name="MACs"
            unit="B"
            tickFormatter={(v: number) => formatSig(v, 2)}
            {...axis}
          />
          <YAxis
            type="number"
            dataKey="y"
            scale="log"
            domain={yd}
            ticks={logTicks(yd)}
            allowDataOverflow
            name={tr("latency")}
            unit=" ms"
            width={80}
            tickFormatter={(v: number) => formatSig(v, 2)}
            {...axis}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ strokeDasharray: "3 3" }}
            contentStyle={{
              background: t.background,
              border: `1px solid ${t.grid}`,
              fontSize: 12,
              color: t.text,
            }}
            formatter={(v) => formatSig(Number(v), 3)}
            labelFormatter={() => ""}
          />
          <Legend
            verticalAlign="top"
            wrapperStyle={{ fontSize: 11, paddingBottom: 4 }}
            content={chartLegend}
          />
          <Scatter
            name={backend ? tr("thisDeviceOn", { backend }) : tr("thisDevice")}
            data={mine}
            fill={t.efficientnet}
            isAnimationActive={false}
          />
          <Scatter
            name={tr("paperSeries")}
            data={[...PAPER_POINTS]}
            fill={t.others}
            shape="diamond"
            isAnimationActive={false}
          />
        </ScatterChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
