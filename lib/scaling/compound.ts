import { BASELINES } from "../arch/baselines";
import type { ModelId } from "../arch/types";
import { presetOf, type PresetId } from "./presets";
import { scaleResolution } from "./rounding";

/** EfficientNet's grid-searched constants (paper section 4). */
export const PAPER_ALPHA = 1.2;
export const PAPER_BETA = 1.1;
export const PAPER_GAMMA = 1.15;

/** How a user asks for a scaled network. */
export type Scaling =
  /** An official preset; `resolution` overrides the one it was trained at. */
  | { readonly kind: "preset"; readonly preset: PresetId; readonly resolution?: number }
  | {
      readonly kind: "compound";
      readonly phi: number;
      readonly alpha: number;
      readonly beta: number;
      readonly gamma: number;
    }
  | {
      readonly kind: "explicit";
      readonly width: number;
      readonly depth: number;
      /** Pixels. */
      readonly resolution: number;
    };

export interface Coefficients {
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  /** Classifier dropout where the scaling mode defines one (presets). */
  readonly dropout?: number;
}

/** alpha * beta^2 * gamma^2: the FLOPs multiplier per unit of phi (paper eq. 3). */
export function flopsBase(alpha: number, beta: number, gamma: number): number {
  return alpha * beta * beta * gamma * gamma;
}

/** Paper eq. 3: d = alpha^phi, w = beta^phi, r = gamma^phi; resolution = round(base * r). */
export function compoundCoefficients(
  model: ModelId,
  phi: number,
  alpha = PAPER_ALPHA,
  beta = PAPER_BETA,
  gamma = PAPER_GAMMA,
): Coefficients {
  return {
    depth: Math.pow(alpha, phi),
    width: Math.pow(beta, phi),
    resolution: scaleResolution(BASELINES[model].resolution, Math.pow(gamma, phi)),
  };
}

export function resolveScaling(model: ModelId, s: Scaling): Coefficients {
  switch (s.kind) {
    case "preset": {
      const p = presetOf(model, s.preset);
      if (!p) throw new Error(`${model} has no preset ${s.preset}`); // parseRequest checks first
      const resolution = s.resolution ?? p.resolution;
      return { width: p.width, depth: p.depth, resolution, dropout: p.dropout };
    }
    case "compound":
      return compoundCoefficients(model, s.phi, s.alpha, s.beta, s.gamma);
    case "explicit":
      return { width: s.width, depth: s.depth, resolution: s.resolution };
  }
}
