/**
 * An experiment as data: baseline, base size, budget, strategies, training sizes and seeds;
 * `planRuns` turns it into one run per (strategy, seed) with the calculator's exact network,
 * solved for the budget by the same solver /compare uses (lib/scaling/invert.ts).
 */
import { MODEL_IDS, type ModelId, type NetworkSpec } from "../arch/types";
import { calculate } from "../calculator";
import { formatBudget, parseBudget, type Budget } from "../scaling/compare";
import { solveBudget } from "../scaling/invert";
import { LIMITS, minResolution } from "../scaling/limits";
import { ConfigError } from "../scaling/request";
import { LAB_DEFAULTS, LAB_LIMITS } from "./defaults";
import { DEFAULT_STRATEGIES, LAB_STRATEGIES, STRATEGY_INFO, type LabStrategy } from "./strategies";

export interface ExperimentDef {
  readonly model: ModelId;
  readonly baseWidth: number;
  readonly baseDepth: number;
  readonly baseResolution: number;
  /** A multiple of the base's MACs or absolute MACs (phi budgets are /compare's, not here). */
  readonly budget: Budget;
  readonly strategies: readonly LabStrategy[];
  readonly epochs: number;
  readonly batch: number;
  readonly trainImages: number;
  readonly testImages: number;
  /** Validation images (per-epoch curve); a split of its own. */
  readonly valImages: number;
  /** Seeds per strategy (K) and the first seed (S): runs use S, S+1, ... S+K-1. */
  readonly seeds: number;
  readonly seed: number;
  /**
   * The dataset's seed (the procedural images, or how a folder is split); absent: the first
   * seed. Lets an experiment gain seeds later on the same data (`--seed 4 --data-seed 1`).
   */
  readonly dataSeed?: number;
}

/** The seed the experiment's dataset is drawn (or a folder split) with. */
export function datasetSeed(def: ExperimentDef): number {
  return def.dataSeed ?? def.seed;
}

export const DEFAULT_EXPERIMENT: ExperimentDef = {
  model: "efficientnet",
  baseWidth: LAB_DEFAULTS.baseWidth,
  baseDepth: LAB_DEFAULTS.baseDepth,
  baseResolution: LAB_DEFAULTS.baseResolution,
  budget: { kind: "multiple", factor: LAB_DEFAULTS.budgetFactor },
  strategies: DEFAULT_STRATEGIES,
  epochs: LAB_DEFAULTS.epochs,
  batch: LAB_DEFAULTS.batch,
  trainImages: LAB_DEFAULTS.trainImages,
  testImages: LAB_DEFAULTS.testImages,
  valImages: LAB_DEFAULTS.valImages,
  seeds: 1,
  seed: LAB_DEFAULTS.seed,
};

/** Raw values as a person gives them (CLI strings, URL values, JSON). */
export type RawExperiment = Partial<Record<keyof ExperimentDef, unknown>>;

function num(option: string, v: unknown, min: number, max: number, integer: boolean): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  const kind = integer ? "a whole number" : "a number";
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new ConfigError(
      option,
      `expected ${kind} from ${min} to ${max}, got ${JSON.stringify(v)}`,
    );
  }
  if (n < min || n > max)
    throw new ConfigError(option, `${n} is out of range; allowed ${min} to ${max}`);
  return n;
}

/** "base,depth,compound" or an array; unknown, empty or repeated names are errors. */
export function parseStrategies(v: unknown): LabStrategy[] {
  const parts = Array.isArray(v)
    ? v.map(String)
    : typeof v === "string"
      ? v.split(",").map((s) => s.trim().toLowerCase())
      : [];
  if (parts.length === 0 || parts.some((p) => p === "")) {
    throw new ConfigError(
      "strategies",
      `expected a comma-separated list of ${LAB_STRATEGIES.join(", ")}`,
    );
  }
  const out: LabStrategy[] = [];
  for (const p of parts) {
    const hit = LAB_STRATEGIES.find((s) => s === p);
    if (!hit)
      throw new ConfigError(
        "strategies",
        `unknown strategy ${JSON.stringify(p)}; allowed: ${LAB_STRATEGIES.join(", ")}`,
      );
    if (out.includes(hit)) throw new ConfigError("strategies", `${hit} given twice`);
    out.push(hit);
  }
  // Always in table order, so results line up across experiments.
  return LAB_STRATEGIES.filter((s) => out.includes(s));
}

/** Checks every value (absent ones take the default). Throws ConfigError naming the option. */
export function parseExperiment(raw: RawExperiment): ExperimentDef {
  const d = DEFAULT_EXPERIMENT;
  const has = (k: keyof ExperimentDef): boolean => raw[k] !== undefined && raw[k] !== null;
  let model: ModelId = d.model;
  if (has("model")) {
    const m = String(raw.model);
    const hit = MODEL_IDS.find((x) => x === m);
    if (!hit)
      throw new ConfigError(
        "model",
        `unknown model ${JSON.stringify(m)}; allowed: ${MODEL_IDS.join(", ")}`,
      );
    model = hit;
  }
  const L = LAB_LIMITS;
  const baseWidth = has("baseWidth")
    ? num("base-width", raw.baseWidth, LIMITS.width.min, L.baseWidthMax, false)
    : d.baseWidth;
  const baseDepth = has("baseDepth")
    ? num("base-depth", raw.baseDepth, LIMITS.depth.min, L.baseDepthMax, false)
    : d.baseDepth;
  const minRes = minResolution(model);
  const baseResolution = has("baseResolution")
    ? num("base-resolution", raw.baseResolution, minRes, L.baseResolutionMax, true)
    : d.baseResolution;
  let budget = d.budget;
  if (has("budget")) {
    const b = raw.budget;
    budget = typeof b === "object" && b !== null && "kind" in b ? (b as Budget) : parseBudget(b);
    if (budget.kind === "phi") {
      throw new ConfigError(
        "budget",
        'a phi budget is not used here; give a multiple of the base ("2x") or a MAC count',
      );
    }
    if (budget.kind === "multiple" && (budget.factor < 1 || budget.factor > L.budgetFactorMax)) {
      throw new ConfigError(
        "budget",
        `${budget.factor}x is out of range; allowed 1x to ${L.budgetFactorMax}x of the base`,
      );
    }
  }
  const strategies = has("strategies") ? parseStrategies(raw.strategies) : [...d.strategies];
  const epochs = has("epochs") ? num("epochs", raw.epochs, 1, L.epochsMax, true) : d.epochs;
  const batch = has("batch") ? num("batch", raw.batch, 1, L.batchMax, true) : d.batch;
  const trainImages = has("trainImages")
    ? num("train-images", raw.trainImages, 2, L.imagesMax, true)
    : d.trainImages;
  const testImages = has("testImages")
    ? num("test-images", raw.testImages, 1, L.imagesMax, true)
    : d.testImages;
  const valImages = has("valImages")
    ? num("val-images", raw.valImages, 1, L.imagesMax, true)
    : Math.min(d.valImages, testImages);
  const seeds = has("seeds") ? num("seeds", raw.seeds, 1, L.seedsMax, true) : d.seeds;
  const seed = has("seed") ? num("seed", raw.seed, 0, 2 ** 31 - 1 - L.seedsMax, true) : d.seed;
  const dataSeed = has("dataSeed")
    ? num("data-seed", raw.dataSeed, 0, 2 ** 31 - 1, true)
    : d.dataSeed;
  const def: ExperimentDef = {
    model,
    baseWidth,
    baseDepth,
    baseResolution,
    budget,
    strategies,
    epochs,
    batch,
    trainImages,
    testImages,
    valImages,
    seeds,
    seed,
    ...(dataSeed !== undefined ? { dataSeed } : {}),
  };
  // The base must be a network the calculator accepts (throws ConfigError otherwise).
  baseCalculation(def, 2);
  return def;
}

export function baseCalculation(def: ExperimentDef, classes: number) {
  return calculate({
    model: def.model,
    classes,
    scaling: {
      kind: "explicit",
      width: def.baseWidth,
      depth: def.baseDepth,
      resolution: def.baseResolution,
    },
  });
}

/** One network to train. */
export interface RunPlan {
  /** "compound-s1" style, unique in the experiment. */
  readonly id: string;
  readonly strategy: LabStrategy;
  readonly seed: number;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly macs: number;
  readonly trainableParams: number;
  readonly totalParams: number;
  /** (macs - target) / target; 0 for the base. */
  readonly relativeError: number;
  /** The solver ran out of range before reaching the budget. */
  readonly clamped: boolean;
  readonly spec: NetworkSpec;
}

export interface ExperimentPlan {
  readonly def: ExperimentDef;
  readonly classes: number;
  readonly base: {
    readonly width: number;
    readonly depth: number;
    readonly resolution: number;
    readonly macs: number;
    readonly trainableParams: number;
    readonly totalParams: number;
  };
  readonly targetMacs: number;
  readonly runs: readonly RunPlan[];
}

/** Solves each strategy once and repeats it per seed (the network does not depend on it). */
export function planRuns(def: ExperimentDef, classes: number): ExperimentPlan {
  const baseCalc = baseCalculation(def, classes);
  const baseMacs = baseCalc.totals.macs;
  const targetMacs =
    def.budget.kind === "macs"
      ? def.budget.macs
      : def.budget.kind === "multiple"
        ? def.budget.factor * baseMacs
        : baseMacs;
  const configs = def.strategies.map((strategy) => {
    const s = STRATEGY_INFO[strategy].solve;
    if (!s) return { strategy, calc: baseCalc, relativeError: 0, clamped: false };
    const sol = solveBudget(def.model, s.strategy, targetMacs, {
      classes,
      alpha: s.alpha,
      beta: s.beta,
      gamma: s.gamma,
      base: { width: def.baseWidth, depth: def.baseDepth, resolution: def.baseResolution },
    });
    const calc = calculate({
      model: def.model,
      classes,
      scaling: { kind: "explicit", width: sol.width, depth: sol.depth, resolution: sol.resolution },
    });
    return { strategy, calc, relativeError: sol.relativeError, clamped: sol.clamped };
  });
  const runs: RunPlan[] = [];
  for (let k = 0; k < def.seeds; k++) {
    const seed = def.seed + k;
    for (const c of configs) {
      runs.push({
        id: `${c.strategy}-s${seed}`,
        strategy: c.strategy,
        seed,
        width: c.calc.coefficients.width,
        depth: c.calc.coefficients.depth,
        resolution: c.calc.coefficients.resolution,
        macs: c.calc.totals.macs,
        trainableParams: c.calc.totals.trainableParams,
        totalParams: c.calc.totals.totalParams,
        relativeError: c.relativeError,
        clamped: c.clamped,
        spec: c.calc.spec,
      });
    }
  }
  return {
    def,
    classes,
    base: {
      width: def.baseWidth,
      depth: def.baseDepth,
      resolution: def.baseResolution,
      macs: baseMacs,
      trainableParams: baseCalc.totals.trainableParams,
      totalParams: baseCalc.totals.totalParams,
    },
    targetMacs,
    runs,
  };
}

export { formatBudget };
