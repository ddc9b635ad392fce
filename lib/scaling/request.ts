import { MODEL_IDS, type ModelId } from "../arch/types";
import { PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA, type Scaling } from "./compound";
import { LIMITS, minResolution, type LimitedKey } from "./limits";
import { PRESET_IDS, isPresetId } from "./presets";
import { checkValue, describeInput, numberProp } from "../state/props";

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

/** Every key a request may carry (CLI option names without dashes, batch JSON keys). */
export const REQUEST_KEYS = [
  "model",
  "preset",
  "phi",
  "alpha",
  "beta",
  "gamma",
  "width",
  "depth",
  "resolution",
  "classes",
] as const;
export type RequestKey = (typeof REQUEST_KEYS)[number];
export type RawRequest = Partial<Record<RequestKey, unknown>>;

const COMPOUND_KEYS = ["phi", "alpha", "beta", "gamma"] as const;
const EXPLICIT_KEYS = ["width", "depth", "resolution"] as const;

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

/**
 * Validates raw options into a request. Modes: preset (EfficientNet only), compound
 * (phi with optional alpha/beta/gamma), explicit (width/depth/resolution, defaults 1/1/224).
 */
export function parseRequest(raw: RawRequest): CalcRequest {
  for (const k of Object.keys(raw)) {
    if (!(REQUEST_KEYS as readonly string[]).includes(k)) {
      throw new ConfigError(
        describeInput(k).slice(1, -1),
        `unknown option; allowed: ${REQUEST_KEYS.join(", ")}`,
      );
    }
  }
  const model = present(raw, "model") ? parseModel(raw.model) : "efficientnet";
  const classes = present(raw, "classes") ? parseNumber("classes", raw.classes, true) : 1000;
  const hasPreset = present(raw, "preset");
  const compound = COMPOUND_KEYS.filter((k) => present(raw, k));
  const explicit = EXPLICIT_KEYS.filter((k) => present(raw, k));

  if (hasPreset && (compound.length || explicit.length)) {
    const other = [...compound, ...explicit][0] ?? "";
    throw new ConfigError(
      "preset",
      `conflicts with ${other}: a preset fixes width, depth and resolution`,
    );
  }
  if (compound.length && explicit.length) {
    throw new ConfigError(
      explicit[0] ?? "width",
      `conflicts with ${compound[0]}: use either compound scaling (phi, alpha, beta, gamma) or explicit width/depth/resolution`,
    );
  }
  let scaling: Scaling;
  if (hasPreset) {
    if (model !== "efficientnet") {
      throw new ConfigError(
        "preset",
        `presets are EfficientNet's official table; model ${model} takes phi/alpha/beta/gamma or width/depth/resolution`,
      );
    }
    const p = typeof raw.preset === "string" ? raw.preset.trim().toLowerCase() : "";
    if (!isPresetId(p)) {
      throw new ConfigError(
        "preset",
        `unknown preset ${describeInput(raw.preset)}; allowed: ${PRESET_IDS.join(", ")}`,
      );
    }
    scaling = { kind: "preset", preset: p };
  } else if (compound.length) {
    if (!present(raw, "phi")) {
      throw new ConfigError(
        compound[0] ?? "phi",
        "alpha, beta and gamma need phi (the compound coefficient)",
      );
    }
    scaling = {
      kind: "compound",
      phi: parseNumber("phi", raw.phi),
      alpha: present(raw, "alpha") ? parseNumber("alpha", raw.alpha) : PAPER_ALPHA,
      beta: present(raw, "beta") ? parseNumber("beta", raw.beta) : PAPER_BETA,
      gamma: present(raw, "gamma") ? parseNumber("gamma", raw.gamma) : PAPER_GAMMA,
    };
  } else {
    scaling = {
      kind: "explicit",
      width: present(raw, "width") ? parseNumber("width", raw.width) : 1,
      depth: present(raw, "depth") ? parseNumber("depth", raw.depth) : 1,
      resolution: present(raw, "resolution")
        ? parseNumber("resolution", raw.resolution, true)
        : 224,
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
