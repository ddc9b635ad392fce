import { MODEL_IDS, type ModelId } from "../arch/types";
import { PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA, type Scaling } from "./compound";
import { LIMITS, minResolution, type LimitedKey } from "./limits";
import { BASELINES } from "../arch/baselines";
import { CONVENTION_IDS } from "../cost/conventions";
import { PRESET_IDS, presetOf, presetsOf } from "./presets";
import {
  checkValue,
  defaults,
  defineProps,
  describeInput,
  enumProp,
  numberProp,
  type PropDef,
  type ValuesOf,
} from "../state/props";

/** A bad user value; `option` names the key the user typed. */
export class ConfigError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
    this.name = "ConfigError";
  }
}

export interface CalcRequest {
  readonly model: ModelId;
  readonly scaling: Scaling;
  readonly classes: number;
}

/** The scaling modes, in the order a link's keys decide between them. */
export const MODES = ["preset", "compound", "explicit"] as const;
export type Mode = (typeof MODES)[number];

/** A row of the schema: a prop, plus the modes it belongs to (none: every mode). */
type Row<P extends PropDef> = P & { readonly modes?: readonly Mode[] };
const inModes = <P extends PropDef>(modes: readonly Mode[], p: P): Row<P> => ({ ...p, modes });

/**
 * The one declaration of every scaling key: CLI options (without dashes), batch JSON keys and
 * the link keys of /, /build (and the grid's explorer links). `parseRequest` reads it
 * strictly (a bad value throws ConfigError), lib/state/explorer.ts leniently (corrects with
 * a note); defaults, modes and links derive from it. A new key is one row here.
 */
export const SCALE_PROPS = defineProps({
  model: enumProp(MODEL_IDS, "efficientnet", "Baseline network"),
  preset: inModes(["preset"], enumProp(PRESET_IDS, PRESET_IDS[0] ?? "", "Official preset")),
  phi: inModes(
    ["compound"],
    numberProp({
      label: "φ (compound coefficient)",
      ...LIMITS.phi,
      default: 1,
      ui: { min: -2, max: 8, step: 0.1 },
      digits: 5,
    }),
  ),
  alpha: inModes(
    ["compound"],
    numberProp({
      label: "α (depth base)",
      ...LIMITS.alpha,
      default: PAPER_ALPHA,
      ui: { min: 1, max: 2, step: 0.01 },
      digits: 5,
    }),
  ),
  beta: inModes(
    ["compound"],
    numberProp({
      label: "β (width base)",
      ...LIMITS.beta,
      default: PAPER_BETA,
      ui: { min: 1, max: 2, step: 0.01 },
      digits: 5,
    }),
  ),
  gamma: inModes(
    ["compound"],
    numberProp({
      label: "γ (resolution base)",
      ...LIMITS.gamma,
      default: PAPER_GAMMA,
      ui: { min: 1, max: 2, step: 0.01 },
      digits: 5,
    }),
  ),
  width: inModes(
    ["explicit"],
    numberProp({
      label: "Width multiplier w",
      ...LIMITS.width,
      default: 1,
      ui: { min: 0.25, max: 4, step: 0.05 },
      digits: 5,
    }),
  ),
  depth: inModes(
    ["explicit"],
    numberProp({
      label: "Depth multiplier d",
      ...LIMITS.depth,
      default: 1,
      ui: { min: 0.25, max: 6, step: 0.05 },
      digits: 5,
    }),
  ),
  // Explicit, or a preset's resolution overridden (default: the preset's own).
  resolution: inModes(
    ["explicit", "preset"],
    numberProp({
      label: "Input resolution (px)",
      ...LIMITS.resolution,
      default: 224,
      integer: true,
      ui: { min: 32, max: 1024, step: 8 },
    }),
  ),
  // How totals are counted (lib/cost/conventions.ts); changes the report, not the network.
  convention: enumProp(CONVENTION_IDS, "paper", "Count as"),
  classes: numberProp({
    label: "Classes",
    ...LIMITS.classes,
    default: 1000,
    integer: true,
    ui: { min: 1, max: 21843, step: 1 },
  }),
});

export type ScaleKey = keyof typeof SCALE_PROPS & string;
export type ScaleValues = ValuesOf<typeof SCALE_PROPS>;
export const SCALE_DEFAULTS: ScaleValues = defaults(SCALE_PROPS);

/** Every key a request may carry (CLI option names without dashes, batch JSON keys). */
export const REQUEST_KEYS = Object.keys(SCALE_PROPS) as readonly ScaleKey[];
export type RequestKey = ScaleKey;
export type RawRequest = Partial<Record<RequestKey, unknown>>;

/** The modes a key belongs to (empty: every mode). */
export function modesOfKey(k: ScaleKey): readonly Mode[] {
  const row = SCALE_PROPS[k] as PropDef & { readonly modes?: readonly Mode[] };
  return row.modes ?? [];
}
const keysOf = (m: Mode): ScaleKey[] => REQUEST_KEYS.filter((k) => modesOfKey(k).includes(m));
/** Keys that only compound scaling takes (they pick the mode). */
export const COMPOUND_KEYS = keysOf("compound");
export const EXPLICIT_KEYS = keysOf("explicit");
export const PRESET_KEYS = keysOf("preset");

/** The mode a set of present keys asks for: a preset wins, then compound, then explicit. */
export function modeOfKeys(present: (k: ScaleKey) => boolean): Mode {
  return (
    MODES.find((m) => REQUEST_KEYS.some((k) => present(k) && modesOfKey(k)[0] === m)) ?? "explicit"
  );
}

/** Reads one key strictly: any problem is a ConfigError naming the key. */
export function strictValue<K extends ScaleKey>(k: K, v: unknown): ScaleValues[K] {
  const c = checkValue(SCALE_PROPS[k], v);
  if (!c.ok) throw new ConfigError(k, c.problem.message);
  return c.value as ScaleValues[K];
}

/** A finite decimal number within LIMITS[key], from a number or a numeric string. */
export function parseNumber(key: LimitedKey, v: unknown, integer = false): number {
  const l = LIMITS[key];
  const c = checkValue(numberProp({ label: key, ...l, default: l.min, integer }), v);
  if (!c.ok) throw new ConfigError(key, c.problem.message);
  return c.value;
}

export function parseModel(v: unknown): ModelId {
  if (typeof v === "string" && (MODEL_IDS as readonly string[]).includes(v)) return v as ModelId;
  throw new ConfigError(
    "model",
    `unknown model ${describeInput(v)}; allowed: ${MODEL_IDS.join(", ")}`,
  );
}

function present(raw: RawRequest, k: RequestKey): boolean {
  return raw[k] !== undefined && raw[k] !== null;
}

/** Names of the baselines that have presets (for messages; read from the data). */
function withPresets(): string {
  return MODEL_IDS.filter((m) => presetsOf(m).length > 0)
    .map((m) => BASELINES[m].name)
    .join(", ");
}

/**
 * Validates raw options into a request, reading SCALE_PROPS strictly. Modes: preset (the
 * baseline's official table; resolution may be overridden), compound (phi with optional
 * alpha/beta/gamma), explicit (width/depth/resolution, defaults 1/1/the baseline's).
 */
export function parseRequest(raw: RawRequest): CalcRequest {
  for (const k of Object.keys(raw)) {
    if (!Object.hasOwn(SCALE_PROPS, k)) {
      throw new ConfigError(
        describeInput(k).slice(1, -1),
        `unknown option; allowed: ${REQUEST_KEYS.join(", ")}`,
      );
    }
  }
  const has = (k: ScaleKey): boolean => present(raw, k);
  const model = has("model") ? parseModel(raw.model) : SCALE_DEFAULTS.model;
  const classes = has("classes") ? strictValue("classes", raw.classes) : SCALE_DEFAULTS.classes;
  if (has("convention")) strictValue("convention", raw.convention);
  const mode = modeOfKeys(has);
  const misplaced = REQUEST_KEYS.filter(
    (k) => has(k) && modesOfKey(k).length > 0 && !modesOfKey(k).includes(mode),
  );
  if (mode === "preset" && misplaced.length) {
    throw new ConfigError(
      "preset",
      `conflicts with ${misplaced[0]}: a preset fixes width and depth (resolution may be given)`,
    );
  }
  if (mode === "compound" && misplaced.length) {
    throw new ConfigError(
      misplaced[0] ?? "width",
      `conflicts with ${COMPOUND_KEYS.find(has)}: use either compound scaling (phi, alpha, beta, gamma) or explicit width/depth/resolution`,
    );
  }
  let scaling: Scaling;
  if (mode === "preset") {
    if (presetsOf(model).length === 0) {
      throw new ConfigError(
        "preset",
        `${BASELINES[model].name} has no official presets (${withPresets()} has); model ${model} takes phi/alpha/beta/gamma or width/depth/resolution`,
      );
    }
    const id = typeof raw.preset === "string" ? raw.preset.trim().toLowerCase() : "";
    const p = presetOf(model, id);
    if (!p) {
      throw new ConfigError(
        "preset",
        `unknown preset ${describeInput(raw.preset)}; allowed: ${presetsOf(model)
          .map((x) => x.id)
          .join(", ")}`,
      );
    }
    scaling = has("resolution")
      ? { kind: "preset", preset: p.id, resolution: strictValue("resolution", raw.resolution) }
      : { kind: "preset", preset: p.id };
  } else if (mode === "compound") {
    if (!has("phi")) {
      throw new ConfigError(
        COMPOUND_KEYS.find(has) ?? "phi",
        "alpha, beta and gamma need phi (the compound coefficient)",
      );
    }
    const num = (k: "phi" | "alpha" | "beta" | "gamma"): number =>
      has(k) ? strictValue(k, raw[k]) : SCALE_DEFAULTS[k];
    scaling = {
      kind: "compound",
      phi: num("phi"),
      alpha: num("alpha"),
      beta: num("beta"),
      gamma: num("gamma"),
    };
  } else {
    scaling = {
      kind: "explicit",
      width: has("width") ? strictValue("width", raw.width) : SCALE_DEFAULTS.width,
      depth: has("depth") ? strictValue("depth", raw.depth) : SCALE_DEFAULTS.depth,
      // Default: the baseline's own input size (EfficientNetV2-S: 384), as the explorer's.
      resolution: has("resolution")
        ? strictValue("resolution", raw.resolution)
        : BASELINES[model].resolution,
    };
  }
  return { model, scaling, classes };
}

/** Checks resolved coefficients against the net (a compound phi can land below the minimum). */
export function checkResolution(model: ModelId, resolution: number, key = "resolution"): void {
  const min = minResolution(model);
  if (resolution < min) {
    throw new ConfigError(
      key,
      `input ${resolution} px is smaller than ${model}'s total stride ${min}; allowed from ${min} to ${LIMITS.resolution.max} px`,
    );
  }
  if (resolution > LIMITS.resolution.max) {
    throw new ConfigError(
      key,
      `input ${resolution} px is above the limit of ${LIMITS.resolution.max} px`,
    );
  }
}
