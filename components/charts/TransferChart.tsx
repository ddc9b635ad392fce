"use client";
/**
 * One panel of figure 6: transfer accuracy against parameters for one dataset, in the
 * explorer charts' style (EfficientNet as a red line, other models as labelled grey points,
 * log x axis, tooltips with the source row), in the shared chart frame with export.
 */
import { useTranslations } from "next-intl";
import {
  CartesianGrid,
  LabelList,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";

import { ChartFrame } from "@/components/ui/ChartFrame";

import { logTicks } from "./chartData";
import type { TransferPanel, TransferPoint } from "./transferData";
import { DATA } from "./svgData";
import { CHART_THEMES, useIsDark } from "./useIsDark";

function Tip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
}) {
  const p = payload?.[0]?.payload as TransferPoint | undefined;
  if (!active || !p) return null;
  return <TipBody p={p} />;
}

function TipBody({ p }: { p: TransferPoint }) {
  const t = useTranslations("charts.transfer");
  const values = { acc: p.y.toFixed(1), params: String(p.x), row: String(p.row) };
  return (
    <div className="rounded-md border border-border bg-surface px-3 py-2 text-xs shadow-lg">
      <div className="font-semibold" translate="no">
        {p.name}
      </div>
      <div className="tabular-nums">
        {t(p.paramsFromOtherRow ? "paramsBorrowed" : "params", values)}
      </div>
      <div className="text-muted">
        {t(p.group === "public" ? "sourcePublic" : "sourceReported", values)}
      </div>
    </div>
  );
}

function label(points: readonly TransferPoint[], fill: string, below: boolean) {
  function PointLabel(props: unknown) {
    const { x, y, index } = props as { x?: number | string; y?: number | string; index?: number };
    const p = points[index ?? 0];
    if (x === undefined || y === undefined || !p) return null;
    return (
      <text
        x={Number(x)}
        y={Number(y) + (below ? 14 : -8)}
        fontSize={10}
        fill={fill}
        textAnchor="middle"
        pointerEvents="none"
        {...DATA}
      >
        {p.name.replace("EfficientNet-", "")}
      </text>
    );
  }
  return PointLabel;
}

function domainOf(values: readonly number[]): [number, number] {
  return [
    10 ** Math.floor(Math.log10(Math.min(...values) / 1.5)),
    10 ** Math.ceil(Math.log10(Math.max(...values) * 1.5)),
  ];
}

export default function TransferChart({ panel }: { panel: TransferPanel }) {
  const t = CHART_THEMES[useIsDark() ? "dark" : "light"];
  const all = [...panel.efficientnet, ...panel.others];
  const xd = domainOf(all.map((p) => p.x));
  const ys = all.map((p) => p.y);
  const yd: [number, number] = [Math.floor(Math.min(...ys) - 1), Math.ceil(Math.max(...ys) + 1)];
  const slug = panel.dataset.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const borrowed = panel.efficientnet.filter((p) => p.paramsFromOtherRow).map((p) => p.name);
  const axis = { stroke: t.muted, tick: { fill: t.muted, fontSize: 11 } };
  const tr = useTranslations("charts.transfer");
  const to = useTranslations("charts.accuracy");
  return (
    <ChartFrame
      id={`transfer-${slug}`}
      title={panel.dataset}
      note={tr("note", { row: String(panel.source.row) })}
      exportTitle={`${panel.dataset}: transfer accuracy vs parameters (Tan & Le 2019, table 5 / figure 6)`}
      filename={`transfer-${slug}`}
      height={240}
      caption={
        [
          borrowed.length ? tr("borrowed", { names: [...new Set(borrowed)].join(", ") }) : "",
          panel.unplaced.length ? tr("unplaced", { names: panel.unplaced.join(", ") }) : "",
        ]
          .filter(Boolean)
          .join(" ") || undefined
      }
    >
      <ScatterChart
        responsive
        style={{ width: "100%", height: 240 }}
        margin={{ top: 14, right: 16, bottom: 20, left: 0 }}
      >
        <CartesianGrid stroke={t.grid} />
        <XAxis
          type="number"
          dataKey="x"
          scale="log"
          domain={xd}
          // 1-2-5 ticks crowd a narrow panel over three decades: decades only there.
          ticks={
            xd[1] / xd[0] > 100
              ? logTicks(xd).filter((v) => Number.isInteger(Math.log10(v)))
              : logTicks(xd)
          }
          allowDataOverflow
          {...axis}
          label={{
            value: tr("axis"),
            position: "insideBottom",
            offset: -12,
            fill: t.muted,
            fontSize: 11,
          }}
        />
        <YAxis
          type="number"
          dataKey="y"
          domain={yd}
          allowDecimals={false}
          width={44}
          tickFormatter={(v: number) => `${v}%`}
          {...axis}
        />
        <Tooltip
          content={(p: TooltipContentProps<ValueType, NameType>) => (
            <Tip active={p.active} payload={p.payload} />
          )}
          cursor={{ strokeDasharray: "3 3" }}
          isAnimationActive={false}
        />
        <Scatter
          name={to("others")}
          data={[...panel.others]}
          fill={t.others}
          isAnimationActive={false}
        >
          <LabelList dataKey="name" content={label(panel.others, t.muted, true)} />
        </Scatter>
        <Scatter
          name="EfficientNet"
          data={[...panel.efficientnet]}
          fill={t.efficientnet}
          line={{ stroke: t.efficientnet, strokeWidth: 2 }}
          isAnimationActive={false}
        >
          <LabelList dataKey="name" content={label(panel.efficientnet, t.efficientnet, false)} />
        </Scatter>
      </ScatterChart>
    </ChartFrame>
  );
}
