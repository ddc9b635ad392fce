"use client";
/**
 * The feasible set of the grid search as three paired 2-D projections (α–β, α–γ, β–γ) on
 * canvases (10^5 points would choke SVG). Colour: the phi = 1 network's real MAC multiplier;
 * the paper's triple is ringed. The surface alpha * beta^2 * gamma^2 = 2 is what the points
 * trace out; the colour shows how far rounding moves each one off the nominal 2x.
 */
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

import { useIsDark } from "@/components/charts/useIsDark";
import type { GridRow } from "@/lib/scaling/grid";

type Axis = "alpha" | "beta" | "gamma";
const PAIRS: readonly [Axis, Axis][] = [
  ["alpha", "beta"],
  ["alpha", "gamma"],
  ["beta", "gamma"],
];
const SYMBOL: Record<Axis, string> = { alpha: "α", beta: "β", gamma: "γ" };

/** Blue (low) -> red (high) on [lo, hi]. */
export function heat(v: number, lo: number, hi: number): string {
  const t = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
  return `hsl(${Math.round(230 - 230 * t)} 80% ${dark50(t)}%)`;
}
function dark50(t: number): number {
  return Math.round(45 + 10 * Math.sin(Math.PI * t));
}

function Panel({
  rows,
  x,
  y,
  lo,
  hi,
}: {
  rows: readonly GridRow[];
  x: Axis;
  y: Axis;
  lo: number;
  hi: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dark = useIsDark();
  const t = useTranslations("compare.grid");
  useEffect(() => {
    const cv = ref.current;
    if (!cv) return;
    const dpr = window.devicePixelRatio || 1;
    const W = cv.clientWidth || 240;
    const H = cv.clientHeight || 200;
    cv.width = Math.round(W * dpr);
    cv.height = Math.round(H * dpr);
    const g = cv.getContext("2d");
    if (!g) return;
    g.scale(dpr, dpr);
    g.clearRect(0, 0, W, H);
    const pad = { l: 34, r: 8, t: 8, b: 26 };
    const fg = dark ? "#94a3b8" : "#475569";
    g.strokeStyle = dark ? "#1e293b" : "#e2e8f0";
    g.strokeRect(pad.l, pad.t, W - pad.l - pad.r, H - pad.t - pad.b);
    g.fillStyle = fg;
    g.font = "11px system-ui, sans-serif";
    g.fillText(SYMBOL[x], W / 2, H - 6);
    g.fillText(SYMBOL[y], 6, H / 2);
    if (rows.length === 0) return;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const q of rows) {
      x0 = Math.min(x0, q[x]);
      x1 = Math.max(x1, q[x]);
      y0 = Math.min(y0, q[y]);
      y1 = Math.max(y1, q[y]);
    }
    if (x1 === x0) x1 = x0 + 1;
    if (y1 === y0) y1 = y0 + 1;
    const px = (v: number) => pad.l + ((v - x0) / (x1 - x0)) * (W - pad.l - pad.r);
    const py = (v: number) => H - pad.b - ((v - y0) / (y1 - y0)) * (H - pad.t - pad.b);
    g.fillText(String(x0), pad.l, H - 12);
    g.fillText(String(x1), W - pad.r - 24, H - 12);
    g.fillText(String(y1), 2, pad.t + 10);
    g.fillText(String(y0), 2, H - pad.b);
    // Later (higher-multiplier) points on top, so the extremes stay visible.
    const order = [...rows].sort((a, b) => a.multiplier - b.multiplier);
    const r = rows.length > 5000 ? 1.5 : 3;
    for (const row of order) {
      g.fillStyle = heat(row.multiplier, lo, hi);
      g.beginPath();
      g.arc(px(row[x]), py(row[y]), r, 0, Math.PI * 2);
      g.fill();
    }
    const p = rows.find((q) => q.isPaper);
    if (p) {
      g.strokeStyle = dark ? "#f8fafc" : "#0f172a";
      g.lineWidth = 2;
      g.beginPath();
      g.arc(px(p[x]), py(p[y]), 7, 0, Math.PI * 2);
      g.stroke();
    }
  }, [rows, x, y, lo, hi, dark]);
  return (
    <canvas
      ref={ref}
      className="h-52 w-full"
      role="img"
      aria-label={t("surfaceLabel", { x, y })}
      data-testid={`surface-${x}-${y}`}
    />
  );
}

export function GridSurface({ rows }: { rows: readonly GridRow[] }) {
  const t = useTranslations("compare.grid");
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    if (r.multiplier < lo) lo = r.multiplier;
    if (r.multiplier > hi) hi = r.multiplier;
  }
  return (
    <figure className="rounded-lg border border-border bg-surface p-3" data-testid="grid-surface">
      <figcaption className="mb-2 text-sm font-semibold">{t("surfaceTitle")}</figcaption>
      <div className="grid gap-2 sm:grid-cols-3">
        {PAIRS.map(([x, y]) => (
          <Panel key={`${x}${y}`} rows={rows} x={x} y={y} lo={lo} hi={hi} />
        ))}
      </div>
      {rows.length ? (
        <div className="mt-2 flex items-center gap-2 text-xs text-muted">
          <span>{t("surfaceLow", { lo: lo.toFixed(2) })}</span>
          <span
            className="h-2 w-40 rounded"
            style={{
              background: `linear-gradient(90deg, ${[0, 0.25, 0.5, 0.75, 1].map((t) => heat(lo + t * (hi - lo), lo, hi)).join(",")})`,
            }}
          />
          <span>{`${hi.toFixed(2)}×`}</span>
          <span className="ml-2">{t("ringed")}</span>
        </div>
      ) : null}
    </figure>
  );
}
