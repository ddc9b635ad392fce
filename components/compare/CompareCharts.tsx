"use client";
/**
 * Curves in the spirit of the paper's figures 3, 4 and 8, for the chosen baseline:
 *  - top-1 against MACs per strategy (figure 8): published points, fitted estimates only
 *    where published points of that strategy support them, and the four solved networks;
 *  - MACs and estimated top-1 as one coefficient grows (figure 3);
 *  - width scaling from four (d, r) baselines (figure 4): MACs only, since the paper
 *    publishes no accuracy for those starting points.
 */
import { useTranslations } from "next-intl";
import { memo } from "react";
import {
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";

import { CHART_THEMES, useIsDark } from "@/components/charts/useIsDark";
import { ChartFrame } from "@/components/ui/ChartFrame";
import type { CompareView } from "@/lib/estimate/compareView";
import { logTicks } from "@/components/charts/chartData";
import { formatSig } from "@/lib/format";
import { STRATEGIES, type Strategy } from "@/lib/scaling/invert";

import { STRATEGY_COLOR, useStrategyLabel } from "./StrategyColumns";
import { chartLegend } from "@/components/build/ChartLegend";

const F4_COLORS = ["#6366f1", "#0ea5e9", "#f59e0b", "#e11d48"];

/** A compare chart in the shared frame (title, caption, SVG / PNG export). */
function Frame({
  title,
  note,
  children,
  id,
}: {
  title: string;
  note: string;
  children: React.ReactNode;
  id: string;
}) {
  return (
    <ChartFrame
      id={id}
      title={title}
      exportTitle={title}
      filename={`compare-${id}`}
      caption={note}
      height={256}
    >
      {children}
    </ChartFrame>
  );
}

interface Series {
  readonly key: string;
  readonly name: string;
  readonly color: string;
  readonly data: readonly { x: number; y: number }[];
}

/** One framed chart of connected points per series, linear x and optionally log y. */
function CurveChart({
  id,
  title,
  note,
  series,
  xMin,
  yLog = false,
  yUnit,
  yTick,
}: {
  id: string;
  title: string;
  note: string;
  series: readonly Series[];
  xMin: number;
  yLog?: boolean;
  yUnit?: string;
  yTick?: (v: number) => string;
}) {
  const { axis, tip, grid } = useChartStyle();
  return (
    <Frame id={id} title={title} note={note}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={grid} />
          <XAxis type="number" dataKey="x" domain={[xMin, "auto"]} {...axis} />
          <YAxis
            type="number"
            dataKey="y"
            {...(yLog ? { scale: "log" as const } : {})}
            domain={["auto", "auto"]}
            {...(yUnit ? { unit: yUnit } : {})}
            {...axis}
            width={52}
            {...(yTick ? { tickFormatter: yTick } : {})}
          />
          <Tooltip {...tip} formatter={(v) => formatSig(Number(v), 4)} />
          <Legend
            verticalAlign="top"
            wrapperStyle={{ fontSize: 11, paddingBottom: 4 }}
            content={chartLegend}
          />
          {series.map((sr) => (
            <Scatter
              key={sr.key}
              name={sr.name}
              data={[...sr.data]}
              fill={sr.color}
              line={{ stroke: sr.color }}
              isAnimationActive={false}
            />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </Frame>
  );
}

/** Axis and tooltip styling for the current theme. */
function useChartStyle() {
  const t = CHART_THEMES[useIsDark() ? "dark" : "light"];
  return {
    theme: t,
    grid: t.grid,
    axis: { stroke: t.muted, tick: { fill: t.muted, fontSize: 11 } },
    tip: {
      contentStyle: {
        background: t.background,
        border: `1px solid ${t.grid}`,
        fontSize: 12,
        color: t.text,
      },
      cursor: { strokeDasharray: "3 3" },
    },
  };
}

function CompareChartsImpl({ view }: { view: CompareView }) {
  const { axis, tip, theme: t } = useChartStyle();
  const tr = useTranslations("compare.charts");
  const label = useStrategyLabel();
  const c = view.comparison;
  const base = c.baseline.macs;
  const acc8 = (s: Strategy) =>
    view.curves[s]
      .filter((p) => p.top1 !== null)
      .map((p) => ({ x: p.macs / 1e9, y: p.top1!, name: `${s} ${formatSig(p.x)}` }));
  const pub = (s: Strategy) =>
    view.published[s].map((p) => ({
      x: p.flopsB,
      y: p.top1,
      name: tr("pubPoint", { label: p.label, table: p.source.table, row: p.source.row }),
    }));
  const anchor = STRATEGIES.map((s) => view.anchors[s]).find((a) => a);
  const current = c.configs.map((cfg, i) => {
    const a = view.accuracy[i]!;
    return a.kind === "unsupported"
      ? null
      : {
          x: cfg.macs / 1e9,
          y: a.top1,
          name: tr("thisBudget", { strategy: label(cfg.strategy) }),
          s: cfg.strategy,
        };
  });
  // Log axis: explicit domain and 1-2-5 ticks (recharts' auto ticks on a log scale are sparse).
  const xs8 = [
    ...STRATEGIES.flatMap((s) => [...acc8(s), ...pub(s)].map((p) => p.x)),
    ...(anchor ? [anchor.flopsB] : []),
    ...current.flatMap((p) => (p ? [p.x] : [])),
  ];
  const x8: [number, number] = xs8.length
    ? [Math.min(...xs8) * 0.85, Math.max(...xs8) * 1.15]
    : [base / 1e9 / 2, (base / 1e9) * 8];
  const anyAcc = STRATEGIES.some((s) => acc8(s).length > 1 || pub(s).length > 0);

  return (
    <div className="grid gap-3 lg:grid-cols-2" data-testid="compare-charts">
      <Frame id="fig8" title={tr("fig8Title")} note={anyAcc ? tr("fig8Note") : tr("fig8Empty")}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={t.grid} />
            <XAxis
              type="number"
              dataKey="x"
              scale="log"
              domain={x8}
              ticks={logTicks(x8)}
              allowDataOverflow
              name="MACs"
              unit="B"
              {...axis}
              tickFormatter={(v: number) => formatSig(v, 2)}
            />
            <YAxis
              type="number"
              dataKey="y"
              domain={["auto", "auto"]}
              name="top-1"
              unit="%"
              {...axis}
              width={52}
            />
            <ZAxis range={[30, 30]} />
            <Tooltip {...tip} formatter={(v) => formatSig(Number(v), 4)} />
            <Legend
              verticalAlign="top"
              wrapperStyle={{ fontSize: 11, paddingBottom: 4 }}
              content={chartLegend}
            />
            {STRATEGIES.map((s) => (
              <Scatter
                key={`e-${s}`}
                name={tr("est", { strategy: label(s) })}
                data={acc8(s)}
                line={{ stroke: STRATEGY_COLOR[s], strokeWidth: 2 }}
                shape={() => <g />}
                fill={STRATEGY_COLOR[s]}
                isAnimationActive={false}
                legendType="line"
              />
            ))}
            {STRATEGIES.map((s) => (
              <Scatter
                key={`p-${s}`}
                name={tr("paper", { strategy: label(s) })}
                data={pub(s)}
                fill={STRATEGY_COLOR[s]}
                stroke={t.background}
                isAnimationActive={false}
                legendType="none"
              />
            ))}
            {anchor ? (
              <Scatter
                name={tr("baselinePaper")}
                data={[{ x: anchor.flopsB, y: anchor.top1, name: tr("baseline") }]}
                fill={t.text}
                isAnimationActive={false}
                legendType="circle"
              />
            ) : null}
            {STRATEGIES.map((s, i) => {
              const p = current[i];
              return p ? (
                <Scatter
                  key={`c-${s}`}
                  name={tr("here", { strategy: s })}
                  data={[p]}
                  fill={STRATEGY_COLOR[s]}
                  stroke={t.text}
                  shape="diamond"
                  isAnimationActive={false}
                  legendType="none"
                />
              ) : null;
            })}
          </ScatterChart>
        </ResponsiveContainer>
      </Frame>

      <CurveChart
        id="fig3"
        title={tr("fig3Title")}
        note={tr("fig3Note")}
        xMin={0}
        yLog
        yTick={(v) => `${formatSig(v, 2)}×`}
        series={STRATEGIES.map((s) => ({
          key: s,
          name: label(s),
          color: STRATEGY_COLOR[s],
          data: view.curves[s].map((p) => ({ x: p.x, y: p.macs / base })),
        }))}
      />

      <CurveChart
        id="fig3-acc"
        title={tr("fig3AccTitle")}
        note={tr("fig3AccNote")}
        xMin={0}
        yUnit="%"
        series={STRATEGIES.map((s) => ({
          key: s,
          name: label(s),
          color: STRATEGY_COLOR[s],
          data: view.curves[s].filter((p) => p.top1 !== null).map((p) => ({ x: p.x, y: p.top1! })),
        }))}
      />

      <CurveChart
        id="fig4"
        title={tr("fig4Title")}
        note={tr("fig4Note")}
        xMin={1}
        yLog
        yTick={(v) => `${formatSig(v, 2)}B`}
        series={view.widthCurves.map((wc, i) => ({
          key: String(i),
          name: `d=${wc.base.depth}, r=${wc.base.r}`,
          color: F4_COLORS[i] ?? "#888",
          data: wc.points.map((p) => ({ x: p.x, y: p.macs / 1e9 })),
        }))}
      />
    </div>
  );
}

export const CompareCharts = memo(CompareChartsImpl);
