import { STRATEGIES, type Strategy } from "../scaling/invert";
import type { AccuracyPoint } from "./points";

/**
 * The accuracy model: a saturating power law in FLOPs, per scaling strategy.
 *
 *     error(x) = floor + (error_0 - floor) * x^(-k_s)        top-1 = 100 - error
 *
 * x is the FLOPs multiple of the scaled network over its baseline, error_0 = 100 - the
 * baseline's published top-1 (so every curve passes through its baseline exactly), k_s is
 * one exponent per strategy (depth, width, resolution, compound) shared by all baselines,
 * and `floor` is one irreducible error shared by everything: the saturation of figure 3
 * (the top-1 a strategy approaches as FLOPs grow without bound is 100 - floor). Five
 * parameters for 22 points; the form is the usual one of empirical scaling laws
 * (Hestness et al. 2017). It encodes the paper's two observations: accuracy gains shrink as
 * models grow (x^-k with a floor), and how fast depends on the strategy (k_s).
 *
 * Fitted by least squares on top-1 (percentage points): for a fixed floor each k_s is a
 * one-dimensional problem (golden-section search); the floor is searched on a grid and
 * then refined the same way. Deterministic, no dependencies.
 */
export interface AccuracyFit {
  readonly floor: number;
  /** null where no point of that strategy was in the data. */
  readonly exponents: Readonly<Record<Strategy, number | null>>;
  /** Root-mean-square residual on the fitted points (percentage points). */
  readonly rms: number;
  readonly n: number;
}

export interface CurveInput {
  readonly strategy: Strategy;
  readonly x: number;
  readonly baselineTop1: number;
}

export function predictTop1(fit: AccuracyFit, p: CurveInput): number | null {
  const k = fit.exponents[p.strategy];
  if (k === null) return null;
  const e0 = 100 - p.baselineTop1;
  return 100 - (fit.floor + (e0 - fit.floor) * Math.pow(p.x, -k));
}

const K_MAX = 3;

function golden(f: (v: number) => number, lo: number, hi: number, iters = 60): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < iters; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** For a fixed floor: the best exponent per strategy and the total squared error. */
function fitExponents(points: readonly AccuracyPoint[], floor: number) {
  const exponents = {} as Record<Strategy, number | null>;
  let sse = 0;
  for (const s of STRATEGIES) {
    const pts = points.filter((p) => p.strategy === s);
    if (pts.length === 0) {
      exponents[s] = null;
      continue;
    }
    const err = (k: number): number => {
      let e = 0;
      for (const p of pts) {
        const r = 100 - (floor + (100 - p.baselineTop1 - floor) * Math.pow(p.x, -k)) - p.top1;
        e += r * r;
      }
      return e;
    };
    const k = golden(err, 0, K_MAX);
    exponents[s] = k;
    sse += err(k);
  }
  return { exponents, sse };
}

export function fitAccuracy(points: readonly AccuracyPoint[]): AccuracyFit {
  if (points.length === 0) throw new Error("cannot fit the accuracy model to no points");
  // The floor must stay below every error in the data (including the baselines').
  let maxFloor = Infinity;
  for (const p of points) maxFloor = Math.min(maxFloor, 100 - p.top1, 100 - p.baselineTop1);
  maxFloor = Math.max(0, maxFloor - 1e-6);
  const sseAt = (f: number): number => fitExponents(points, f).sse;
  const steps = 40;
  let best = 0;
  let bestSse = Infinity;
  for (let i = 0; i <= steps; i++) {
    const f = (maxFloor * i) / steps;
    const e = sseAt(f);
    if (e < bestSse) {
      bestSse = e;
      best = f;
    }
  }
  const h = maxFloor / steps;
  const floor = golden(sseAt, Math.max(0, best - h), Math.min(maxFloor, best + h), 40);
  const { exponents, sse } = fitExponents(points, floor);
  return { floor, exponents, rms: Math.sqrt(sse / points.length), n: points.length };
}

export interface LooResidual {
  readonly point: AccuracyPoint;
  /** Prediction of the model fitted without this point; null if nothing was left to fit its strategy. */
  readonly predicted: number | null;
  /** predicted - published (percentage points). */
  readonly residual: number | null;
}

export interface LooSummary {
  readonly residuals: readonly LooResidual[];
  /** Mean absolute LOO residual over all points, and per strategy. */
  readonly mae: number;
  readonly maxAbs: number;
  readonly byStrategy: Readonly<
    Record<Strategy, { readonly mae: number; readonly n: number } | null>
  >;
}

/** Leave-one-out: refit without each point in turn and predict it. */
export function leaveOneOut(points: readonly AccuracyPoint[]): LooSummary {
  const residuals: LooResidual[] = points.map((point, i) => {
    const fit = fitAccuracy(points.filter((_, j) => j !== i));
    const predicted = predictTop1(fit, point);
    return { point, predicted, residual: predicted === null ? null : predicted - point.top1 };
  });
  const abs = (rs: readonly LooResidual[]): number[] =>
    rs.flatMap((r) => (r.residual === null ? [] : [Math.abs(r.residual)]));
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const all = abs(residuals);
  const byStrategy = {} as Record<Strategy, { mae: number; n: number } | null>;
  for (const s of STRATEGIES) {
    const v = abs(residuals.filter((r) => r.point.strategy === s));
    byStrategy[s] = v.length ? { mae: mean(v), n: v.length } : null;
  }
  return { residuals, mae: mean(all), maxAbs: Math.max(...all), byStrategy };
}
