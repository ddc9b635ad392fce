import { BASELINES } from "../arch/baselines";
import type { ModelId } from "../arch/types";
import type { StageRow } from "../cost/analyze";
import { calculateBaseline } from "../calculator";
import {
  compareStrategies,
  CURVE_RANGES,
  FIGURE4_BASES,
  strategyCurve,
  type Base,
  type Budget,
  type CompareOptions,
  type Comparison,
  type StrategyConfig,
} from "../scaling/compare";
import { STRATEGIES, type Strategy } from "../scaling/invert";
import { SeparableCost } from "../scaling/separable";
import {
  accuracyModel,
  accuracyOfConfig,
  estimateAccuracy,
  publishedPoints,
  anchorFor,
  type Anchor,
  type ConfigAccuracy,
} from "./index";
import type { AccuracyPoint } from "./points";

/**
 * Everything the /compare page shows for one (model, budget, constants), computed in one
 * place (the page runs it in a Web Worker) and small enough to post: the four
 * configurations without their per-layer specs, accuracy for each, the figure 3/8 curves
 * and the figure 4 width curves.
 */
export interface CurveRow {
  readonly x: number;
  readonly macs: number;
  /** MACs / baseline MACs. */
  readonly multiple: number;
  readonly params: number;
  /** Estimated top-1 where the fit supports it, else null. */
  readonly top1: number | null;
}

export interface CompareView {
  readonly comparison: Omit<Comparison, "configs"> & {
    readonly configs: readonly Omit<StrategyConfig, "spec">[];
  };
  readonly baselineStages: readonly StageRow[];
  readonly accuracy: readonly ConfigAccuracy[];
  /** Figure 3 / 8: each strategy grown from the baseline. */
  readonly curves: Readonly<Record<Strategy, readonly CurveRow[]>>;
  /** Figure 4: width grown from four (d, r) baselines. */
  readonly widthCurves: readonly { readonly base: Base; readonly points: readonly CurveRow[] }[];
  /** Published points of this baseline, per strategy, and the anchors. */
  readonly published: Readonly<Record<Strategy, readonly AccuracyPoint[]>>;
  readonly anchors: Readonly<Record<Strategy, Anchor | null>>;
  readonly fit: {
    readonly floor: number;
    readonly exponents: Readonly<Record<Strategy, number | null>>;
    readonly rms: number;
    readonly n: number;
    readonly looMae: number;
    readonly looMax: number;
    readonly looByStrategy: Readonly<
      Record<Strategy, { readonly mae: number; readonly n: number } | null>
    >;
  };
}

export function buildCompareView(
  model: ModelId,
  budget: Budget,
  o: CompareOptions = {},
): CompareView {
  const c = compareStrategies(model, budget, o);
  const classes = c.classes;
  const cost = new SeparableCost(model, classes);
  const baseMacs = c.baseline.macs;
  const k = { alpha: c.alpha, beta: c.beta, gamma: c.gamma };
  const row =
    (strategy: Strategy, offBaseline: boolean) =>
    (p: { x: number; macs: number; params: number }): CurveRow => {
      const e = estimateAccuracy({ model, strategy, x: p.macs / baseMacs, offBaseline, ...k });
      return {
        x: p.x,
        macs: p.macs,
        multiple: p.macs / baseMacs,
        params: p.params,
        top1: e.kind === "estimate" ? e.top1 : null,
      };
    };
  const curves = {} as Record<Strategy, CurveRow[]>;
  const published = {} as Record<Strategy, readonly AccuracyPoint[]>;
  const anchors = {} as Record<Strategy, Anchor | null>;
  for (const s of STRATEGIES) {
    curves[s] = strategyCurve(model, s, CURVE_RANGES[s], undefined, k, cost).map(row(s, false));
    published[s] = publishedPoints(model, s);
    anchors[s] = anchorFor(model, s);
  }
  const widthCurves = FIGURE4_BASES.map((base) => ({
    base,
    points: strategyCurve(model, "width", CURVE_RANGES.width, base, k, cost).map(
      row("width", base.depth !== 1 || base.r !== 1),
    ),
  }));
  const { fit, loo } = accuracyModel();
  return {
    comparison: { ...c, configs: c.configs.map(({ spec: _s, ...rest }) => rest) },
    baselineStages: calculateBaseline(model, classes).stages,
    accuracy: c.configs.map((cfg) => accuracyOfConfig(model, cfg.strategy, cfg, k)),
    curves,
    widthCurves,
    published,
    anchors,
    fit: {
      floor: fit.floor,
      exponents: fit.exponents,
      rms: fit.rms,
      n: fit.n,
      looMae: loo.mae,
      looMax: loo.maxAbs,
      looByStrategy: loo.byStrategy,
    },
  };
}

export const BASELINE_NAMES: Readonly<Record<ModelId, string>> = Object.fromEntries(
  Object.entries(BASELINES).map(([id, b]) => [id, b.name]),
) as Record<ModelId, string>;
