/**
 * Conv2DBackpropFilter for the wasm backend, from wasm's own kernels.
 *
 *   dW[i, j, ci, co] = sum over n, y, x of  xpad[n, y*sh + i, x*sw + j, ci] * dy[n, y, x, co]
 *
 * A 1x1 stride-1 unpadded filter: the matrix product x^T [ci, M] x dy [M, co] (M = batch *
 * outH * outW; wasm hands a BatchMatMul to XNNPACK only without transposes and at batch 1,
 * so one operand is transposed first). Otherwise, read with (y, x) as taps and
 * (i, j) as output position, it is a convolution: of the padded input with input channels
 * as the batch and the batch as channels, by dy as the filter (ho x wo taps dilated by the
 * stride, batch in, co out), VALID; one XNNPACK Conv2D.
 */
import type { KernelConfig, TensorInfo } from "@tensorflow/tfjs";

import {
  checkFloat,
  checkRank4,
  geometry,
  isEmpty,
  type Pad,
  type Rounding,
  type Shape4,
} from "./conv-info";
import { type Scratch, scratchKernel } from "./scratch";
import { paddedToWindows } from "./windows";

const NAME = "Conv2DBackpropFilter";

export function conv2dBackpropFilter(
  s: Scratch,
  x: TensorInfo,
  dy: TensorInfo,
  attrs: {
    strides: number | [number, number];
    pad: Pad;
    dataFormat?: string;
    dimRoundingMode?: Rounding;
    filterShape: Shape4;
  },
): TensorInfo {
  checkFloat(NAME, { x, dy });
  const xShape = checkRank4(NAME, "x", x);
  checkRank4(NAME, "dy", dy);
  const filterShape = attrs.filterShape;
  const g = geometry({
    kernel: NAME,
    inShape: xShape,
    filterShape,
    strides: attrs.strides,
    pad: attrs.pad,
    dimRoundingMode: attrs.dimRoundingMode,
    depthwise: false,
    dataFormat: attrs.dataFormat,
    dyShape: dy.shape,
  });
  const { batch: n, inHeight: h, inWidth: w, inChannels: ci, outChannels: co } = g;
  const { outHeight: ho, outWidth: wo, filterHeight: kh, filterWidth: kw } = g;
  const { strideHeight: sh, strideWidth: sw, padTop: pt, padLeft: pl } = g;
  if (isEmpty(xShape, dy.shape, filterShape)) return s.zeros(filterShape);

  const m = n * ho * wo;
  const dy2 = s.reshape(dy, [m, co]);
  const pointwise =
    kh === 1 && kw === 1 && sh === 1 && sw === 1 && pt === 0 && pl === 0 && ho === h && wo === w;
  if (pointwise) {
    const x2 = s.reshape(x, [m, ci]);
    // The operand with fewer columns is the product's right side, which XNNPACK repacks on
    // every call (slower per value than wasm's transpose of the other one): measured on
    // [8192, 8] x [8192, 48] 2.8 against 4.5 ms, on [8192, 48] x [8192, 8] 3.6 against 4.5.
    if (ci >= co) return s.reshape(s.matMul(s.transpose2d(x2), dy2), filterShape);
    const dwT = s.matMul(s.transpose2d(dy2), x2); // [co, ci]
    return s.reshape(s.transpose2d(dwT), filterShape);
  }

  // The padded input, exactly as tall and wide as the windows reach (unused rows cropped).
  const { xp } = paddedToWindows(s, x, g);
  // Input channels as the batch, the batch as input channels, dy's (y, x) as the filter's
  // taps dilated by the stride: one VALID convolution gives [ci, kh, kw, co].
  const images = s.transpose(xp, [3, 1, 2, 0]); // [ci, rows, cols, n]
  const taps = s.transpose(dy, [1, 2, 0, 3]); // [ho, wo, n, co]
  const dW = s.run(
    "Conv2D",
    { x: images, filter: taps },
    {
      strides: [1, 1],
      dilations: [sh, sw],
      pad: "valid",
      dataFormat: "NHWC",
      dimRoundingMode: "floor",
    },
  );
  return s.transpose(dW, [1, 2, 0, 3]);
}

export const conv2dBackpropFilterConfig: KernelConfig = scratchKernel(
  NAME,
  ["x", "dy"],
  conv2dBackpropFilter,
);
