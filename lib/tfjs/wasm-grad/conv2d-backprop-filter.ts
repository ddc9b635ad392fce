/**
 * Conv2DBackpropFilter for the wasm backend, from wasm's own kernels.
 *
 *   dW[i, j, ci, co] = sum over n, y, x of  xpad[n, y*sh + i, x*sw + j, ci] * dy[n, y, x, co]
 *
 * i.e. one matrix product  cols^T [kh*kw*ci, M] x dy [M, co]  with M = batch * outH * outW,
 * where row (i, j, ci) of cols^T is input channel ci seen through window offset (i, j).
 * wasm hands a BatchMatMul to XNNPACK only without transposes and at batch 1, so we build
 * cols^T directly (x transposed to channels-first once, then one strided slice per window
 * offset) instead of asking the product to transpose. A 1x1 stride-1 unpadded filter is
 * the product x^T dy itself.
 */
import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from "@tensorflow/tfjs";

import {
  checkFloat,
  checkRank4,
  geometry,
  isEmpty,
  type Pad,
  type Rounding,
  type Shape4,
} from "./conv-info";
import { WASM, withScratch, type Scratch } from "./scratch";

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
    // Transpose whichever operand is smaller; the product's result is small either way.
    if (ci <= co) return s.reshape(s.matMul(s.transpose(x2, [1, 0]), dy2), filterShape);
    const dwT = s.matMul(s.transpose(dy2, [1, 0]), x2); // [co, ci]
    return s.reshape(s.transpose(dwT, [1, 0]), filterShape);
  }

  // Channels first, padded so that every window offset's strided view is in range.
  const xT = s.transpose(x, [3, 0, 1, 2]); // [ci, n, h, w]
  const needH = (ho - 1) * sh + kh;
  const needW = (wo - 1) * sw + kw;
  const xTp = s.pad(xT, [
    [0, 0],
    [0, 0],
    [pt, Math.max(0, needH - pt - h)],
    [pl, Math.max(0, needW - pl - w)],
  ]);
  const rows: TensorInfo[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const win = s.stridedSlice(
        xTp,
        [0, 0, i, j],
        [ci, n, i + (ho - 1) * sh + 1, j + (wo - 1) * sw + 1],
        [1, 1, sh, sw],
      );
      rows.push(s.reshape(win, [ci, m]));
    }
  }
  const colsT = s.concat(rows, 0); // [kh*kw*ci, m]
  return s.reshape(s.matMul(colsT, dy2), filterShape);
}

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: NAME,
  backendName: WASM,
  kernelFunc: ((args: { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }) => {
    const { x, dy } = args.inputs;
    if (!x || !dy) throw new Error(`${NAME} (wasm): inputs x and dy are required`);
    const attrs = (args.attrs ?? {}) as unknown as Parameters<typeof conv2dBackpropFilter>[3];
    return withScratch(args.backend as KernelBackend, (s) => conv2dBackpropFilter(s, x, dy, attrs));
  }) as KernelFunc,
};
