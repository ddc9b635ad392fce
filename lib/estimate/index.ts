import { BASELINES } from "../arch/baselines";
import { type Msg, msg } from "../i18n/msg";
import type { ModelId } from "../arch/types";
import { TABLE2, type PaperSource } from "../paper";
import { PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA } from "../scaling/compound";
import type { Strategy } from "../scaling/invert";
import { PRESETS } from "../scaling/presets";
import { scaleResolution } from "../scaling/rounding";
import { SeparableCost } from "../scaling/separable";
import { fitAccuracy, leaveOneOut, predictTop1, type AccuracyFit, type LooSummary } from "./fit";
import { ACCURACY_POINTS, anchorFor, type AccuracyPoint, type Anchor } from "./points";

export * from "./fit";
export * from "./points";

/**
 * Published top-1 is shown where the paper trained the very network; elsewhere an
 * estimate from `fitAccuracy` (see fit.ts), labelled as such, with its leave-one-out error,
 * and only where published points of the same baseline and strategy bracket it.
 */

/** Slack on the support interval for the paper's rounding of FLOPs (1.8B is 1.75..1.85). */
export const SUPPORT_SLACK = 1.05;

const STRATEGY_WORD: Readonly<Record<Strategy, string>> = {
  depth: "depth-scaled",
  width: "width-scaled",
  resolution: "resolution-scaled",
  compound: "compound-scaled",
};

let memo: { fit: AccuracyFit; loo: LooSummary } | null = null;

/** The model fitted to all 22 published points, and its leave-one-out errors (computed once). */
export function accuracyModel(): { fit: AccuracyFit; loo: LooSummary } {
  if (!memo) memo = { fit: fitAccuracy(ACCURACY_POINTS), loo: leaveOneOut(ACCURACY_POINTS) };
  return memo;
}

export interface EstimateQuery {
  readonly model: ModelId;
  readonly strategy: Strategy;
  /** MACs of the configuration / MACs of the baseline (both computed). */
  readonly x: number;
  /** Compound scaling constants (the fit's compound points use the paper's). */
  readonly alpha?: number;
  readonly beta?: number;
  readonly gamma?: number;
  /** Single-dimension scaling that starts from something other than the baseline (figure 4). */
  readonly offBaseline?: boolean;
}

export type AccuracyEstimate =
  | {
      readonly kind: "estimate";
      readonly top1: number;
      /** LOO mean absolute error of this strategy's points, and how many there are. */
      readonly looMae: number;
      readonly looN: number;
      readonly anchor: Anchor;
      /** The x range published points of this baseline and strategy cover. */
      readonly support: { readonly min: number; readonly max: number };
    }
  | {
      readonly kind: "unsupported";
      readonly reason: string;
      /** The reason for the interface to translate. */
      readonly msg?: Msg;
    };

export function supportOf(model: ModelId, strategy: Strategy): { min: number; max: number } | null {
  const pts = ACCURACY_POINTS.filter((p) => p.model === model && p.strategy === strategy);
  if (pts.length === 0) return null;
  return { min: 1 / SUPPORT_SLACK, max: Math.max(...pts.map((p) => p.x)) * SUPPORT_SLACK };
}

const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

export function estimateAccuracy(q: EstimateQuery): AccuracyEstimate {
  const name = BASELINES[q.model].name;
  if (!(q.x > 0) || !Number.isFinite(q.x)) {
    return {
      kind: "unsupported",
      reason: `no estimate for a MAC multiple of ${q.x}`,
      msg: msg("compare.accuracy.reason.badMultiple", { x: String(q.x) }),
    };
  }
  if (q.offBaseline && q.strategy !== "compound") {
    return {
      kind: "unsupported",
      reason: `the paper publishes no accuracy for ${q.strategy} scaling that starts from a deeper or higher-resolution ${name}`,
      msg: msg("compare.accuracy.reason.offBaseline", { strategy: q.strategy, name }),
    };
  }
  if (
    q.strategy === "compound" &&
    !(
      near(q.alpha ?? PAPER_ALPHA, PAPER_ALPHA) &&
      near(q.beta ?? PAPER_BETA, PAPER_BETA) &&
      near(q.gamma ?? PAPER_GAMMA, PAPER_GAMMA)
    )
  ) {
    return {
      kind: "unsupported",
      reason: `the published compound points use the paper's alpha = 1.2, beta = 1.1, gamma = 1.15 (or unstated constants); no estimate for other constants`,
      msg: msg("compare.accuracy.reason.constants"),
    };
  }
  const support = supportOf(q.model, q.strategy);
  const anchor = anchorFor(q.model, q.strategy);
  if (!support || !anchor) {
    return {
      kind: "unsupported",
      reason: `the paper publishes no ${STRATEGY_WORD[q.strategy]} ${name}`,
      msg: msg("compare.accuracy.reason.noPoints", { strategy: q.strategy, name }),
    };
  }
  if (q.x < support.min) {
    return {
      kind: "unsupported",
      reason: `${fmtX(q.x)} is below the baseline's cost; the paper publishes no scaled-down ${name}`,
      msg: msg("compare.accuracy.reason.below", { x: fmtX(q.x), name }),
    };
  }
  if (q.x > support.max) {
    const pubMax = support.max / SUPPORT_SLACK;
    return {
      kind: "unsupported",
      reason: `${fmtX(q.x)} the baseline's MACs is beyond the largest published ${STRATEGY_WORD[q.strategy]} ${name} (${fmtX(pubMax)}); the fit would extrapolate`,
      msg: msg("compare.accuracy.reason.beyond", {
        x: fmtX(q.x),
        strategy: q.strategy,
        name,
        max: fmtX(pubMax),
      }),
    };
  }
  const { fit, loo } = accuracyModel();
  const top1 = predictTop1(fit, { strategy: q.strategy, x: q.x, baselineTop1: anchor.top1 });
  const s = loo.byStrategy[q.strategy];
  if (top1 === null || !s) {
    return {
      kind: "unsupported",
      reason: `the fit has no ${q.strategy} points`,
      msg: msg("compare.accuracy.reason.noFit", { strategy: q.strategy }),
    };
  }
  return { kind: "estimate", top1, looMae: s.mae, looN: s.n, anchor, support };
}

function fmtX(x: number): string {
  return `${x < 10 ? x.toFixed(2) : x.toFixed(1)}x`;
}

// ---------------------------------------------------------------------------------------
// Published points for a configuration.

export interface PublishedMatch {
  readonly top1: number;
  readonly flopsB: number;
  readonly label: string;
  readonly source: PaperSource;
}

interface NetKey {
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
}

function sameNetwork(model: ModelId, a: NetKey, b: NetKey): boolean {
  const c = new SeparableCost(model);
  return (
    a.resolution === b.resolution &&
    c.widthKey(a.width) === c.widthKey(b.width) &&
    c.repeats(a.depth).join() === c.repeats(b.depth).join()
  );
}

/**
 * The published row for exactly this network, if the paper trained it: a table 3 / 7 row of
 * the same baseline and strategy whose printed coefficients build the same network (same
 * rounded channels, repeats and input size), the baseline itself, or an EfficientNet preset
 * of table 2.
 */
export function publishedFor(
  model: ModelId,
  strategy: Strategy | "baseline",
  cfg: NetKey,
): PublishedMatch | null {
  const baseRes = BASELINES[model].resolution;
  for (const p of ACCURACY_POINTS) {
    if (p.model !== model || p.strategy !== strategy || !p.coefficients) continue;
    const k = {
      width: p.coefficients.width ?? 1,
      depth: p.coefficients.depth ?? 1,
      resolution: scaleResolution(baseRes, p.coefficients.resolution ?? 1),
    };
    if (sameNetwork(model, k, cfg))
      return { top1: p.top1, flopsB: p.flopsB, label: p.label, source: p.source };
  }
  if (BASELINES[model].paper?.table2Presets) {
    for (const r of TABLE2) {
      if (!r.efficientnet || r.flopsB === null) continue;
      const pr = PRESETS[r.efficientnet];
      if (sameNetwork(model, pr, cfg))
        return { top1: r.top1, flopsB: r.flopsB, label: r.name, source: r.source };
    }
  }
  return null;
}

/** The published points of one baseline and strategy (for reference next to a column). */
export function publishedPoints(model: ModelId, strategy: Strategy): readonly AccuracyPoint[] {
  return ACCURACY_POINTS.filter((p) => p.model === model && p.strategy === strategy);
}

export type ConfigAccuracy = ({ readonly kind: "published" } & PublishedMatch) | AccuracyEstimate;

/**
 * What the comparison shows under a configuration: the published top-1 if the paper
 * trained this exact network, else the labelled estimate (or why there is none).
 */
export function accuracyOfConfig(
  model: ModelId,
  strategy: Strategy,
  cfg: NetKey & { readonly multiplier: number },
  o: { readonly alpha?: number; readonly beta?: number; readonly gamma?: number } = {},
): ConfigAccuracy {
  const pub = publishedFor(model, strategy, cfg);
  if (pub) return { kind: "published", ...pub };
  return estimateAccuracy({ model, strategy, x: cfg.multiplier, ...o });
}
