/**
 * Gradient kernels tfjs-backend-wasm 4.22 lacks, built from its own (XNNPACK) kernels, so
 * training and Grad-CAM run on wasm:
 *   Conv2DBackpropFilter                 conv2d-backprop-filter.ts
 *   DepthwiseConv2dNativeBackpropInput   depthwise-backprop-input.ts
 *   DepthwiseConv2dNativeBackpropFilter  depthwise-backprop-filter.ts
 * Checked against the cpu backend's kernels in test/lib/tfjs/wasm-grad*.test.ts.
 */
import * as tf from "@tensorflow/tfjs";

import { conv2dBackpropFilterConfig } from "./conv2d-backprop-filter";
import { depthwiseBackpropFilterConfig } from "./depthwise-backprop-filter";
import { depthwiseBackpropInputConfig } from "./depthwise-backprop-input";

export const WASM_GRAD_KERNELS = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
] as const;

/**
 * Registers the kernels for the "wasm" backend. Idempotent, and leaves alone any of these
 * kernels that is already registered (a later tfjs-backend-wasm may bring its own). Works
 * before or after the backend starts.
 */
export function registerWasmGradKernels(): void {
  for (const config of WASM_GRAD_KERNELS) {
    if (tf.getKernel(config.kernelName, config.backendName)) continue;
    tf.registerKernel(config);
  }
}
