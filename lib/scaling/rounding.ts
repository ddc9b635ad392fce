import type { ChannelRule } from "../arch/types";

/**
 * The EfficientNet authors' round_filters (also torchvision's _make_divisible): nearest
 * multiple of `divisor`, at least `divisor`, never more than 10% below c * w.
 */
export function roundFilters(channels: number, width: number, divisor = 8): number {
  const x = channels * width;
  let n = Math.max(divisor, Math.floor(Math.floor(x + divisor / 2) / divisor) * divisor);
  if (n < 0.9 * x) n += divisor;
  return n;
}

/** Depth scaling of a stage's repeat count, as the reference code does it. */
export function roundRepeats(repeats: number, depth: number): number {
  return Math.ceil(repeats * depth);
}

/** Scaled channel count under a baseline's rule (Keras MobileNet v1 truncates). */
export function scaleChannels(channels: number, width: number, rule: ChannelRule): number {
  return rule === "round8" ? roundFilters(channels, width) : Math.floor(channels * width);
}

/** Input resolution in pixels from a resolution coefficient (nearest integer). */
export function scaleResolution(base: number, r: number): number {
  return Math.round(base * r);
}
