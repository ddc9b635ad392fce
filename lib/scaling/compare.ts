import { BASELINES } from "../arch/baselines";
import type { ModelId, NetworkSpec } from "../arch/types";
import { calculate, calculateBaseline, type Calculation } from "../calculator";
import type { StageRow } from "../cost/analyze";
import { flopsBase, PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA } from "./compound";
import { solveBudget, STRATEGIES, type BudgetSolution, type Strategy } from "./invert";
import { LIMITS } from "./limits";
import { ConfigError, parseNumber } from "./request";
import { scaleResolution } from "./rounding";
import { SeparableCost } from "./separable";
import { describeInput, isDecimal } from "../state/props";

/**
 * Strategy comparison at equal cost (paper section 3 and figure 8): for one budget, the
 * depth-only, width-only, resolution-only and compound configurations of a baseline.
 */

/** A budget as a user gives it. */
export type Budget =
  | { readonly kind: "macs"; readonly macs: number }
  | { readonly kind: "multiple"; readonly factor: number }
  | { readonly kind: "phi"; readonly phi: number };

/** Multiples accepted for a budget (of the baseline's MACs). */
export const BUDGET_MULTIPLE = { min: 0.05, max: 1000 } as const;
/** Absolute MAC budgets accepted. */
export const BUDGET_MACS = { min: 1e6, max: 1e15 } as const;

const BUDGET_HELP =
  'allowed: a multiple of the baseline\'s MACs like "2x" (0.05x to 1000x), a MAC count like "1.8e9" or "1.8B" / "800M", or "phi=<n>"';

const SUFFIX: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, g: 1e9, b: 1e9, t: 1e12 };

/** Parses "2x", "1.8e9", "1.8B", "800M" or "phi=1.5". Throws ConfigError("budget"). */
export function parseBudget(raw: unknown): Budget {
  if (typeof raw === "number") raw = String(raw);
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new ConfigError("budget", `expected a budget, got ${describeInput(raw)}; ${BUDGET_HELP}`);
  }
  const s = raw.trim().toLowerCase();
  const phiMatch = /^phi\s*=\s*(.+)$/.exec(s);
  if (phiMatch) {
    const phi = isDecimal(phiMatch[1]!) ? Number(phiMatch[1]) : NaN;
    if (!Number.isFinite(phi) || phi < LIMITS.phi.min || phi > LIMITS.phi.max) {
      throw new ConfigError(
        "budget",
        `phi ${describeInput(phiMatch[1])} is not allowed; phi must be from ${LIMITS.phi.min} to ${LIMITS.phi.max}`,
      );
    }
    return { kind: "phi", phi };
  }
  const multiple = /^([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*x$/.exec(s);
  if (multiple) {
    const factor = Number(multiple[1]);
    if (!(factor >= BUDGET_MULTIPLE.min && factor <= BUDGET_MULTIPLE.max)) {
      throw new ConfigError("budget", `${factor}x is out of range; ${BUDGET_HELP}`);
    }
    return { kind: "multiple", factor };
  }
  const macs = /^([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*([kmgbt]?)$/.exec(s);
  if (macs) {
    const v = Number(macs[1]) * (macs[2] ? SUFFIX[macs[2]]! : 1);
    if (!(v >= BUDGET_MACS.min && v <= BUDGET_MACS.max)) {
      throw new ConfigError(
        "budget",
        `${v.toExponential(3)} MACs is out of range; ${BUDGET_HELP} (1e6 to 1e15 MACs)`,
      );
    }
    return { kind: "macs", macs: v };
  }
  throw new ConfigError("budget", `cannot read ${describeInput(raw)}; ${BUDGET_HELP}`);
}

/** The canonical text of a budget (URL state, CLI echo). */
export function formatBudget(b: Budget): string {
  switch (b.kind) {
    case "macs":
      return String(b.macs);
    case "multiple":
      return `${b.factor}x`;
    case "phi":
      return `phi=${b.phi}`;
  }
}

export interface CompareOptions {
  readonly alpha?: number;
  readonly beta?: number;
  readonly gamma?: number;
  readonly classes?: number;
}

/** One column of the comparison. */
export interface StrategyConfig extends Omit<BudgetSolution, "model"> {
  /** MACs / the baseline's MACs. */
  readonly multiplier: number;
  readonly trainableParams: number;
  readonly totalParams: number;
  readonly peakActivationBytes: number;
  readonly peakActivationLayer: string;
  /** Per-stage shape (paper table 1 form) with each stage's cost. */
  readonly stages: readonly StageRow[];
  readonly spec: NetworkSpec;
}

export interface Comparison {
  readonly model: ModelId;
  readonly budget: Budget;
  readonly targetMacs: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly classes: number;
  readonly baseline: {
    readonly macs: number;
    readonly trainableParams: number;
    readonly resolution: number;
    readonly peakActivationBytes: number;
  };
  /** In STRATEGIES order: depth, width, resolution, compound. */
  readonly configs: readonly StrategyConfig[];
}

function toConfig(
  strategy: Strategy,
  coefficient: number,
  calc: Calculation,
  target: number,
  clamped: boolean,
  baselineMacs: number,
): StrategyConfig {
  const t = calc.totals;
  return {
    strategy,
    coefficient,
    width: calc.coefficients.width,
    depth: calc.coefficients.depth,
    resolution: calc.coefficients.resolution,
    macs: t.macs,
    target,
    relativeError: (t.macs - target) / target,
    clamped,
    multiplier: t.macs / baselineMacs,
    trainableParams: t.trainableParams,
    totalParams: t.totalParams,
    peakActivationBytes: t.peakActivationBytes,
    peakActivationLayer: t.peakActivationLayer,
    stages: calc.stages,
    spec: calc.spec,
  };
}

/**
 * Solves the four strategies for one budget. A phi budget means "what compound scaling at
 * this phi costs": the compound column is that exact network and the others match its MACs.
 */
export function compareStrategies(
  model: ModelId,
  budget: Budget,
  o: CompareOptions = {},
): Comparison {
  const alpha = o.alpha ?? PAPER_ALPHA;
  const beta = o.beta ?? PAPER_BETA;
  const gamma = o.gamma ?? PAPER_GAMMA;
  const classes = o.classes ?? 1000;
  parseNumber("alpha", alpha);
  parseNumber("beta", beta);
  parseNumber("gamma", gamma);
  parseNumber("classes", classes, true);
  const base = calculateBaseline(model, classes);
  const baselineMacs = base.totals.macs;

  let targetMacs: number;
  let phiCalc: Calculation | null = null;
  switch (budget.kind) {
    case "macs":
      targetMacs = budget.macs;
      break;
    case "multiple":
      targetMacs = budget.factor * baselineMacs;
      break;
    case "phi":
      // calculate() checks the phi network's coefficients against the limits.
      phiCalc = calculate({
        model,
        classes,
        scaling: { kind: "compound", phi: budget.phi, alpha, beta, gamma },
      });
      targetMacs = phiCalc.totals.macs;
      break;
  }
  // A NaN or infinite budget would send the solvers bisecting to their limits for nothing.
  if (!Number.isFinite(targetMacs) || targetMacs <= 0) {
    throw new ConfigError(
      "budget",
      `the budget must be a positive finite number of MACs, got ${describeInput(targetMacs)}`,
    );
  }

  const configs = STRATEGIES.map((strategy) => {
    if (strategy === "compound" && phiCalc && budget.kind === "phi") {
      return toConfig(strategy, budget.phi, phiCalc, targetMacs, false, baselineMacs);
    }
    const s = solveBudget(model, strategy, targetMacs, { alpha, beta, gamma, classes });
    const calc = calculate({
      model,
      classes,
      scaling: { kind: "explicit", width: s.width, depth: s.depth, resolution: s.resolution },
    });
    return toConfig(strategy, s.coefficient, calc, targetMacs, s.clamped, baselineMacs);
  });

  return {
    model,
    budget,
    targetMacs,
    alpha,
    beta,
    gamma,
    classes,
    baseline: {
      macs: baselineMacs,
      trainableParams: base.totals.trainableParams,
      resolution: BASELINES[model].resolution,
      peakActivationBytes: base.totals.peakActivationBytes,
    },
    configs,
  };
}

/** What the CLI prints with --json: everything but the per-layer network spec. */
export function comparisonToJSON(c: Comparison): unknown {
  return {
    model: c.model,
    budget: formatBudget(c.budget),
    targetMacs: c.targetMacs,
    alpha: c.alpha,
    beta: c.beta,
    gamma: c.gamma,
    nominalMultiplierPerPhi: flopsBase(c.alpha, c.beta, c.gamma),
    classes: c.classes,
    baseline: c.baseline,
    configs: c.configs.map(({ spec: _spec, stages, ...rest }) => ({
      ...rest,
      stages: stages.map((s) => ({
        index: s.index,
        operator: s.operator,
        kind: s.kind,
        inRes: s.inRes,
        outRes: s.outRes,
        inChannels: s.inChannels,
        outChannels: s.outChannels,
        repeats: s.repeats,
        trainableParams: s.trainableParams,
        macs: s.macs,
      })),
    })),
  };
}

// ---------------------------------------------------------------------------------------
// Curves in the spirit of figures 3, 4 and 8.

export interface CurvePoint {
  /** The coefficient varied (d, w, r or phi). */
  readonly x: number;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly macs: number;
  readonly params: number;
}

/** The coefficient values the paper's figure 3 / 8 sweep (wider where the paper went wider). */
export const CURVE_RANGES: Readonly<Record<Strategy, readonly number[]>> = {
  depth: [1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8],
  width: [1, 1.2, 1.4, 1.6, 1.8, 2, 2.2, 2.6, 3, 3.4, 3.8, 4.2, 5],
  resolution: [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.2, 2.5],
  compound: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7],
};

export interface Base {
  readonly width: number;
  readonly depth: number;
  /** Resolution coefficient relative to the baseline's input size. */
  readonly r: number;
}

/**
 * MACs and parameters as one coefficient grows from `base` (figure 3: base = baseline;
 * figure 4: width under other (d, r) baselines). Compound uses phi under alpha/beta/gamma.
 */
export function strategyCurve(
  model: ModelId,
  strategy: Strategy,
  xs: readonly number[] = CURVE_RANGES[strategy],
  base: Base = { width: 1, depth: 1, r: 1 },
  o: CompareOptions = {},
  cost: SeparableCost = new SeparableCost(model, o.classes ?? 1000),
): CurvePoint[] {
  const alpha = o.alpha ?? PAPER_ALPHA;
  const beta = o.beta ?? PAPER_BETA;
  const gamma = o.gamma ?? PAPER_GAMMA;
  const res0 = BASELINES[model].resolution;
  return xs.map((x) => {
    let width = base.width;
    let depth = base.depth;
    let r = base.r;
    if (strategy === "depth") depth = base.depth * x;
    else if (strategy === "width") width = base.width * x;
    else if (strategy === "resolution") r = base.r * x;
    else {
      depth = base.depth * Math.pow(alpha, x);
      width = base.width * Math.pow(beta, x);
      r = base.r * Math.pow(gamma, x);
    }
    const resolution = scaleResolution(res0, r);
    const v = cost.cost(width, depth, resolution);
    return { x, width, depth, resolution, macs: v.macs, params: v.trainableParams };
  });
}

/** Figure 4's baselines: (d, r) = (1, 1), (1, 1.3), (2, 1), (2, 1.3). */
export const FIGURE4_BASES: readonly Base[] = [
  { width: 1, depth: 1, r: 1 },
  { width: 1, depth: 1, r: 1.3 },
  { width: 1, depth: 2, r: 1 },
  { width: 1, depth: 2, r: 1.3 },
];
