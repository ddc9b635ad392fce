import { BASELINES } from "../arch/baselines";
import { MODEL_IDS, type ModelId } from "../arch/types";
import { compoundCoefficients, flopsBase, PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA } from "./compound";
import { LIMITS } from "./limits";
import { ConfigError } from "./request";
import { SeparableCost, type WidthHandle } from "./separable";
import { explorerHref as explorerLink } from "../state/explorer";
import { describeInput, isDecimal } from "../state/props";

/**
 * The paper's step 1 (section 4): fix phi = 1, try alpha, beta, gamma on a small grid
 * under alpha * beta^2 * gamma^2 ~= 2, and look at the networks they give. Here every
 * feasible triple's phi = 1 network is built for real (through `SeparableCost`, which
 * shares work between triples whose rounded configurations coincide), so the table shows
 * the true MAC multiplier rounding produces, not the nominal 2.
 */

export interface AxisRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export interface GridSpec {
  readonly model: ModelId;
  readonly alpha: AxisRange;
  readonly beta: AxisRange;
  readonly gamma: AxisRange;
  /** Keep triples with |alpha * beta^2 * gamma^2 - target| <= tolerance. */
  readonly tolerance: number;
  readonly target: number;
  readonly classes: number;
}

export interface GridRow {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  /** alpha * beta^2 * gamma^2: the nominal FLOPs multiplier. */
  readonly product: number;
  /** The phi = 1 network: depth = alpha, width = beta, resolution = round(base * gamma). */
  readonly resolution: number;
  readonly macs: number;
  /** Real MACs / baseline MACs. */
  readonly multiplier: number;
  readonly params: number;
  /** Index of the distinct network (equal ids = identical networks after rounding). */
  readonly network: number;
  readonly isPaper: boolean;
}

export interface GridProgress {
  /** Triples examined so far / all triples on the grid. */
  readonly done: number;
  readonly total: number;
  readonly feasible: number;
  /** Distinct rounded networks among the feasible triples so far. */
  readonly networks: number;
  /** Networks actually built by the cost evaluator so far. */
  readonly builds: number;
  readonly finished: boolean;
}

export interface GridResult extends GridProgress {
  readonly spec: GridSpec;
  readonly baselineMacs: number;
  readonly baselineParams: number;
  readonly rows: readonly GridRow[];
  /** Whether (1.2, 1.1, 1.15) lies on the grid and, if so, passes the tolerance. */
  readonly paper: { readonly onGrid: boolean; readonly feasible: boolean };
}

/** Largest grid accepted: 10^6 triples keeps memory and the worker's reply bounded. */
export const MAX_GRID_TRIPLES = 1_000_000;

export const DEFAULT_GRID: GridSpec = {
  model: "efficientnet",
  alpha: { min: 1, max: 2, step: 0.05 },
  beta: { min: 1, max: 1.5, step: 0.05 },
  gamma: { min: 1, max: 1.5, step: 0.05 },
  tolerance: 0.1,
  target: 2,
  classes: 1000,
};

/** Decimal places that represent min and step exactly enough (grid values print cleanly). */
function decimals(r: AxisRange): number {
  const places = (x: number): number => {
    for (let d = 0; d <= 12; d++)
      if (Math.abs(Math.round(x * 10 ** d) - x * 10 ** d) < 1e-6) return d;
    return 12;
  };
  return Math.max(places(r.min), places(r.step));
}

/** Values min, min + step, ... <= max (inclusive, tolerant of float drift). */
export function axisValues(r: AxisRange): number[] {
  const n = axisLength(r);
  const d = decimals(r);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = Number((r.min + i * r.step).toFixed(d));
  return out;
}

export function axisLength(r: AxisRange): number {
  return Math.floor((r.max - r.min) / r.step + 1e-9) + 1;
}

export function gridSize(spec: Pick<GridSpec, "alpha" | "beta" | "gamma">): number {
  return axisLength(spec.alpha) * axisLength(spec.beta) * axisLength(spec.gamma);
}

type AxisKey = "alpha" | "beta" | "gamma";

function num(option: string, v: unknown, what: string): number {
  const n =
    typeof v === "number" ? v : typeof v === "string" && isDecimal(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n))
    throw new ConfigError(option, `expected ${what}, got ${describeInput(v)}`);
  return n;
}

/**
 * A raw axis: "min:max:step" (or "min:max" with the default step), or an object.
 * Bounds must lie within LIMITS (1..4); step > 0.
 */
export function parseAxis(key: AxisKey, raw: unknown, defaultStep: number): AxisRange {
  const option = `${key}-range`;
  const l = LIMITS[key];
  const allowed = `"min:max:step" with ${l.min} <= min <= max <= ${l.max} and step > 0`;
  let min: unknown;
  let max: unknown;
  let step: unknown = defaultStep;
  if (typeof raw === "string") {
    const parts = raw.split(":");
    if (parts.length < 2 || parts.length > 3) {
      throw new ConfigError(option, `expected ${allowed}, got ${describeInput(raw)}`);
    }
    [min, max] = parts;
    if (parts.length === 3) step = parts[2];
  } else if (raw && typeof raw === "object") {
    const o = raw as Record<string, unknown>;
    ({ min, max } = o);
    if (o.step !== undefined) step = o.step;
  } else {
    throw new ConfigError(option, `expected ${allowed}, got ${describeInput(raw)}`);
  }
  const r = {
    min: num(option, min, allowed),
    max: num(option, max, allowed),
    step: num(option, step, allowed),
  };
  if (r.min < l.min || r.max > l.max || r.min > r.max) {
    throw new ConfigError(option, `${r.min}:${r.max} is out of range; allowed ${allowed}`);
  }
  if (!(r.step > 0))
    throw new ConfigError(option, `step ${r.step} must be > 0; allowed ${allowed}`);
  return r;
}

export interface RawGridSpec {
  model?: unknown;
  alpha?: unknown;
  beta?: unknown;
  gamma?: unknown;
  /** One step for all three axes (overrides the steps inside the ranges). */
  step?: unknown;
  tolerance?: unknown;
  target?: unknown;
  classes?: unknown;
}

/** Validates a grid request (CLI options, URL state) into a GridSpec; throws ConfigError. */
export function parseGridSpec(raw: RawGridSpec): GridSpec {
  const model = raw.model ?? DEFAULT_GRID.model;
  if (typeof model !== "string" || !(MODEL_IDS as readonly string[]).includes(model)) {
    throw new ConfigError(
      "model",
      `unknown model ${describeInput(model)}; allowed: ${MODEL_IDS.join(", ")}`,
    );
  }
  let step: number | undefined;
  if (raw.step !== undefined) {
    step = num("step", raw.step, "a number > 0, e.g. 0.05");
    if (!(step > 0) || step > 3)
      throw new ConfigError("step", `${step} is out of range; allowed > 0 and <= 3`);
  }
  const axis = (k: AxisKey): AxisRange => {
    const v = raw[k];
    const d = DEFAULT_GRID[k];
    const r = v === undefined ? d : parseAxis(k, v, d.step);
    return step === undefined ? r : { ...r, step };
  };
  const alpha = axis("alpha");
  const beta = axis("beta");
  const gamma = axis("gamma");
  const tolerance =
    raw.tolerance === undefined
      ? DEFAULT_GRID.tolerance
      : num("tolerance", raw.tolerance, "a number from 0 to 10");
  if (!(tolerance >= 0 && tolerance <= 10)) {
    throw new ConfigError("tolerance", `${tolerance} is out of range; allowed from 0 to 10`);
  }
  const target =
    raw.target === undefined
      ? DEFAULT_GRID.target
      : num("target", raw.target, "a number from 1 to 64");
  if (!(target >= 1 && target <= 64)) {
    throw new ConfigError("target", `${target} is out of range; allowed from 1 to 64`);
  }
  let classes = DEFAULT_GRID.classes;
  if (raw.classes !== undefined) {
    classes = num(
      "classes",
      raw.classes,
      `an integer from ${LIMITS.classes.min} to ${LIMITS.classes.max}`,
    );
    if (
      !Number.isInteger(classes) ||
      classes < LIMITS.classes.min ||
      classes > LIMITS.classes.max
    ) {
      throw new ConfigError(
        "classes",
        `${classes} is not allowed; expected an integer from ${LIMITS.classes.min} to ${LIMITS.classes.max}`,
      );
    }
  }
  const spec: GridSpec = {
    model: model as ModelId,
    alpha,
    beta,
    gamma,
    tolerance,
    target,
    classes,
  };
  const size = gridSize(spec);
  if (size > MAX_GRID_TRIPLES) {
    throw new ConfigError(
      raw.step !== undefined ? "step" : "alpha-range",
      `the grid has ${size.toLocaleString("en-US")} triples; allowed at most ${MAX_GRID_TRIPLES.toLocaleString("en-US")} (use a larger step or smaller ranges)`,
    );
  }
  return spec;
}

const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

/**
 * Incremental grid search: call `next()` until `finished`; each call examines at most
 * `maxTriples` grid points, so a worker can report progress and honour a cancel between
 * calls. Rows come out in grid order (alpha-major).
 */
export class GridSearch {
  readonly total: number;
  readonly baselineMacs: number;
  readonly baselineParams: number;
  private readonly a: number[];
  private readonly b: number[];
  private readonly g: number[];
  private readonly cost: SeparableCost;
  private readonly networkIds = new Map<number, number>();
  private cursor = 0;
  readonly rows: GridRow[] = [];

  constructor(readonly spec: GridSpec) {
    this.a = axisValues(spec.alpha);
    this.b = axisValues(spec.beta);
    this.g = axisValues(spec.gamma);
    this.total = this.a.length * this.b.length * this.g.length;
    this.cost = new SeparableCost(spec.model, spec.classes);
    const base = this.cost.cost(1, 1, BASELINES[spec.model].resolution);
    this.baselineMacs = base.macs;
    this.baselineParams = base.trainableParams;
  }

  get finished(): boolean {
    return this.cursor >= this.total;
  }

  progress(): GridProgress {
    return {
      done: this.cursor,
      total: this.total,
      feasible: this.rows.length,
      networks: this.networkIds.size,
      builds: this.cost.builds,
      finished: this.finished,
    };
  }

  next(maxTriples = 5000): GridProgress {
    const { spec, a, b, g } = this;
    const nb = b.length;
    const ng = g.length;
    const end = Math.min(this.total, this.cursor + Math.max(1, Math.floor(maxTriples)));
    for (let i = this.cursor; i < end; i++) {
      const ia = Math.floor(i / (nb * ng));
      const ib = Math.floor(i / ng) % nb;
      const ig = i % ng;
      const alpha = a[ia]!;
      const beta = b[ib]!;
      const gamma = g[ig]!;
      const product = flopsBase(alpha, beta, gamma);
      if (Math.abs(product - spec.target) > spec.tolerance + 1e-12) continue;
      const da = this.depthAxis(ia);
      const wb = this.widthAxis(ib);
      const resolution = this.resAxis(ig);
      const v = this.cost.costAt(wb, da.depth, da.reps, resolution);
      const key = (wb.id * 100_000 + da.id) * 8192 + resolution;
      let network = this.networkIds.get(key);
      if (network === undefined) {
        network = this.networkIds.size;
        this.networkIds.set(key, network);
      }
      this.rows.push({
        alpha,
        beta,
        gamma,
        product,
        resolution,
        macs: v.macs,
        multiplier: v.macs / this.baselineMacs,
        params: v.trainableParams,
        network,
        isPaper: near(alpha, PAPER_ALPHA) && near(beta, PAPER_BETA) && near(gamma, PAPER_GAMMA),
      });
    }
    this.cursor = end;
    return this.progress();
  }

  // Per-axis-value work (rounding, keys) is done once per grid value, not once per triple.
  // phi = 1: depth = alpha, width = beta, resolution = round(base * gamma) (eq. 3).
  private readonly depthCache = new Map<number, { depth: number; reps: number[]; id: number }>();
  private readonly repsIds = new Map<string, number>();
  private readonly widthCache = new Map<number, WidthHandle>();
  private readonly resCache = new Map<number, number>();

  private depthAxis(i: number): { depth: number; reps: number[]; id: number } {
    let v = this.depthCache.get(i);
    if (!v) {
      const depth = compoundCoefficients(this.spec.model, 1, this.a[i]!, 1, 1).depth;
      const reps = this.cost.repeats(depth);
      const k = reps.join(",");
      let id = this.repsIds.get(k);
      if (id === undefined) {
        id = this.repsIds.size;
        this.repsIds.set(k, id);
      }
      v = { depth, reps, id };
      this.depthCache.set(i, v);
    }
    return v;
  }

  private widthAxis(i: number): WidthHandle {
    let v = this.widthCache.get(i);
    if (!v) {
      v = this.cost.widthHandle(compoundCoefficients(this.spec.model, 1, 1, this.b[i]!, 1).width);
      this.widthCache.set(i, v);
    }
    return v;
  }

  private resAxis(i: number): number {
    let v = this.resCache.get(i);
    if (v === undefined) {
      v = compoundCoefficients(this.spec.model, 1, 1, 1, this.g[i]!).resolution;
      this.resCache.set(i, v);
    }
    return v;
  }

  result(): GridResult {
    const onAxis = (vals: number[], v: number): boolean => vals.some((x) => near(x, v));
    const onGrid =
      onAxis(this.a, PAPER_ALPHA) && onAxis(this.b, PAPER_BETA) && onAxis(this.g, PAPER_GAMMA);
    return {
      ...this.progress(),
      spec: this.spec,
      baselineMacs: this.baselineMacs,
      baselineParams: this.baselineParams,
      rows: this.rows,
      paper: { onGrid, feasible: this.rows.some((r) => r.isPaper) },
    };
  }
}

/** Runs a whole grid synchronously (CLI, tests). */
export function runGrid(spec: GridSpec): GridResult {
  const s = new GridSearch(spec);
  while (!s.finished) s.next(50_000);
  return s.result();
}

export type GridSortKey =
  "alpha" | "beta" | "gamma" | "product" | "multiplier" | "params" | "resolution";
export const GRID_SORT_KEYS: readonly GridSortKey[] = [
  "alpha",
  "beta",
  "gamma",
  "product",
  "multiplier",
  "params",
  "resolution",
];

/** A sorted copy; ties keep grid order (Array.prototype.sort is stable). */
export function sortGridRows(
  rows: readonly GridRow[],
  key: GridSortKey,
  descending = false,
): GridRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((x, y) => sign * (x[key] - y[key]));
}

/** The explorer URL that opens a triple's phi = 1 network. */
export function explorerHref(
  model: ModelId,
  row: Pick<GridRow, "alpha" | "beta" | "gamma">,
): string {
  return explorerLink(model, {
    kind: "compound",
    phi: 1,
    alpha: row.alpha,
    beta: row.beta,
    gamma: row.gamma,
  });
}
