/**
 * Tile for the wasm backend, replacing tfjs-backend-wasm's for the case that dominates
 * training: a pure broadcast (every repeated axis has size 1), as in the BatchNorm gradient
 * (tfjs-core FusedBatchNorm_grad tiles 1/sqrt(variance) to the input's shape). The original
 * computes every output index through heap-allocated vectors; a broadcast is one XNNPACK
 * Multiply by ones shaped like the repeats. Other tiles and non-float32 go to the original.
 */
import type { KernelBackend, KernelConfig } from "@tensorflow/tfjs";

import { replaceKernel, withScratch, type KernelArgs } from "./scratch";

export function tileConfig(original: KernelConfig): KernelConfig {
  return replaceKernel(original, (args: KernelArgs) => {
    const x = args.inputs.x;
    const reps = args.attrs?.reps as number[] | undefined;
    const broadcast =
      x !== undefined &&
      x.dtype === "float32" &&
      Array.isArray(reps) &&
      reps.length === x.shape.length &&
      x.shape.length >= 1 &&
      x.shape.length <= 6 &&
      reps.every((r, i) => Number.isInteger(r) && r >= 1 && (r === 1 || x.shape[i] === 1)) &&
      reps.some((r) => r > 1);
    if (!broadcast) return null;
    return withScratch(args.backend as KernelBackend, (s) => {
      const ones = s.run("Fill", {}, { shape: [...reps], value: 1, dtype: "float32" });
      return s.multiply(x, ones);
    });
  });
}
