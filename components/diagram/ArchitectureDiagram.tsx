/**
 * Figure-2 style drawing of a network's stages (geometry: lib/diagram/layout.ts).
 * Slab height ~ resolution, width ~ channels, count ~ blocks; an optional baseline is drawn
 * as a dashed outline on the same scale and columns. Each stage's slabs are one <path>
 * (keyed by stage): a slider move rescales every slab, and rewriting one `d` per stage costs
 * far less DOM, style and layout work than four attributes on each of ~80 <rect>s. A CSS
 * transition on `d` morphs discrete jumps whenever a stage keeps its block count.
 *
 *   <ArchitectureDiagram stages={calc.stages} baseline={base.stages} showBaseline label="B3" />
 */
"use client";

import { useTranslations } from "next-intl";
import { memo, useMemo, type CSSProperties } from "react";

import type { StageSpec } from "@/lib/arch/types";
import { layoutDiagram, type DiagramOptions, type Slab } from "@/lib/diagram/layout";

export interface ArchitectureDiagramProps {
  /** Ease changes (default true); pass false while the user drags a slider. */
  readonly animate?: boolean;
  /**
   * Draw the labels under each stage (default true). A drag hides them until it pauses:
   * re-laying out ~30 SVG texts per move costs more than redrawing every slab.
   */
  readonly labels?: boolean;
  /**
   * Draw the slabs and their midline in the SVG (default true). A drag draws them on a
   * canvas laid over the SVG instead (DiagramCanvas), where a move is a repaint, not a
   * style, layout and paint of every path.
   */
  readonly slabs?: boolean;
  readonly stages: readonly StageSpec[];
  readonly baseline?: readonly StageSpec[] | null;
  /** Draw `baseline` as an outline (default true when a baseline is given). */
  readonly showBaseline?: boolean;
  /** Name of the drawn network, for the accessible description. */
  readonly label: string;
  readonly baselineLabel?: string;
  readonly options?: DiagramOptions;
  readonly className?: string;
  readonly style?: CSSProperties;
  readonly testId?: string;
}

/** Hue per stage: neighbouring stages stay distinguishable in both themes. */
export function stageFill(index: number, kind: StageSpec["kind"]): string {
  if (kind === "stem") return "hsl(215 16% 55%)";
  if (kind === "head") return "hsl(215 20% 40%)";
  const hue = (200 + index * 37) % 360;
  return `hsl(${hue} 65% 55%)`;
}

/** How slabs and the baseline outline are painted: shared by the SVG and DiagramCanvas. */
export const SLAB_PAINT = { fillOpacity: 0.85, strokeWidth: 0.8 } as const;
export const OUTLINE_PAINT = { strokeOpacity: 0.75, strokeWidth: 0.9, dash: [3, 2] } as const;
/** The faint dashed midline the slabs are centred on. */
export const GUIDE_PAINT = { strokeOpacity: 0.12, strokeWidth: 1, dash: [2, 4] } as const;

/** Corner radius of a stage's slabs: up to 2 units, less on thin slabs. */
export function slabCorner(slabs: readonly Slab[]): number {
  return Math.min(2, (slabs[0]?.w ?? 0) / 3);
}

/** A stage's slabs as one path, corners rounded by slabCorner. */
export function stagePath(slabs: readonly Slab[]): string {
  return slabsPath(slabs, slabCorner(slabs));
}

/**
 * Eases discrete jumps (preset buttons, mode switches). Not while dragging: slider input
 * already arrives every frame, and animating every stage per frame costs more style work
 * than the whole recalculation.
 */
const MORPH = { transition: "d 150ms ease-out" };

/** Short SVG numbers (0.01 user units is far below a pixel). */
const n = (v: number): string => String(Math.round(v * 100) / 100);

/** One path drawing all of a stage's slabs, with corners rounded by `r` (0: square). */
export function slabsPath(slabs: readonly Slab[], r = 0): string {
  let d = "";
  for (const { x, y, w, h } of slabs) {
    const k = Math.min(r, w / 2, h / 2);
    if (k <= 0) {
      d += `M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`;
      continue;
    }
    const a = `a${n(k)} ${n(k)} 0 0 1`;
    d +=
      `M${n(x + k)} ${n(y)}h${n(w - 2 * k)}${a} ${n(k)} ${n(k)}v${n(h - 2 * k)}` +
      `${a} ${n(-k)} ${n(k)}h${n(-(w - 2 * k))}${a} ${n(-k)} ${n(-k)}v${n(-(h - 2 * k))}` +
      `${a} ${n(k)} ${n(-k)}Z`;
  }
  return d;
}

function ArchitectureDiagramImpl({
  stages,
  baseline = null,
  showBaseline = true,
  label,
  baselineLabel,
  options,
  className,
  style,
  testId = "architecture-diagram",
  animate = true,
  labels = true,
  slabs = true,
}: ArchitectureDiagramProps) {
  const morph = animate ? MORPH : undefined;
  const g = useMemo(
    () => layoutDiagram(stages, showBaseline ? baseline : null, options),
    [stages, baseline, showBaseline, options],
  );
  const blocks = stages.reduce((a, s) => a + (s.kind === "blocks" ? s.repeats : 0), 0);
  const t = useTranslations("charts.diagram");
  const list = stages
    .map((s) =>
      t("stage", {
        operator: s.operator,
        repeats: String(s.repeats),
        resolution: String(s.outRes[0]),
        channels: String(s.outChannels),
      }),
    )
    .join(t("separator"));
  const described = {
    label,
    stages: String(stages.length),
    blocks: String(blocks),
    list,
    baseline: baselineLabel ?? t("baseline"),
  };
  const desc = t(showBaseline && baseline ? "descBaseline" : "desc", described);
  // Three label lines fill the bottom padding (layout's padBottom).
  const labelY = g.height - 30;

  return (
    <svg
      role="img"
      aria-label={desc}
      data-testid={testId}
      viewBox={`0 0 ${g.width.toFixed(1)} ${g.height.toFixed(1)}`}
      className={className}
      style={style}
      preserveAspectRatio="xMidYMid meet"
    >
      {slabs && (
        <line
          x1={0}
          x2={g.width}
          y1={g.midY}
          y2={g.midY}
          stroke="currentColor"
          strokeOpacity={GUIDE_PAINT.strokeOpacity}
          strokeDasharray={GUIDE_PAINT.dash.join(" ")}
        />
      )}
      {slabs &&
        g.current.stages.map((s) => (
          <g key={`c${s.index}`} data-stage={s.index} data-repeats={s.repeats}>
            <title>
              {t("slabTitle", {
                index: String(s.index),
                operator: s.operator,
                repeats: s.repeats,
                resolution: String(s.resolution),
                channels: String(s.channels),
              })}
            </title>
            <path
              d={stagePath(s.slabs)}
              fill={stageFill(s.index, s.kind)}
              fillOpacity={SLAB_PAINT.fillOpacity}
              stroke={stageFill(s.index, s.kind)}
              strokeWidth={SLAB_PAINT.strokeWidth}
              style={morph}
            />
            {s.elided && (
              <text
                x={s.ellipsisX}
                y={g.midY + 4}
                textAnchor="middle"
                fontSize={12}
                fill="currentColor"
                opacity={0.7}
              >
                …
              </text>
            )}
          </g>
        ))}
      {slabs &&
        showBaseline &&
        g.baseline?.stages.map((s) => (
          <g key={`b${s.index}`} data-baseline-stage={s.index} pointerEvents="none">
            <path
              d={slabsPath(s.slabs)}
              fill="none"
              stroke="currentColor"
              strokeOpacity={OUTLINE_PAINT.strokeOpacity}
              strokeWidth={OUTLINE_PAINT.strokeWidth}
              strokeDasharray={OUTLINE_PAINT.dash.join(" ")}
              style={morph}
            />
          </g>
        ))}
      {labels &&
        g.current.stages.map((s, i) => {
          const col = g.columns[i]!;
          const cx = col.x + col.width / 2;
          return (
            <g key={`l${s.index}`} fill="currentColor" fontSize={9} textAnchor="middle">
              <text x={cx} y={labelY} fontWeight={600}>
                ×{s.repeats}
              </text>
              <text x={cx} y={labelY + 11} opacity={0.75}>
                {s.channels}
              </text>
              <text x={cx} y={labelY + 22} opacity={0.6}>
                {`${s.resolution}²`}
              </text>
            </g>
          );
        })}
    </svg>
  );
}

export const ArchitectureDiagram = memo(ArchitectureDiagramImpl);
export default ArchitectureDiagram;
