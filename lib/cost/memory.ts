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
  layers.forEach((l, i) => {
    index.set(l.name, i);
    lastUse[i] = i;
  });
  layers.forEach((l, i) => {
    for (const src of l.inputs) {
      const j = index.get(src);
      if (j !== undefined && lastUse[j]! < i) lastUse[j] = i;
    }
  });
  // Buffers to free after step i.
  const freeAt: number[][] = layers.map(() => []);
  for (let j = 0; j < layers.length; j++) {
    if (lastUse[j]! > j || j === layers.length - 1) freeAt[lastUse[j]!]!.push(j);
    else freeAt[j]!.push(j); // dead output: freed right away, but it did exist
  }
  let live = 0;
  let peak = 0;
  let atLayer = 0;
  for (let i = 0; i < layers.length; i++) {
    live += sizes[i]!;
    if (live > peak) {
      peak = live;
      atLayer = i;
    }
    for (const j of freeAt[i]!) live -= sizes[j]!;
  }
  return { peak, atLayer };
}
