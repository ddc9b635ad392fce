import type { LayerSpec } from "../arch/types";

/**
 * Peak activation memory (elements) of a batch-1 forward pass that runs the layers in
 * order, gives every layer output its own buffer (the input image included), and frees a
 * buffer right after its last consumer has run. Residual and SE branches therefore count
 * while they are held; in-place or fused kernels would need less.
 */
export function peakActivationElements(
  layers: readonly LayerSpec[],
  sizes: readonly number[],
): { peak: number; atLayer: number } {
  const index = new Map<string, number>();
  const lastUse = new Int32Array(layers.length);
  for (let i = 0; i < layers.length; i++) {
    index.set(layers[i]!.name, i);
    lastUse[i] = i;
  }
  for (let i = 0; i < layers.length; i++) {
    for (const src of layers[i]!.inputs) {
      const j = index.get(src);
      if (j !== undefined && lastUse[j]! < i) lastUse[j] = i;
    }
  }
  // Elements freed after step i (a dead output is freed right after it is made, but it did exist).
  const freed = new Float64Array(layers.length);
  for (let j = 0; j < layers.length; j++) freed[lastUse[j]!] += sizes[j]!;
  let live = 0;
  let peak = 0;
  let atLayer = 0;
  for (let i = 0; i < layers.length; i++) {
    live += sizes[i]!;
    if (live > peak) {
      peak = live;
      atLayer = i;
    }
    live -= freed[i]!;
  }
  return { peak, atLayer };
}
