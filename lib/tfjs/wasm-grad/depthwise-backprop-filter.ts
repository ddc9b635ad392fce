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
 *
 * XNNPACK's depthwise kernels are fast only for 3x3 and 5x5 filters (~1 ns a multiply-add,
 * ~4 on its general path), and dy's plane is the filter here (8x8 and 16x16 in the Lab's
 * net). So a larger plane is cut into 3x3 or 5x5 blocks (dy and the image zero-padded to
 * whole blocks: zero taps add exact zeros), each block's filter and the image window it
 * reaches are laid side by side in the channels, and one convolution does all blocks; the
 * sum over blocks joins the sum over images. The Lab's 7 calls: ~19 against ~10 ms.
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
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

import { type Scratch, scratchKernel } from "./scratch";
import { paddedToWindows } from "./windows";

const NAME = "DepthwiseConv2dNativeBackpropFilter";

/**
 * The side of the square blocks dy's plane is cut into (3 or 5, the fewest padded taps;
 * 5 on a tie, fewer calls), or 0 when the plane goes whole: already 3x3 or 5x5, or at most
 * 4 taps (cheap either way).
 */
export function tapBlock(ho: number, wo: number): number {
  if (ho * wo <= 4 || (ho === wo && (ho === 3 || ho === 5))) return 0;
  const padded = (b: number): number => Math.ceil(ho / b) * b * Math.ceil(wo / b) * b;
  return padded(3) < padded(5) ? 3 : 5;
}

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
  const { batch: n, inChannels: c, outHeight: ho, outWidth: wo } = g;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = g;
  const mult = filterShape[3];
  if (isEmpty(xShape, dy.shape, filterShape)) return s.zeros(filterShape);

  const block = tapBlock(ho, wo);
  // Output rows and columns padded to whole blocks (zero dy; the image padded to match).
  const hb = block === 0 ? ho : Math.ceil(ho / block) * block;
  const wb = block === 0 ? wo : Math.ceil(wo / block) * block;
  // The padded input, exactly as tall and wide as the windows reach (unused rows cropped).
  const {
    xp,
    height: needH,
    width: needW,
  } = paddedToWindows(s, x, {
    ...g,
    outHeight: hb,
    outWidth: wb,
  });
  const dyp = s.pad(dy, [
    [0, 0],
    [0, hb - ho],
    [0, wb - wo],
    [0, 0],
  ]);
  // Batch into channels: one image of n*c channels, filtered by dy (ho x wo taps, dilated by
  // the stride) as a depthwise filter with the same multiplier.
  const image = s.reshape(s.transpose(xp, [1, 2, 0, 3]), [1, needH, needW, n * c]);
  const taps = s.reshape(s.transpose(dyp, [1, 2, 0, 3]), [hb, wb, n * c, mult]);
  const conv = (img: TensorInfo, filter: TensorInfo): TensorInfo =>
    s.run(
      "DepthwiseConv2dNative",
      { x: img, filter },
      { strides: [1, 1], dilations: [sh, sw], pad: "valid", dimRoundingMode: "floor" },
    ); // [1, kh, kw, channels]
  if (block === 0) {
    const perImage = conv(image, taps);
    const dW = n === 1 ? perImage : s.sum(s.reshape(perImage, [kh * kw, n, c * mult]), [1]);
    return s.reshape(dW, filterShape);
  }
  // Every block side by side in the channels (block-major): one convolution for all of them.
  const starts: [number, number][] = [];
  for (let by = 0; by < hb; by += block)
    for (let bx = 0; bx < wb; bx += block) starts.push([by, bx]);
  const rows = (block - 1) * sh + kh;
  const cols = (block - 1) * sw + kw;
  const images = blocks(
    s,
    image,
    needW,
    n * c,
    rows,
    cols,
    starts.map(([y, x]) => [y * sh, x * sw]),
  );
  const filters = blocks(s, taps, wb, n * c * mult, block, block, starts);
  const perBlock = conv(images, s.reshape(filters, [block, block, starts.length * n * c, mult]));
  const dW = s.sum(s.reshape(perBlock, [kh * kw, starts.length * n, c * mult]), [1]);
  return s.reshape(dW, filterShape);
}

/**
 * Windows of `src` (seen as [rows, width, k]: k values a pixel) side by side in the last axis:
 * [1, rows, cols, starts.length * k], window b from row starts[b][0], column starts[b][1].
 * Copies of k contiguous values from heap views (wasm's Slice and Concat would be 2 calls a
 * window).
 */
function blocks(
  s: Scratch,
  src: TensorInfo,
  width: number,
  k: number,
  rows: number,
  cols: number,
  starts: readonly (readonly [number, number])[],
): TensorInfo {
  const nb = starts.length;
  const out = s.make([1, rows, cols, nb * k]);
  // Views after the allocation (growing the heap detaches older ones).
  const backend = s.backend as BackendWasm;
  const from = backend.typedArrayFromHeap(src) as Float32Array;
  const to = backend.typedArrayFromHeap(out) as Float32Array;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      for (let b = 0; b < nb; b++, o += k) {
        const i = ((starts[b]![0] + r) * width + starts[b]![1] + c) * k;
        to.set(from.subarray(i, i + k), o);
      }
    }
  }
  return out;
}

export const depthwiseBackpropFilterConfig: KernelConfig = scratchKernel(
  NAME,
  ["x", "dy"],
  depthwiseBackpropFilter,
);
