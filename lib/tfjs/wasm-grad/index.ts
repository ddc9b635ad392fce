/**
 * Kernels for the wasm backend, built from its own (XNNPACK) kernels, so training and
 * Grad-CAM run on wasm, fast:
 *   missing from tfjs-backend-wasm 4.22:
 *     Conv2DBackpropFilter                 conv2d-backprop-filter.ts
 *     DepthwiseConv2dNativeBackpropInput   depthwise-backprop-input.ts
 *     DepthwiseConv2dNativeBackpropFilter  depthwise-backprop-filter.ts
 *   our own, for lib/tfjs/batch-norm-train.ts (training-mode BatchNorm in two passes each way):
 *     BatchNormTrain, BatchNormTrainGrad   batch-norm.ts
 *   and for lib/tfjs/swish-train.ts (one engine op each way):
 *     SwishTrain, SwishTrainGrad           swish.ts
 *   replacing slow ones (scalar loops) that dominate a training step; the original still
 *   serves the cases ours leave out:
 *     Conv2DBackpropInput                  conv2d-backprop-input.ts
 *     Tile                                 tile.ts
 *     Sum, Mean, Identity                  reduce.ts
 *     Slice                                slice.ts
 * Checked against the cpu backend's kernels in test/lib/tfjs/wasm-grad*.test.ts.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelConfig } from "@tensorflow/tfjs";

import { batchNormTrainConfig, batchNormTrainGradConfig } from "./batch-norm";
import { conv2dBackpropFilterConfig } from "./conv2d-backprop-filter";
import { conv2dBackpropInputConfig } from "./conv2d-backprop-input";
import { depthwiseBackpropFilterConfig } from "./depthwise-backprop-filter";
import { depthwiseBackpropInputConfig } from "./depthwise-backprop-input";
import { identityConfig, reduceConfig } from "./reduce";
import { sliceConfig } from "./slice";
import { swishTrainConfig, swishTrainGradConfig } from "./swish";
import { tileConfig } from "./tile";

export const WASM_GRAD_KERNELS = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  batchNormTrainConfig,
  batchNormTrainGradConfig,
  swishTrainConfig,
  swishTrainGradConfig,
] as const;

/** Replacements: kernel name -> our config given the original. */
const REPLACEMENTS: Readonly<Record<string, (original: KernelConfig) => KernelConfig>> = {
  Conv2DBackpropInput: conv2dBackpropInputConfig,
  Tile: tileConfig,
  Sum: (o) => reduceConfig("Sum", o),
  Mean: (o) => reduceConfig("Mean", o),
  Identity: identityConfig,
  Slice: sliceConfig,
};

export const WASM_REPLACED_KERNELS = Object.keys(REPLACEMENTS);

const ours = new Set<unknown>();

/**
 * Registers the kernels for the "wasm" backend. Idempotent; works before or after the
 * backend starts. A missing kernel that is already registered (a later tfjs-backend-wasm
 * may bring its own) is left alone.
 */
export function registerWasmGradKernels(): void {
  for (const config of WASM_GRAD_KERNELS) {
    if (tf.getKernel(config.kernelName, config.backendName)) continue;
    tf.registerKernel(config);
  }
  for (const [name, make] of Object.entries(REPLACEMENTS)) {
    const original = tf.getKernel(name, "wasm");
    if (!original || ours.has(original.kernelFunc)) continue;
    const config = make(original);
    ours.add(config.kernelFunc);
    tf.unregisterKernel(name, "wasm");
    tf.registerKernel(config);
  }
}
