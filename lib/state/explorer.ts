/**
 * The explorer's state table (keys model|preset|phi|alpha|beta|gamma|width|depth|resolution|
 * classes, the same keys lib/scaling/request.ts `parseRequest` takes, so an explorer query is
 * also a valid /build query), plus the cross-key rules a single prop cannot express:
 *   - the scaling mode (preset | compound | explicit) is implied by which keys a link has;
 *   - a preset is EfficientNet-only and excludes the other scaling keys;
 *   - phi must keep d, w and the input resolution within LIMITS (and counts within 2^53).
 * `resolveExplorer` applies them and returns a state that `calculate` accepts, with a note
 * for every correction; it never throws.
 */
import type { ModelId } from "../arch/types";
import { BASELINES } from "../arch/baselines";
import { calculate, calculateBaseline, type Calculation } from "../calculator";
import { flopsBase, PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA, type Scaling } from "../scaling/compound";
import { LIMITS, minResolution } from "../scaling/limits";
import { hasPresets, presetOf, presetsOf, type Preset, type PresetId } from "../scaling/presets";
import {
  COMPOUND_KEYS,
  EXPLICIT_KEYS,
  MODES,
  SCALE_DEFAULTS,
  SCALE_PROPS,
  type Mode,
} from "../scaling/request";
import {
  formatValue,
  parseQuery,
  serializeQuery,
  type QueryInput,
  type StateNote,
  type ValuesOf,
} from "./props";
import { msg } from "../i18n/msg";

/** The explorer's keys: the one scaling schema (lib/scaling/request.ts), read leniently. */
export const EXPLORER_PROPS = SCALE_PROPS;
export { COMPOUND_KEYS, EXPLICIT_KEYS, MODES, type Mode };

export type ExplorerKey = keyof typeof EXPLORER_PROPS & string;
export type ExplorerValues = ValuesOf<typeof EXPLORER_PROPS>;
export type ExplorerPreset = PresetId;

/** Values plus the implied mode: everything a view needs to rebuild itself. */
export interface ExplorerParams {
  readonly values: ExplorerValues;
  readonly mode: Mode;
}

export const DEFAULT_PARAMS: ExplorerParams = {
  values: SCALE_DEFAULTS,
  mode: hasPresets(SCALE_DEFAULTS.model) ? "preset" : "compound",
};

/** Modes a baseline supports: presets iff its definition lists any. */
export function modesFor(model: ModelId): readonly Mode[] {
  return hasPresets(model) ? MODES : MODES.filter((m) => m !== "preset");
}

/** The preset a state names, if its baseline has it. */
export function presetIn(v: ExplorerValues): Preset | undefined {
  return presetOf(v.model, v.preset);
}

/** A preset state's resolution differs from the one the preset was trained at. */
export function resolutionOverridden(p: ExplorerParams): boolean {
  const pr = presetIn(p.values);
  return p.mode === "preset" && pr !== undefined && p.values.resolution !== pr.resolution;
}

/** The scaling a state asks for. */
export function scalingOf(p: ExplorerParams): Scaling {
  const v = p.values;
  switch (p.mode) {
    case "preset":
      return resolutionOverridden(p)
        ? { kind: "preset", preset: v.preset, resolution: v.resolution }
        : { kind: "preset", preset: v.preset };
    case "compound":
      return { kind: "compound", phi: v.phi, alpha: v.alpha, beta: v.beta, gamma: v.gamma };
    case "explicit":
      return { kind: "explicit", width: v.width, depth: v.depth, resolution: v.resolution };
  }
}

/**
 * The phi interval keeping depth = alpha^phi, width = beta^phi and the input resolution
 * within LIMITS (ignoring count overflow, which `resolveExplorer` checks by calculating).
 */
export function phiRange(
  model: ModelId,
  alpha: number,
  beta: number,
  gamma: number,
): { min: number; max: number } {
  let lo: number = LIMITS.phi.min;
  let hi: number = LIMITS.phi.max;
  const base = BASELINES[model].resolution;
  const bound = (b: number, min: number, max: number): void => {
    if (!(b > 1)) return; // b = 1: the coefficient stays 1 for every phi
    const l = Math.log(b);
    lo = Math.max(lo, Math.log(min) / l);
    hi = Math.min(hi, Math.log(max) / l);
  };
  bound(alpha, LIMITS.depth.min, LIMITS.depth.max);
  bound(beta, LIMITS.width.min, LIMITS.width.max);
  // round(base * gamma^phi) within [minRes, max]: stay inside by half a pixel.
  bound(gamma, (minResolution(model) - 0.49) / base, (LIMITS.resolution.max + 0.49) / base);
  // Keep links readable: round inward to 3 decimals (within phi's 5 significant digits).
  return { min: Math.ceil(lo * 1e3) / 1e3, max: Math.floor(hi * 1e3) / 1e3 };
}

function tryCalculate(p: ExplorerParams): Calculation | Error {
  try {
    return calculate({ model: p.values.model, classes: p.values.classes, scaling: scalingOf(p) });
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

export interface Resolved {
  readonly params: ExplorerParams;
  readonly calc: Calculation;
  readonly notes: readonly StateNote[];
}

const fmt = (k: ExplorerKey, v: number): string => formatValue(EXPLORER_PROPS[k], v);

/**
 * Makes a state calculable: clamps phi into its feasible range, lifts a resolution below
 * the network's total stride, and backs off configurations whose counts would pass 2^53.
 * Returns the calculation so callers never compute twice.
 */
export function resolveExplorer(params: ExplorerParams): Resolved {
  const notes: StateNote[] = [];
  let p = params;
  const v = p.values;
  if (p.mode === "preset" && !presetIn(v)) {
    const first = presetsOf(v.model)[0];
    if (first) {
      p = { ...p, values: { ...v, preset: first.id, resolution: first.resolution } };
      notes.push({
        key: "preset",
        input: v.preset,
        message: `preset: ${BASELINES[v.model].name} has no preset ${v.preset}; using ${first.id}`,
        msgs: [
          msg("explorer.notes.noSuchPreset", {
            name: BASELINES[v.model].name,
            preset: v.preset,
            first: first.id,
          }),
        ],
        keyed: true,
      });
    } else {
      p = { ...p, mode: "compound" };
      notes.push({
        key: "preset",
        input: v.preset,
        message: `preset: ${BASELINES[v.model].name} has no official presets; using compound scaling instead`,
        msgs: [msg("explorer.notes.noPresetsCompound", { name: BASELINES[v.model].name })],
        keyed: true,
      });
    }
  }
  if (p.mode === "compound") {
    const r = phiRange(v.model, v.alpha, v.beta, v.gamma);
    if (v.phi < r.min || v.phi > r.max) {
      const phi = Math.min(r.max, Math.max(r.min, v.phi));
      notes.push({
        key: "phi",
        input: fmt("phi", v.phi),
        message: `phi: ${fmt("phi", v.phi)} would take depth, width or resolution out of range for these α, β, γ (φ from ${r.min} to ${r.max}); using ${fmt("phi", phi)}`,
        msgs: [
          msg("explorer.notes.phiOutOfRange", {
            phi: fmt("phi", v.phi),
            min: String(r.min),
            max: String(r.max),
            used: fmt("phi", phi),
          }),
        ],
        keyed: true,
      });
      p = { ...p, values: { ...p.values, phi } };
    }
  }
  if (p.mode === "explicit" || p.mode === "preset") {
    const min = minResolution(v.model);
    if (v.resolution < min) {
      notes.push({
        key: "resolution",
        input: String(v.resolution),
        message: `resolution: ${v.resolution} px is below ${BASELINES[v.model].name}'s total stride of ${min}; using ${min}`,
        msgs: [
          msg("explorer.notes.resolutionBelowStride", {
            resolution: String(v.resolution),
            name: BASELINES[v.model].name,
            min: String(min),
          }),
        ],
        keyed: true,
      });
      p = { ...p, values: { ...p.values, resolution: min } };
    }
  }
  let c = tryCalculate(p);
  if (c instanceof Error) {
    // Too large to count exactly (or another limit): shrink towards the baseline until it fits.
    const bad = p;
    for (let i = 0; i < 40 && c instanceof Error; i++) {
      const x = p.values;
      p =
        p.mode === "compound"
          ? { ...p, values: { ...x, phi: Math.floor((x.phi - 0.25) * 100) / 100 } }
          : {
              ...p,
              mode: "explicit",
              values: {
                ...x,
                width: Math.max(1, Number((x.width * 0.8).toPrecision(3))),
                depth: Math.max(1, Number((x.depth * 0.8).toPrecision(3))),
                resolution: Math.max(BASELINES[x.model].resolution, Math.round(x.resolution * 0.8)),
              },
            };
      c = tryCalculate(p);
    }
    if (c instanceof Error) {
      p = {
        mode: modesFor(v.model)[0]!,
        values: { ...DEFAULT_PARAMS.values, model: v.model, phi: 0 },
      };
      c = tryCalculate(p);
    }
    const err = tryCalculate(bad);
    const detail = err instanceof Error ? err.message : "configuration too large";
    notes.push({
      key: bad.mode === "compound" ? "phi" : "width",
      input: "",
      message: `${detail}; reduced to ${describeScaling(p)}`,
      msgs: [msg("explorer.notes.tooLarge", { detail, scaling: describeScaling(p) })],
    });
  }
  if (c instanceof Error) throw c; // the baseline always calculates; unreachable
  return { params: p, calc: c, notes };
}

/** "EfficientNet-B2", or "EfficientNet-B2 at 288 px" when the resolution is overridden. */
function presetName(p: ExplorerParams): string {
  const name = presetIn(p.values)?.name ?? p.values.preset;
  return resolutionOverridden(p) ? `${name} at ${p.values.resolution} px` : name;
}

export function describeScaling(p: ExplorerParams): string {
  const v = p.values;
  switch (p.mode) {
    case "preset":
      return presetName(p);
    case "compound":
      return `φ = ${fmt("phi", v.phi)}`;
    case "explicit":
      return `w = ${fmt("width", v.width)}, d = ${fmt("depth", v.depth)}, ${v.resolution} px`;
  }
}

/**
 * Reads a link. The mode comes from the keys present: preset > compound (phi, alpha, beta,
 * gamma) > explicit (width, depth, resolution); keys of the losing modes are reported and
 * dropped. No scaling key: EfficientNet shows B0, other baselines phi = 0 (themselves).
 */
export function parseExplorerQuery(query: QueryInput): Resolved {
  const parsed = parseQuery(EXPLORER_PROPS, query);
  const notes: StateNote[] = [...parsed.notes];
  const has = (k: ExplorerKey): boolean => parsed.present.has(k);
  const values: ExplorerValues = { ...parsed.values };
  const compound = COMPOUND_KEYS.filter(has);
  const explicit = EXPLICIT_KEYS.filter(has);
  let mode: Mode;
  /** `why` is English; `whyId` the same reason for the interface (given `keys`, `preset`). */
  const drop = (keys: readonly ExplorerKey[], why: string, whyId: string): void => {
    if (keys.length === 0) return;
    notes.push({
      key: keys[0]!,
      input: keys.map((k) => `${k}=${String(values[k])}`).join("&"),
      message: `${keys.join(", ")} ignored: ${why}`,
      msgs: [msg(whyId, { keys: keys.join(", "), preset: values.preset })],
    });
    for (const k of keys) (values as Record<string, unknown>)[k] = DEFAULT_PARAMS.values[k];
  };
  const preset = has("preset") ? presetIn(values) : undefined;
  if (has("preset") && !preset) {
    const name = BASELINES[values.model].name;
    const ids = presetsOf(values.model)
      .map((x) => x.id)
      .join(", ");
    notes.push({
      key: "preset",
      input: values.preset,
      msgs: [
        hasPresets(values.model)
          ? msg("explorer.notes.presetIgnoredNoSuch", {
              name,
              preset: values.preset,
              presets: ids,
            })
          : msg("explorer.notes.presetIgnoredNone", { name }),
      ],
      message: hasPresets(values.model)
        ? `preset ignored: ${BASELINES[values.model].name} has no preset ${values.preset} (${presetsOf(
            values.model,
          )
            .map((x) => x.id)
            .join(", ")})`
        : `preset ignored: ${BASELINES[values.model].name} has no official presets`,
    });
  }
  if (preset) {
    mode = "preset";
    drop(
      [...compound, ...explicit.filter((k) => k !== "resolution")],
      `preset ${values.preset} fixes width and depth (resolution may be changed)`,
      "explorer.notes.ignoredForPreset",
    );
    if (!has("resolution")) values.resolution = preset.resolution;
  } else if (compound.length) {
    mode = "compound";
    drop(
      explicit,
      "compound scaling (φ, α, β, γ) sets width, depth and resolution",
      "explorer.notes.ignoredForCompound",
    );
    if (!has("phi")) {
      notes.push({
        key: "phi",
        input: "",
        message: `phi missing: ${compound.join(", ")} without a compound coefficient; using φ = ${fmt("phi", values.phi)}`,
        msgs: [
          msg("explorer.notes.phiMissing", {
            keys: compound.join(", "),
            phi: fmt("phi", values.phi),
          }),
        ],
      });
    }
  } else if (explicit.length) {
    mode = "explicit";
    if (!has("resolution")) values.resolution = BASELINES[values.model].resolution;
  } else if (hasPresets(values.model)) {
    mode = "preset";
    const first = presetsOf(values.model)[0]!;
    values.preset = first.id;
    values.resolution = first.resolution;
  } else {
    mode = "compound";
    values.phi = 0;
  }
  const r = resolveExplorer({ values, mode });
  return { ...r, notes: [...notes, ...r.notes] };
}

/**
 * The canonical query of a state: model, the current mode's keys, and classes when not
 * 1000; alpha/beta/gamma only when they differ from the paper's. `full` always writes
 * the model (for links to other pages); otherwise the default state is the empty query.
 */
export function serializeExplorer(p: ExplorerParams, opts: { full?: boolean } = {}): string {
  const keys: ExplorerKey[] = ["model"];
  const v = p.values;
  if (p.mode === "preset") {
    keys.push("preset");
    if (resolutionOverridden(p)) keys.push("resolution");
  }
  if (p.mode === "compound") {
    keys.push("phi");
    for (const k of ["alpha", "beta", "gamma"] as const)
      if (v[k] !== SCALE_DEFAULTS[k]) keys.push(k);
  }
  if (p.mode === "explicit") keys.push("width", "depth", "resolution");
  if (v.classes !== SCALE_DEFAULTS.classes) keys.push("classes");
  if (v.convention !== SCALE_DEFAULTS.convention) keys.push("convention");
  const isDefault =
    p.mode === DEFAULT_PARAMS.mode &&
    keys.length === 2 &&
    v.model === SCALE_DEFAULTS.model &&
    v.preset === SCALE_DEFAULTS.preset;
  return !opts.full && isDefault ? "" : serializeQuery(EXPLORER_PROPS, v, { keys });
}

/**
 * The explorer link of a configuration ("/?model=...&phi=1&alpha=..."): the one link
 * builder for pages, the grid table and the CLI (from the schema, in canonical form).
 */
export function explorerHref(
  model: ModelId,
  scaling: Scaling,
  classes = SCALE_DEFAULTS.classes,
): string {
  const d = SCALE_DEFAULTS;
  const params: ExplorerParams =
    scaling.kind === "preset"
      ? {
          mode: "preset",
          values: {
            ...d,
            model,
            classes,
            preset: scaling.preset,
            resolution:
              scaling.resolution ?? presetOf(model, scaling.preset)?.resolution ?? d.resolution,
          },
        }
      : scaling.kind === "compound"
        ? {
            mode: "compound",
            values: {
              ...d,
              model,
              classes,
              phi: scaling.phi,
              alpha: scaling.alpha,
              beta: scaling.beta,
              gamma: scaling.gamma,
            },
          }
        : {
            mode: "explicit",
            values: {
              ...d,
              model,
              classes,
              width: scaling.width,
              depth: scaling.depth,
              resolution: scaling.resolution,
            },
          };
  return `/?${serializeExplorer(params, { full: true })}`;
}

/** Baseline calculations are fixed per (model, classes): computed once each. */
const baselineCache = new Map<string, Calculation>();
export function baselineOf(model: ModelId, classes: number): Calculation {
  const k = `${model}:${classes}`;
  let c = baselineCache.get(k);
  if (!c) {
    c = calculateBaseline(model, classes);
    if (baselineCache.size > 32) baselineCache.clear();
    baselineCache.set(k, c);
  }
  return c;
}

/** What the compound-scaling panel shows: the constraint and the FLOPs it predicts. */
export interface ScalingInsight {
  /** alpha * beta^2 * gamma^2 (paper eq. 3's constraint, ideally 2). */
  readonly flopsBase: number;
  /** |flopsBase - 2| / 2. */
  readonly constraintError: number;
  /** The phi the prediction uses (compound: phi; preset Bn: n, the paper's nominal phi). */
  readonly phi: number | null;
  /** (alpha beta^2 gamma^2)^phi. */
  readonly predictedByConstraint: number | null;
  /** d * w^2 * r^2 from the resolved coefficients (what FLOPs "should" scale by). */
  readonly predictedByCoefficients: number;
  /** Real MACs ratio from the calculator. */
  readonly actual: number;
  readonly d: number;
  readonly w: number;
  /** Resolution coefficient: input pixels / baseline pixels. */
  readonly r: number;
  readonly resolution: number;
}

export function scalingInsight(
  p: ExplorerParams,
  calc: Calculation,
  base: Calculation,
): ScalingInsight {
  const v = p.values;
  const compound = p.mode === "compound";
  const fb = compound
    ? flopsBase(v.alpha, v.beta, v.gamma)
    : flopsBase(PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA);
  const phi = compound ? v.phi : p.mode === "preset" ? (presetIn(v)?.phi ?? null) : null;
  const c = calc.coefficients;
  const r = c.resolution / BASELINES[v.model].resolution;
  return {
    flopsBase: fb,
    constraintError: Math.abs(fb - 2) / 2,
    phi,
    predictedByConstraint: phi === null ? null : Math.pow(fb, phi),
    predictedByCoefficients: c.depth * c.width * c.width * r * r,
    actual: calc.totals.macs / base.totals.macs,
    d: c.depth,
    w: c.width,
    r,
    resolution: c.resolution,
  };
}

/** A name for the configured network: "EfficientNet-B3", "ResNet-50, φ = 2", "MobileNetV2 w1.4 d1 r256". */
export function displayName(p: ExplorerParams): string {
  const v = p.values;
  const base = BASELINES[v.model].name;
  switch (p.mode) {
    case "preset":
      return presetName(p);
    case "compound":
      return v.phi === 0 &&
        v.alpha === PAPER_ALPHA &&
        v.beta === PAPER_BETA &&
        v.gamma === PAPER_GAMMA
        ? base
        : `${base}, φ = ${fmt("phi", v.phi)}`;
    case "explicit":
      return `${base} ×w ${fmt("width", v.width)}, ×d ${fmt("depth", v.depth)}, ${v.resolution}px`;
  }
}
