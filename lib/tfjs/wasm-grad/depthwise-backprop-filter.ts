/**
 * DepthwiseConv2dNativeBackpropFilter for the wasm backend, from wasm's own kernels.
 *
 *   dW[i, j, ch, k] = sum over n, y, x of  xpad[n, y*sh + i, x*sw + j, ch] * dy[n, y, x, ch*mult + k]
 *
 * For each window offset (i, j): the strided view of the padded input times dy (wasm's
 * Multiply, broadcasting over the multiplier), all offsets stacked, then one sum over
 * batch and space.
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

const NAME = "DepthwiseConv2dNativeBackpropFilter";

export function depthwiseBackpropFilter(
  s: Scratch,
  x: TensorInfo,
  dy: TensorInfo,
  attrs: {
    strides: number | [number, number];
    dilations?: number | [number, number];
    pad: Pad;
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
    dilations: attrs.dilations,
    pad: attrs.pad,
    dimRoundingMode: attrs.dimRoundingMode,
    depthwise: true,
    dyShape: dy.shape,
  });
  const { batch: n, inHeight: h, inWidth: w, inChannels: c } = g;
  const { outHeight: ho, outWidth: wo, filterHeight: kh, filterWidth: kw } = g;
  const { strideHeight: sh, strideWidth: sw, padTop: pt, padLeft: pl } = g;
  const mult = filterShape[3];
  if (isEmpty(xShape, dy.shape, filterShape)) return s.zeros(filterShape);

  const m = n * ho * wo;
  const needH = (ho - 1) * sh + kh;
  const needW = (wo - 1) * sw + kw;
  const xp = s.pad(x, [
    [0, 0],
    [pt, Math.max(0, needH - pt - h)],
    [pl, Math.max(0, needW - pl - w)],
    [0, 0],
  ]);
  const dyM = mult === 1 ? s.reshape(dy, [1, m, c]) : s.reshape(dy, [1, m, c, mult]);
  const products: TensorInfo[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const win = s.stridedSlice(
        xp,
        [0, i, j, 0],
        [n, i + (ho - 1) * sh + 1, j + (wo - 1) * sw + 1, c],
        [1, sh, sw, 1],
      );
      const winM = mult === 1 ? s.reshape(win, [1, m, c]) : s.reshape(win, [1, m, c, 1]);
      products.push(s.multiply(winM, dyM));
    }
  }
  const stacked = s.concat(products, 0); // [kh*kw, m, c(, mult)]
  return s.reshape(s.sum(stacked, [1]), filterShape);
}

export const depthwiseBackpropFilterConfig: KernelConfig = {
  kernelName: NAME,
  backendName: WASM,
  kernelFunc: ((args: { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }) => {
    const { x, dy } = args.inputs;
    if (!x || !dy) throw new Error(`${NAME} (wasm): inputs x and dy are required`);
    const attrs = (args.attrs ?? {}) as unknown as Parameters<typeof depthwiseBackpropFilter>[3];
    return withScratch(args.backend as KernelBackend, (s) =>
      depthwiseBackpropFilter(s, x, dy, attrs),
    );
  }) as KernelFunc,
};
