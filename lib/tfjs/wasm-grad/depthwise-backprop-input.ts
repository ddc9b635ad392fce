/**
 * DepthwiseConv2dNativeBackpropInput for the wasm backend: a depthwise convolution (wasm's
 * own, XNNPACK) of dy with the spatially flipped filter.
 *
 *   dx[n, r, c, ch] = sum over i, j, k of  dy[n, y, x, ch*mult + k] * f[i, j, ch, k]
 *                     where y*sh + i - padTop = r and x*sw + j - padLeft = c
 *
 * With stride s, dy is first spread out with s-1 zeros after every row and column (its
 * values land at y*s); then dx is a stride-1 correlation of that with f flipped in i and j,
 * padded by kh-1-padTop above (and whatever makes the output h rows below; a negative pad
 * crops). A channel multiplier > 1 runs the flipped filter as a multiplier-1 depthwise
 * convolution over all ch*mult channels of dy, then sums each channel's mult outputs.
 */
import type { KernelConfig, TensorInfo } from "@tensorflow/tfjs";

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
import { type Scratch, scratchKernel } from "./scratch";

const NAME = "DepthwiseConv2dNativeBackpropInput";

/** dy [n, ho, wo, c] -> [n, ho*sh, wo*sw, c] with dy[n, y, x] at [n, y*sh, x*sw], zeros elsewhere. */
export function spread(s: Scratch, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  if (sh === 1 && sw === 1) return dy;
  const [n, ho, wo, c] = dy.shape as Shape4;
  // Two rank-3 pads (wasm pads rank <= 4 with its fast path): columns, then rows.
  let t = s.reshape(dy, [n * ho * wo, 1, c]);
  t = s.pad(t, [
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  t = s.reshape(t, [n * ho, 1, wo * sw * c]);
  t = s.pad(t, [
    [0, 0],
    [0, sh - 1],
    [0, 0],
  ]);
  return s.reshape(t, [n, ho * sh, wo * sw, c]);
}

/** Crops `x` [n, h, w, c] by the negative entries of [top, bottom, left, right]; returns the pads left. */
export function cropNegative(
  s: Scratch,
  x: TensorInfo,
  pads: [number, number, number, number],
): { x: TensorInfo; pads: [number, number, number, number] } {
  if (pads.every((p) => p >= 0)) return { x, pads };
  const [n, h, w, c] = x.shape as Shape4;
  const [t, b, l, r] = pads;
  const top = Math.max(0, -t);
  const left = Math.max(0, -l);
  const rows = h - top - Math.max(0, -b);
  const cols = w - left - Math.max(0, -r);
  return {
    x: s.slice(x, [0, top, left, 0], [n, rows, cols, c]),
    pads: [Math.max(0, t), Math.max(0, b), Math.max(0, l), Math.max(0, r)],
  };
}

export function depthwiseBackpropInput(
  s: Scratch,
  dy: TensorInfo,
  filter: TensorInfo,
  attrs: {
    strides: number | [number, number];
    dilations?: number | [number, number];
    pad: Pad;
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
    dilations: attrs.dilations,
    pad: attrs.pad,
    dimRoundingMode: attrs.dimRoundingMode,
    depthwise: true,
    dyShape: dy.shape,
  });
  const { inHeight: h, inWidth: w, inChannels: c, outHeight: ho, outWidth: wo } = g;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = g;
  const mult = fShape[3];
  if (isEmpty(inShape)) return s.zeros(inShape);
  if (isEmpty(dy.shape, fShape)) return s.zeros(inShape);

  const spreadDy = spread(s, dy, sh, sw);
  const top = kh - 1 - g.padTop;
  const left = kw - 1 - g.padLeft;
  const { x: src, pads } = cropNegative(s, spreadDy, [
    top,
    h + kh - 1 - ho * sh - top,
    left,
    w + kw - 1 - wo * sw - left,
  ]);
  let flipped = s.reverse(filter, [0, 1]);
  if (mult > 1) flipped = s.reshape(flipped, [kh, kw, c * mult, 1]);
  const out = s.run(
    "DepthwiseConv2dNative",
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
      dimRoundingMode: "floor",
    },
  );
  if (mult === 1) return s.reshape(out, inShape);
  return s.reshape(s.sum(s.reshape(out, [...inShape, mult]), [4]), inShape);
}

export const depthwiseBackpropInputConfig: KernelConfig = scratchKernel(
  NAME,
  ["dy", "filter"],
  depthwiseBackpropInput,
);
