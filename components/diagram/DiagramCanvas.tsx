/**
 * The slabs of <ArchitectureDiagram> drawn on a canvas, for the length of a slider drag.
 * Same geometry (lib/diagram/layout.ts), same paths (slabsPath, as Path2D), same colours,
 * scaled like the SVG's viewBox with preserveAspectRatio "xMidYMid meet". Laid over the SVG
 * by its parent (absolute, inset 0); the SVG meanwhile draws no slabs and no midline.
 */
"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";

import type { StageSpec } from "@/lib/arch/types";
import { layoutDiagram, type DiagramOptions } from "@/lib/diagram/layout";

import type { Slab } from "@/lib/diagram/layout";

import {
  GUIDE_PAINT,
  OUTLINE_PAINT,
  SLAB_PAINT,
  slabCorner,
  stageFill,
} from "./ArchitectureDiagram";

/**
 * Adds the slabs to the current path: the same rectangles and corners as the SVG's
 * slabsPath, drawn directly (building and parsing a path string per stage per move was
 * a third of the drawing time).
 */
function traceSlabs(ctx: CanvasRenderingContext2D, slabs: readonly Slab[], r: number): void {
  for (const { x, y, w, h } of slabs) {
    const k = Math.min(r, w / 2, h / 2);
    if (k > 0 && typeof ctx.roundRect === "function") ctx.roundRect(x, y, w, h, k);
    else ctx.rect(x, y, w, h);
  }
}

export interface DiagramCanvasProps {
  readonly stages: readonly StageSpec[];
  readonly baseline?: readonly StageSpec[] | null;
  readonly showBaseline?: boolean;
  readonly options?: DiagramOptions;
}

export function DiagramCanvas({
  stages,
  baseline = null,
  showBaseline = true,
  options,
}: DiagramCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  // CSS size: measured once for the first drawing, then kept by a ResizeObserver (reading
  // it on every drawing would force a layout per move).
  const size = useRef<{ w: number; h: number } | null>(null);
  const [resized, setResized] = useState(0);
  // The SVG strokes the baseline in currentColor (the theme's text colour); read it once.
  const outline = useRef<string | null>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c || typeof ResizeObserver === "undefined") return; // old browsers: size at mount
    const ro = new ResizeObserver((entries) => {
      const r = entries[entries.length - 1]?.contentRect;
      if (!r || (size.current?.w === r.width && size.current?.h === r.height)) return;
      size.current = { w: r.width, h: r.height };
      setResized((n) => n + 1);
    });
    ro.observe(c);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext("2d");
    if (!c || !ctx) return;
    if (!size.current) {
      const r = c.getBoundingClientRect();
      size.current = { w: r.width, h: r.height };
    }
    outline.current ??= getComputedStyle(c).color;
    const { w, h } = size.current;
    if (w <= 0 || h <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    const pw = Math.round(w * dpr);
    const ph = Math.round(h * dpr);
    if (c.width !== pw) c.width = pw;
    if (c.height !== ph) c.height = ph;
    const g = layoutDiagram(stages, showBaseline ? baseline : null, options);
    const k = Math.min(w / g.width, h / g.height);
    const ox = (w - g.width * k) / 2;
    const oy = (h - g.height * k) / 2;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, pw, ph);
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * ox, dpr * oy);
    ctx.strokeStyle = outline.current;
    ctx.globalAlpha = GUIDE_PAINT.strokeOpacity;
    ctx.lineWidth = GUIDE_PAINT.strokeWidth;
    ctx.setLineDash([...GUIDE_PAINT.dash]);
    ctx.beginPath();
    ctx.moveTo(0, g.midY);
    ctx.lineTo(g.width, g.midY);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = SLAB_PAINT.strokeWidth;
    for (const s of g.current.stages) {
      const fill = stageFill(s.index, s.kind);
      ctx.beginPath();
      traceSlabs(ctx, s.slabs, slabCorner(s.slabs));
      ctx.globalAlpha = SLAB_PAINT.fillOpacity;
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = fill;
      ctx.stroke();
    }
    if (showBaseline && g.baseline) {
      ctx.strokeStyle = outline.current;
      ctx.globalAlpha = OUTLINE_PAINT.strokeOpacity;
      ctx.lineWidth = OUTLINE_PAINT.strokeWidth;
      ctx.setLineDash([...OUTLINE_PAINT.dash]);
      for (const s of g.baseline.stages) {
        ctx.beginPath();
        traceSlabs(ctx, s.slabs, 0);
        ctx.stroke();
      }
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
    }
  }, [stages, baseline, showBaseline, options, resized]);

  return (
    <canvas
      ref={ref}
      aria-hidden="true"
      data-testid="diagram-canvas"
      className="pointer-events-none absolute inset-0 h-full w-full"
    />
  );
}
