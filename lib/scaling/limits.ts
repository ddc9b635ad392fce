import { BASELINES } from "../arch/baselines";
import type { ModelId } from "../arch/types";

/** Accepted ranges of every user-settable value (CLI, batch lines, URL state). */
export const LIMITS = {
  width: { min: 0.05, max: 16 },
  depth: { min: 0.05, max: 32 },
  resolution: { min: 32, max: 4096 },
  classes: { min: 1, max: 100_000 },
  phi: { min: -10, max: 20 },
  alpha: { min: 1, max: 4 },
  beta: { min: 1, max: 4 },
  gamma: { min: 1, max: 4 },
} as const;

export type LimitedKey = keyof typeof LIMITS;

/**
 * Total downsampling of a baseline (32 for all four): the smallest input for which the
 * last stage still sees one real pixel rather than padding alone.
 */
export function minResolution(model: ModelId): number {
  const b = BASELINES[model];
  let s = b.stem.stride * (b.stem.maxPool?.stride ?? 1);
  for (const st of b.stages) s *= st.stride;
  return Math.max(LIMITS.resolution.min, s);
}
