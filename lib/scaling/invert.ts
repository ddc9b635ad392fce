import { BASELINES } from "../arch/baselines";
import { buildNetwork } from "../arch/interpret";
import type { ModelId } from "../arch/types";
import { layerCost } from "../cost/layer";
import { PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA } from "./compound";
import { LIMITS, minResolution } from "./limits";
import { scaleResolution } from "./rounding";

export const STRATEGIES = ["depth", "width", "resolution", "compound"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface BudgetOptions {
  readonly classes?: number;
  readonly alpha?: number;
  readonly beta?: number;
  readonly gamma?: number;
  /** The point single-dimension scaling starts from (default: the baseline, 1/1/224). */
  readonly base?: { readonly width: number; readonly depth: number; readonly resolution: number };
}

export interface BudgetSolution {
  readonly model: ModelId;
  readonly strategy: Strategy;
  /** The solved coefficient: d, w, r (= resolution / base) or phi. */
  readonly coefficient: number;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly macs: number;
  readonly target: number;
  /** (macs - target) / target. */
  readonly relativeError: number;
  /** The coefficient range ran out before the target was reached (or undershot). */
  readonly clamped: boolean;
}

/** MACs of a configuration (no per-layer rows: the inner loop of the solvers). */
export function macsOf(
  model: ModelId,
  width: number,
  depth: number,
  resolution: number,
  classes = 1000,
): number {
  const spec = buildNetwork({ model, width, depth, resolution, classes });
  let m = 0;
  for (const l of spec.layers) m += layerCost(l).macs;
  return m;
}

interface Config {
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
}

/** Coefficient range searched per strategy and the configuration each value means. */
function family(
  model: ModelId,
  strategy: Strategy,
  o: BudgetOptions,
): { lo: number; hi: number; integer: boolean; at: (c: number) => Config } {
  const baseRes = BASELINES[model].resolution;
  const b = o.base ?? { width: 1, depth: 1, resolution: baseRes };
  const minRes = minResolution(model);
  switch (strategy) {
    case "depth":
      return {
        lo: LIMITS.depth.min,
        hi: LIMITS.depth.max,
        integer: false,
        at: (d) => ({ ...b, depth: d }),
      };
    case "width":
      return {
        lo: LIMITS.width.min,
        hi: LIMITS.width.max,
        integer: false,
        at: (w) => ({ ...b, width: w }),
      };
    case "resolution":
      return {
        lo: minRes,
        hi: LIMITS.resolution.max,
        integer: true,
        at: (r) => ({ ...b, resolution: r }),
      };
    case "compound": {
      const alpha = o.alpha ?? PAPER_ALPHA;
      const beta = o.beta ?? PAPER_BETA;
      const gamma = o.gamma ?? PAPER_GAMMA;
      const at = (phi: number): Config => ({
        depth: b.depth * Math.pow(alpha, phi),
        width: b.width * Math.pow(beta, phi),
        resolution: scaleResolution(b.resolution, Math.pow(gamma, phi)),
      });
      // The widest phi range whose coefficients all stay within the limits.
      const ok = (phi: number): boolean => {
        const c = at(phi);
        return (
          c.depth >= LIMITS.depth.min &&
          c.depth <= LIMITS.depth.max &&
          c.width >= LIMITS.width.min &&
          c.width <= LIMITS.width.max &&
          c.resolution >= minRes &&
          c.resolution <= LIMITS.resolution.max
        );
      };
      let lo = 0;
      let hi = 0;
      while (lo > LIMITS.phi.min && ok(lo - 0.25)) lo -= 0.25;
      while (hi < LIMITS.phi.max && ok(hi + 0.25)) hi += 0.25;
      return { lo, hi, integer: false, at };
    }
  }
}

/**
 * Finds the coefficient whose network comes closest to `targetMacs`. MACs are a
 * non-decreasing step function of every coefficient (rounding makes the steps), so a
 * bisection finds the step that crosses the target; the answer is the closer of the
 * configurations on either side of it, reported at the smallest coefficient giving it.
 */
export function solveBudget(
  model: ModelId,
  strategy: Strategy,
  targetMacs: number,
  o: BudgetOptions = {},
): BudgetSolution {
  if (!Number.isFinite(targetMacs) || targetMacs <= 0) {
    throw new RangeError(`target MACs must be positive and finite, got ${targetMacs}`);
  }
  const classes = o.classes ?? 1000;
  const f = family(model, strategy, o);
  const cache = new Map<number, number>();
  const macsAt = (c: number): number => {
    let m = cache.get(c);
    if (m === undefined) {
      const cfg = f.at(c);
      m = macsOf(model, cfg.width, cfg.depth, cfg.resolution, classes);
      cache.set(c, m);
    }
    return m;
  };
  const done = (lo: number, hi: number): boolean =>
    f.integer ? hi - lo <= 1 : hi - lo <= 1e-12 * Math.max(1, Math.abs(hi));
  const mid = (lo: number, hi: number): number =>
    f.integer ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
  /** Smallest c in [lo, hi] with macsAt(c) >= m (hi if none). */
  const firstReaching = (m: number, lo: number, hi: number): number => {
    if (macsAt(lo) >= m) return lo;
    while (!done(lo, hi)) {
      const c = mid(lo, hi);
      if (macsAt(c) >= m) hi = c;
      else lo = c;
    }
    return hi;
  };

  let chosen: number;
  let clamped = false;
  if (macsAt(f.lo) >= targetMacs) {
    chosen = f.lo;
    clamped = macsAt(f.lo) > targetMacs;
  } else if (macsAt(f.hi) < targetMacs) {
    chosen = firstReaching(macsAt(f.hi), f.lo, f.hi);
    clamped = true;
  } else {
    const above = firstReaching(targetMacs, f.lo, f.hi);
    // The configuration just below the crossing step.
    const belowC = f.integer ? above - 1 : above - Math.max(1e-12, Math.abs(above) * 1e-12) * 2;
    const below = firstReaching(macsAt(belowC), f.lo, belowC);
    chosen =
      Math.abs(macsAt(above) - targetMacs) <= Math.abs(targetMacs - macsAt(below)) ? above : below;
  }
  const cfg = f.at(chosen);
  const macs = macsAt(chosen);
  const baseRes = (o.base ?? { resolution: BASELINES[model].resolution }).resolution;
  return {
    model,
    strategy,
    coefficient: strategy === "resolution" ? chosen / baseRes : chosen,
    width: cfg.width,
    depth: cfg.depth,
    resolution: cfg.resolution,
    macs,
    target: targetMacs,
    relativeError: (macs - targetMacs) / targetMacs,
    clamped,
  };
}
