import type { LayerSpec } from "../arch/types";

/**
 * Peak activation memory (elements) of a batch-1 forward pass that runs the layers in
 * order, gives every layer output its own buffer (the input image included), and frees a
 * buffer right after its last consumer has run. Residual and SE branches therefore count
 * while they are held; in-place or fused kernels would need less.
 */
/** How far back the scan for a layer's input looks before falling back to a name map. */
const NEAR = 32;

export function peakActivationElements(
  layers: readonly LayerSpec[],
  sizes: readonly number[],
): { peak: number; atLayer: number } {
  const n = layers.length;
  const lastUse = new Int32Array(n);
  // Inputs are nearly always a few layers back (a residual or SE branch at most a block
  // back), so a short backward scan finds them; a Map of all names (hashing ~600 fresh
  // strings per network, on every slider move) is built only if a scan misses.
  let index: Map<string, number> | null = null;
  for (let i = 0; i < n; i++) {
    lastUse[i] = i;
    for (const src of layers[i]!.inputs) {
      let j = -1;
      for (let k = i - 1, stop = Math.max(0, i - NEAR); k >= stop; k--) {
        if (layers[k]!.name === src) {
          j = k;
          break;
        }
      }
      if (j < 0) {
        if (!index) {
          index = new Map();
          for (let q = 0; q < n; q++) index.set(layers[q]!.name, q);
        }
        j = index.get(src) ?? -1;
      }
      if (j >= 0 && lastUse[j]! < i) lastUse[j] = i;
    }
  }
  // Elements freed after step i (a dead output is freed right after it is made, but it did exist).
  const freed = new Float64Array(n);
  for (let j = 0; j < n; j++) freed[lastUse[j]!] += sizes[j]!;
  let live = 0;
  let peak = 0;
  let atLayer = 0;
  for (let i = 0; i < n; i++) {
    live += sizes[i]!;
    if (live > peak) {
      peak = live;
      atLayer = i;
    }
    live -= freed[i]!;
  }
  return { peak, atLayer };
}
