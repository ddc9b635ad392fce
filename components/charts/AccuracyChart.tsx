"use client";
/**
 * Top-1 accuracy against FLOPS (paper figure 5) or parameters (figure 1): every model of
 * table 2, EfficientNet B0..B7 as a line, others as labelled points, log x axis, tooltips
 * with the exact published figures and their source row. The user's network is a vertical
 * marker at its computed FLOPS/params (its accuracy is unknown), plus a star at the
 * published accuracy when it is an official preset.
 */
import { useTranslations } from "next-intl";
import { memo, useEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from "react";
import {
  CartesianGrid,
  LabelList,
  Scatter,
  ScatterChart,
  Tooltip,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";

import { ChartFrame } from "@/components/ui/ChartFrame";

import { logTicks, SERIES, type ChartPoint, type Metric } from "./chartData";
import { visibleLabels, type LabelBox } from "./declutter";
import { DATA } from "./svgData";
import { CHART_THEMES, useIsDark, type ChartTheme } from "./useIsDark";

/**
 * Where the marker comes from: an external source (e.g. a zustand selector), so a drag
 * re-renders only the marker, not the chart (a recharts redraw costs tens of ms).
 */
export interface MarkerSource {
  readonly subscribe: (onChange: () => void) => () => void;
  /** Must return the same object while the marker is unchanged. */
  readonly get: () => CurrentMarker | null;
}

export interface CurrentMarker {
  /** FLOPS in billions (flops chart) / params in millions (params chart). */
  readonly flopsB: number;
  readonly paramsM: number;
  readonly label: string;
  /** Published top-1 when the configuration is an official preset. */
  readonly top1: number | null;
}

function Tip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
}) {
  const raw = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !raw) return null;
  const m = raw.model;
  return <TipBody m={m} />;
}

function TipBody({ m }: { m: ChartPoint["model"] }) {
  const t = useTranslations("charts.tooltip");
  return (
    <div
      className="rounded-md border border-border bg-surface px-3 py-2 text-xs shadow-lg"
      data-testid="chart-tooltip"
    >
      <div className="font-semibold" translate="no">
        {m.name}
      </div>
      <div className="text-muted" translate="no">
        {m.citation}
      </div>
      <div className="mt-1 grid grid-cols-2 gap-x-3 tabular-nums">
        <span>{t("top1")}</span>
        <span>{`${m.top1.toFixed(1)}%`}</span>
        <span>{t("top5")}</span>
        <span>{`${m.top5.toFixed(1)}%`}</span>
        <span>{t("params")}</span>
        <span>{`${m.paramsM}M`}</span>
        <span>{t("flops")}</span>
        <span>{m.flopsB === null ? "–" : `${m.flopsB}B`}</span>
      </div>
      <div className="mt-1 text-muted">
        {t("source", { table: String(m.source.table), row: String(m.source.row) })}
      </div>
    </div>
  );
}

const LABEL_OFFSET = {
  top: [0, -8, "middle"],
  bottom: [0, 14, "middle"],
  left: [-7, 4, "end"],
  right: [7, 4, "start"],
} as const;

/** Point labels placed per chartData's labelPos; they never take the pointer from the points. */
function pointLabel(
  points: readonly ChartPoint[],
  fill: string,
  fontSize: number,
  /** Lower wins where labels collide (see useDeclutter); the point's index is added. */
  priority: number,
) {
  function PointLabel(props: unknown) {
    const { x, y, index } = props as { x?: number | string; y?: number | string; index?: number };
    const p = points[index ?? 0];
    if (x === undefined || y === undefined || !p) return null;
    const [dx, dy, anchor] = LABEL_OFFSET[p.labelPos];
    return (
      <text
        x={Number(x) + dx}
        y={Number(y) + dy}
        fontSize={fontSize}
        fill={fill}
        textAnchor={anchor}
        pointerEvents="none"
        data-point-label=""
        data-priority={priority + (index ?? 0)}
        {...DATA}
      >
        {p.name}
      </text>
    );
  }
  return PointLabel;
}

/**
 * Hides point labels that would cover a point or a label of higher priority (EfficientNet's
 * first), measured as drawn. Runs whenever recharts draws or moves labels or points under
 * `box` (first draw, resize, axis change), not on marker moves.
 */
const INK_INSET = 0.15;
/** What the declutter pass measures: point labels and the points. */
const DRAWN = "text[data-point-label], .recharts-scatter-symbol";
/** Side (px) of the square at a point's centre that no label may cover. */
const POINT_CORE = 4;

function useDeclutter(box: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = box.current;
    if (!el || typeof MutationObserver === "undefined") return;
    let frame = 0;
    const run = (): void => {
      frame = 0;
      const labels = Array.from(el.querySelectorAll<SVGTextElement>("text[data-point-label]"));
      if (labels.length === 0) return;
      const boxes: LabelBox[] = labels.map((t) => {
        const b = t.getBoundingClientRect();
        // The box spans the font's whole line height; the glyphs fill about its middle 70%,
        // so labels may share a sliver of line box.
        return {
          priority: Number(t.dataset.priority),
          group: t.textContent ?? undefined,
          x: b.left,
          y: b.top + b.height * INK_INSET,
          width: b.width,
          height: b.height * (1 - 2 * INK_INSET),
        };
      });
      // Every point's centre is an obstacle ahead of any label (but its own): a label may
      // touch the edge of a dot, not hide it.
      for (const p of el.querySelectorAll(".recharts-scatter-symbol")) {
        const b = p.getBoundingClientRect();
        const c = POINT_CORE / 2;
        boxes.push({
          priority: -1,
          // recharts names each point's path after its datum (the model's name).
          group: p.querySelector("[name]")?.getAttribute("name") ?? undefined,
          x: b.left + b.width / 2 - c,
          y: b.top + b.height / 2 - c,
          width: 2 * c,
          height: 2 * c,
        });
      }
      visibleLabels(boxes).forEach((show, i) => {
        const t = labels[i];
        if (!t) return; // a point
        if (show) t.removeAttribute("visibility");
        else t.setAttribute("visibility", "hidden");
      });
    };
    const schedule = (): void => {
      frame ||= requestAnimationFrame(run);
    };
    const ours = (n: Node): boolean =>
      n instanceof Element &&
      (n.matches(DRAWN) || n.closest(DRAWN) !== null || n.querySelector(DRAWN) !== null);
    const mo = new MutationObserver((records) => {
      // Labels or points drawn, removed or moved (recharts moves them in place on a
      // resize). The marker's own nodes do not count: it moves on every slider step.
      const moved = records.some((r) =>
        r.type === "attributes"
          ? ours(r.target)
          : Array.from(r.addedNodes).some(ours) || Array.from(r.removedNodes).some(ours),
      );
      if (moved) schedule();
    });
    // Not "visibility": the attribute written above must not trigger a rerun.
    mo.observe(el, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["x", "y", "d", "transform", "cx", "cy"],
    });
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(schedule);
    ro?.observe(el);
    run();
    return () => {
      mo.disconnect();
      ro?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [box]);
}

/** Log-axis domain: the published range, widened in half-decade steps to reach `x`. */
function domainFor(d: readonly [number, number], x: number | null): readonly [number, number] {
  if (x === null || !(x > 0) || (x >= d[0] && x <= d[1])) return d;
  const lo = x < d[0] ? Math.pow(10, Math.floor(Math.log10(x / 1.2) * 2) / 2) : d[0];
  const hi = x > d[1] ? Math.pow(10, Math.ceil(Math.log10(x * 1.2) * 2) / 2) : d[1];
  return [lo, hi];
}

const NO_SOURCE: MarkerSource = { subscribe: () => () => {}, get: () => null };

function markerX(m: CurrentMarker | null, metric: Metric): number | null {
  return m ? (metric === "flops" ? m.flopsB : m.paramsM) : null;
}

/** The user's network: a dashed vertical line (and a star at a preset's published top-1). */
function YouMarker({
  metric,
  source,
  theme,
}: {
  metric: Metric;
  source: MarkerSource;
  theme: ChartTheme;
}) {
  const m = useSyncExternalStore(source.subscribe, source.get, source.get);
  const xs = useXAxisScale();
  const ys = useYAxisScale();
  const area = usePlotArea();
  const x = markerX(m, metric);
  if (!m || x === null || !xs || !ys || !area) return null;
  const px = xs(x);
  if (px === undefined || !Number.isFinite(px)) return null;
  const right = px > area.x + area.width * 0.6;
  const starY = m.top1 !== null ? ys(m.top1) : undefined;
  return (
    <g className="you-marker" data-testid={`you-marker-${metric}`} data-x={x} pointerEvents="none">
      <line
        x1={px}
        x2={px}
        y1={area.y}
        y2={area.y + area.height}
        stroke={theme.you}
        strokeWidth={2}
        strokeDasharray="5 3"
      />
      <text
        x={right ? px - 5 : px + 5}
        y={area.y + 12}
        fill={theme.you}
        fontSize={11}
        fontWeight={600}
        textAnchor={right ? "end" : "start"}
        {...DATA}
      >
        {m.label}
      </text>
      {starY !== undefined && (
        <path
          transform={`translate(${px},${starY})`}
          d="M0,-8 L2.4,-2.5 8,-2.5 3.5,1 5.2,7 0,3.5 -5.2,7 -3.5,1 -8,-2.5 -2.4,-2.5Z"
          fill={theme.you}
          stroke={theme.background}
          strokeWidth={1}
        />
      )}
    </g>
  );
}

function Chart({
  metric,
  source,
  theme,
}: {
  metric: Metric;
  source: MarkerSource;
  theme: ChartTheme;
}) {
  const s = SERIES[metric];
  // Re-render the chart only when the marker leaves the axis range, not on every move.
  const domainKey = useSyncExternalStore(
    source.subscribe,
    () => domainFor(s.domain, markerX(source.get(), metric)).join(","),
    () => s.domain.join(","),
  );
  const domain = useMemo(() => domainKey.split(",").map(Number) as [number, number], [domainKey]);
  const ticks = useMemo(() => logTicks(domain), [domain]);
  const t = useTranslations("charts.accuracy");
  return (
    <ScatterChart
      responsive
      style={{ width: "100%", height: 340 }}
      margin={{ top: 12, right: 16, bottom: 28, left: 4 }}
    >
      <CartesianGrid stroke={theme.grid} />
      <XAxis
        type="number"
        dataKey="x"
        scale="log"
        domain={domain}
        ticks={ticks}
        allowDataOverflow
        tick={{ fill: theme.muted, fontSize: 11 }}
        stroke={theme.muted}
        label={{
          value: t(`${metric}.axis`),
          position: "insideBottom",
          offset: -16,
          fill: theme.muted,
          fontSize: 11,
        }}
      />
      <YAxis
        type="number"
        dataKey="y"
        domain={[75, 85]}
        ticks={[75, 77, 79, 81, 83, 85]}
        tick={{ fill: theme.muted, fontSize: 11 }}
        stroke={theme.muted}
        width={40}
        label={{
          value: t("yAxis"),
          angle: -90,
          position: "insideLeft",
          offset: 12,
          fill: theme.muted,
          fontSize: 11,
        }}
      />
      <Tooltip
        content={(p: TooltipContentProps<ValueType, NameType>) => (
          <Tip active={p.active} payload={p.payload} />
        )}
        cursor={{ strokeDasharray: "3 3" }}
        isAnimationActive={false}
      />
      <Scatter
        name={t("others")}
        data={s.others as ChartPoint[]}
        fill={theme.others}
        isAnimationActive={false}
      >
        <LabelList dataKey="name" content={pointLabel(s.others, theme.muted, 9.5, 100)} />
      </Scatter>
      <Scatter
        name="EfficientNet"
        data={s.efficientnet as ChartPoint[]}
        fill={theme.efficientnet}
        line={{ stroke: theme.efficientnet, strokeWidth: 2 }}
        isAnimationActive={false}
      >
        <LabelList dataKey="name" content={pointLabel(s.efficientnet, theme.efficientnet, 10, 0)} />
      </Scatter>
      <YouMarker metric={metric} source={source} theme={theme} />
    </ScatterChart>
  );
}

function AccuracyChartImpl({
  metric,
  marker = NO_SOURCE,
}: {
  metric: Metric;
  marker?: MarkerSource;
}) {
  const dark = useIsDark();
  const theme = CHART_THEMES[dark ? "dark" : "light"];
  const box = useRef<HTMLDivElement>(null);
  useDeclutter(box);
  const tr = useTranslations("charts.accuracy");
  const t = {
    title: tr(`${metric}.title`),
    fig: tr(`${metric}.fig`),
  };
  const s = SERIES[metric];

  return (
    <ChartFrame
      id={metric}
      title={t.title}
      note={tr("note", { fig: t.fig })}
      exportTitle={`${t.title} (Tan & Le 2019, ${t.fig})`}
      filename={`efficientnet-top1-vs-${metric}`}
      footer={
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
          <span>
            <span
              className="mr-1 inline-block h-0.5 w-4 align-middle"
              style={{ background: theme.efficientnet }}
            />
            {tr("legendEfficientnet")}
          </span>
          <span>
            <span
              className="mr-1 inline-block h-2 w-2 rounded-full align-middle"
              style={{ background: theme.others }}
            />
            {tr("legendOthers")}
          </span>
          <span>
            <span
              className="mr-1 inline-block h-3 w-0 border-l-2 border-dashed align-middle"
              style={{ borderColor: theme.you }}
            />
            {tr("legendYou")}
          </span>
          {s.missing.length > 0 && (
            <span>
              {tr(metric === "flops" ? "missingFlops" : "missingParams", {
                names: s.missing.join(", "),
              })}
            </span>
          )}
        </div>
      }
    >
      <div ref={box} className="min-h-[340px]">
        <Chart metric={metric} source={marker} theme={theme} />
      </div>
    </ChartFrame>
  );
}

export const AccuracyChart = memo(AccuracyChartImpl);
export default AccuracyChart;
