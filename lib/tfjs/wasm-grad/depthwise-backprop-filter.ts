/**
 * DepthwiseConv2dNativeBackpropFilter for the wasm backend, from wasm's own kernels.
 *
 *   dW[i, j, ch, k] = sum over n, y, x of  xpad[n, y*sh + i, x*sw + j, ch] * dy[n, y, x, ch*mult + k]
 *
 * Read with (y, x) as the filter taps and (i, j) as the output position, that is a
 * depthwise convolution of the padded input with dy as the filter, dilated by the stride,
 * VALID, for each image: so the batch is moved into the channels (one image of batch * ch
 * channels, dy likewise), wasm's own DepthwiseConv2dNative (XNNPACK) runs once, and the
 * per-image results are summed.
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

  // The padded input, exactly as tall and wide as the windows reach (unused rows cropped).
  const needH = (ho - 1) * sh + kh;
  const needW = (wo - 1) * sw + kw;
  let xp = s.pad(x, [
    [0, 0],
    [pt, Math.max(0, needH - pt - h)],
    [pl, Math.max(0, needW - pl - w)],
    [0, 0],
  ]);
  if (xp.shape[1]! > needH || xp.shape[2]! > needW)
    xp = s.slice(xp, [0, 0, 0, 0], [n, needH, needW, c]);
  // Batch into channels: one image of n*c channels, filtered by dy (ho x wo taps, dilated by
  // the stride) as a depthwise filter with the same multiplier.
  const image = s.reshape(s.transpose(xp, [1, 2, 0, 3]), [1, needH, needW, n * c]);
  const taps = s.reshape(s.transpose(dy, [1, 2, 0, 3]), [ho, wo, n * c, mult]);
  const perImage = s.run(
    "DepthwiseConv2dNative",
    { x: image, filter: taps },
    { strides: [1, 1], dilations: [sh, sw], pad: "valid", dimRoundingMode: "floor" },
  ); // [1, kh, kw, n*c*mult]
  const dW = n === 1 ? perImage : s.sum(s.reshape(perImage, [kh * kw, n, c * mult]), [1]);
  return s.reshape(dW, filterShape);
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
