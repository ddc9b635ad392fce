/**
 * Conv2DBackpropInput for the wasm backend, replacing tfjs-backend-wasm's own, which is the
 * cpu backend's scalar loop compiled to wasm (no XNNPACK), with wasm's XNNPACK kernels:
 *
 *   dx[n, r, c, ci] = sum over i, j, co of  dy[n, y, x, co] * w[i, j, ci, co]
 *                     where y*sh + i - padTop = r and x*sw + j - padLeft = c
 *
 * A 1x1 stride-1 unpadded filter: the product dy [M, co] x w^T [co, ci]. Otherwise a stride-1
 * convolution (wasm's Conv2D) of dy spread out by the stride (as in depthwise-backprop-input)
 * with w flipped in i and j and its channel axes swapped. NCHW goes to the original kernel.
 */
import type { KernelBackend, KernelConfig, TensorInfo } from "@tensorflow/tfjs";

import {
  check,
  checkFloat,
  checkRank4,
  geometry,
  isEmpty,
  type Pad,
  type Rounding,
  type Shape4,
} from "./conv-info";
import { cropNegative, spread } from "./depthwise-backprop-input";
import { replaceKernel, withScratch, type KernelArgs, type Scratch } from "./scratch";

const NAME = "Conv2DBackpropInput";

export function conv2dBackpropInput(
  s: Scratch,
  dy: TensorInfo,
  filter: TensorInfo,
  attrs: {
    strides: number | [number, number];
    pad: Pad;
    dataFormat?: string;
    dimRoundingMode?: Rounding;
    inputShape: Shape4;
  },
): TensorInfo {
  checkFloat(NAME, { dy, filter });
  checkRank4(NAME, "dy", dy);
  const fShape = checkRank4(NAME, "filter", filter);
  const inShape = attrs.inputShape;
  check(
    NAME,
    Array.isArray(inShape) && inShape.length === 4,
    () => `inputShape must have 4 entries`,
  );
  const g = geometry({
    kernel: NAME,
    inShape,
    filterShape: fShape,
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
  if (isEmpty(inShape)) return s.zeros(inShape);
  if (isEmpty(dy.shape, fShape)) return s.zeros(inShape);

  const pointwise =
    kh === 1 && kw === 1 && sh === 1 && sw === 1 && pt === 0 && pl === 0 && ho === h && wo === w;
  if (pointwise) {
    const wT = s.transpose(s.reshape(filter, [ci, co]), [1, 0]); // [co, ci]
    return s.reshape(s.matMul(s.reshape(dy, [n * ho * wo, co]), wT), inShape);
  }
  const top = kh - 1 - pt;
  const left = kw - 1 - pl;
  const { x: src, pads } = cropNegative(s, spread(s, dy, sh, sw), [
    top,
    h + kh - 1 - ho * sh - top,
    left,
    w + kw - 1 - wo * sw - left,
  ]);
  const flipped = s.transpose(s.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [kh, kw, co, ci]
  const out = s.run(
    "Conv2D",
    { x: src, filter: flipped },
    {
      strides: [1, 1],
      dilations: [1, 1],
      pad: [
        [0, 0],
        [pads[0], pads[1]],
        [pads[2], pads[3]],
        [0, 0],
      ],
      dataFormat: "NHWC",
      dimRoundingMode: "floor",
    },
  );
  return s.reshape(out, inShape);
}

/** Our kernel for NHWC, `original` (tfjs-backend-wasm's) for anything else. */
export function conv2dBackpropInputConfig(original: KernelConfig): KernelConfig {
  return replaceKernel(original, (args: KernelArgs) => {
    const { dy, filter } = args.inputs;
    const format = (args.attrs?.dataFormat as string | undefined) ?? "NHWC";
    if (!dy || !filter || format !== "NHWC") return null;
    const attrs = (args.attrs ?? {}) as unknown as Parameters<typeof conv2dBackpropInput>[3];
    return withScratch(args.backend as KernelBackend, (s) =>
      conv2dBackpropInput(s, dy, filter, attrs),
    );
  });
}
