/**
 * Chart series from the paper's table 2 (lib/paper): EfficientNet B0..B7 as a line, the
 * other models as labelled points. Built once at module load; every point keeps its
 * source row for the tooltip.
 */
import { TABLE2 } from "@/lib/paper";
import type { PublishedModel } from "@/lib/paper/types";

export type Metric = "flops" | "params";

export interface ChartPoint {
  /** FLOPS (paper's, billions of multiply-adds) or params (millions). */
  readonly x: number;
  readonly y: number;
  readonly name: string;
  readonly model: PublishedModel;
  /** Where the point's label goes, to keep crowded clusters readable. */
  readonly labelPos: "top" | "bottom" | "left" | "right";
}

export interface ChartSeries {
  readonly efficientnet: readonly ChartPoint[];
  readonly others: readonly ChartPoint[];
  /** Models left out because the paper prints no value for the metric (GPipe's FLOPS). */
  readonly missing: readonly string[];
  readonly domain: readonly [number, number];
}

/** Hand-placed labels for the crowded clusters (around 23-24B FLOPS / 86-92M params). */
const LABEL_POS: Record<Metric, Record<string, ChartPoint["labelPos"]>> = {
  flops: {
    "NASNet-A": "bottom",
    "AmoebaNet-A": "left",
    PNASNet: "top",
    SENet: "bottom",
    "AmoebaNet-C": "top",
    "Inception-v4": "bottom",
    "Inception-ResNet-v2": "left",
    "DenseNet-169": "left",
    "ResNet-50": "bottom",
    "ResNet-152": "bottom",
    "DenseNet-264": "bottom",
    "Inception-v3": "top",
    Xception: "right",
    "ResNeXt-101": "bottom",
    PolyNet: "top",
  },
  params: {
    "NASNet-A": "bottom",
    "AmoebaNet-A": "left",
    PNASNet: "top",
    PolyNet: "right",
    "ResNeXt-101": "right",
    SENet: "bottom",
    "AmoebaNet-C": "top",
    GPipe: "left",
    "Inception-v3": "left",
    Xception: "bottom",
    "DenseNet-169": "bottom",
    "ResNet-50": "bottom",
    "ResNet-152": "right",
    "DenseNet-264": "top",
    "Inception-v4": "left",
    "Inception-ResNet-v2": "top",
  },
};

function build(metric: Metric): ChartSeries {
  const eff: ChartPoint[] = [];
  const others: ChartPoint[] = [];
  const missing: string[] = [];
  for (const m of TABLE2) {
    const x = metric === "flops" ? m.flopsB : m.paramsM;
    if (x === null) {
      missing.push(m.name);
      continue;
    }
    const p: ChartPoint = {
      x,
      y: m.top1,
      name: m.efficientnet ? m.efficientnet.toUpperCase() : m.name,
      model: m,
      labelPos: m.efficientnet ? "left" : (LABEL_POS[metric][m.name] ?? "right"),
    };
    (m.efficientnet ? eff : others).push(p);
  }
  eff.sort((a, b) => a.x - b.x);
  const xs = [...eff, ...others].map((p) => p.x);
  return {
    efficientnet: eff,
    others,
    missing,
    domain: [Math.min(...xs) * 0.7, Math.max(...xs) * 1.4],
  };
}

export const SERIES: Readonly<Record<Metric, ChartSeries>> = {
  flops: build("flops"),
  params: build("params"),
};

/** A log-axis domain that also contains `x` (the user's configuration). */
export function domainWith(d: readonly [number, number], x: number | null): [number, number] {
  if (x === null || !(x > 0)) return [d[0], d[1]];
  return [Math.min(d[0], x * 0.8), Math.max(d[1], x * 1.25)];
}

/** Powers of ten and 2x/5x steps inside a domain, for log-axis ticks. */
export function logTicks(d: readonly [number, number]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(d[0])); e <= Math.ceil(Math.log10(d[1])); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * Math.pow(10, e);
      if (v >= d[0] && v <= d[1]) out.push(Number(v.toPrecision(3)));
    }
  }
  return out;
}

/**
 * Linear-axis ticks on a 1-2-5 step covering [lo, hi] with some room either side, so points
 * never sit on the frame and every label differs (recharts's own "auto" domain, formatted
 * to a fixed precision, repeated one label when all points shared one x). `decimals` is
 * enough for every tick to read differently when divided by `unit`.
 */
export function linearTicks(
  lo: number,
  hi: number,
  unit = 1,
  target = 5,
): { ticks: number[]; domain: [number, number]; decimals: number } {
  const finite = Number.isFinite(lo) && Number.isFinite(hi);
  const a = finite ? Math.min(lo, hi) : 0;
  const b = finite ? Math.max(lo, hi) : 1;
  // A single value gets a span of 20% of itself (or 1 at zero) to spread ticks over.
  const span = b > a ? b - a : Math.abs(a) * 0.2 || 1;
  const pad = span * 0.1;
  const raw = (span + 2 * pad) / Math.max(1, target - 1);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = ([1, 2, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
  const start = Math.floor((b > a ? a - pad : a - span / 2) / step) * step;
  const end = Math.ceil((b > a ? b + pad : a + span / 2) / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step / unit) + 1e-9));
  return { ticks, domain: [ticks[0]!, ticks.at(-1)!], decimals };
}
