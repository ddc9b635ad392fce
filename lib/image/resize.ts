/**
 * Model-input resizing (stretch or center-crop) and the inverse mapping from the model's
 * grid back to the original image. The resampler is pure TS so the browser (Web Worker)
 * and Node (CLI, tests) produce bit-identical model inputs from the same decoded pixels.
 */
import type { RgbaImage } from "./rgba";

export type ResizeMode = "stretch" | "crop";
export const RESIZE_MODES: readonly ResizeMode[] = ["stretch", "crop"];

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** How a source image becomes a dstWidth x dstHeight model input. */
export interface ResizePlan {
  readonly srcWidth: number;
  readonly srcHeight: number;
  readonly dstWidth: number;
  readonly dstHeight: number;
  readonly mode: ResizeMode;
  /** The part of the source (in source pixels, fractional) that fills the model input. */
  readonly region: Rect;
}

export function planResize(
  srcWidth: number,
  srcHeight: number,
  dstWidth: number,
  dstHeight: number,
  mode: ResizeMode,
): ResizePlan {
  let region: Rect = { x: 0, y: 0, width: srcWidth, height: srcHeight };
  if (mode === "crop") {
    const dstAspect = dstWidth / dstHeight;
    if (srcWidth / srcHeight > dstAspect) {
      const w = srcHeight * dstAspect;
      region = { x: (srcWidth - w) / 2, y: 0, width: w, height: srcHeight };
    } else {
      const h = srcWidth / dstAspect;
      region = { x: 0, y: (srcHeight - h) / 2, width: srcWidth, height: h };
    }
  }
  return { srcWidth, srcHeight, dstWidth, dstHeight, mode, region };
}

interface Taps {
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly weights: Float32Array;
  readonly maxTaps: number;
}

/**
 * Separable triangle-filter taps (bilinear, widened when downscaling so every source pixel
 * contributes: the same antialiasing idea as Pillow's BILINEAR resize).
 */
function computeTaps(srcSize: number, start: number, extent: number, dstSize: number): Taps {
  const scale = extent / dstSize;
  const filterScale = Math.max(1, scale);
  const support = filterScale; // triangle radius 1, stretched
  const maxTaps = Math.ceil(support) * 2 + 2;
  const starts = new Int32Array(dstSize);
  const counts = new Int32Array(dstSize);
  const weights = new Float32Array(dstSize * maxTaps);
  for (let i = 0; i < dstSize; i++) {
    const center = start + (i + 0.5) * scale;
    let lo = Math.floor(center - support);
    let hi = Math.ceil(center + support);
    lo = Math.max(0, lo);
    hi = Math.min(srcSize, hi);
    let total = 0;
    let n = 0;
    for (let s = lo; s < hi && n < maxTaps; s++) {
      const t = Math.abs(s + 0.5 - center) / filterScale;
      const w = t < 1 ? 1 - t : 0;
      weights[i * maxTaps + n] = w;
      total += w;
      n++;
    }
    if (total === 0) {
      // Region entirely off one edge (cannot happen for valid plans): nearest pixel.
      const s = Math.min(srcSize - 1, Math.max(0, Math.floor(center)));
      starts[i] = s;
      counts[i] = 1;
      weights[i * maxTaps] = 1;
      continue;
    }
    for (let k = 0; k < n; k++) weights[i * maxTaps + k] /= total;
    starts[i] = lo;
    counts[i] = n;
  }
  return { start: starts, count: counts, weights, maxTaps };
}

/**
 * Resample `channels`-interleaved samples from a region of the source into dstW x dstH.
 * Two passes (horizontal then vertical), float accumulation.
 */
export function resampleRegion(
  src: ArrayLike<number>,
  srcW: number,
  srcH: number,
  channels: number,
  region: Rect,
  dstW: number,
  dstH: number,
): Float32Array {
  const tx = computeTaps(srcW, region.x, region.width, dstW);
  const ty = computeTaps(srcH, region.y, region.height, dstH);
  // Only rows the vertical taps touch are needed in the horizontal pass.
  let rowLo = srcH;
  let rowHi = 0;
  for (let i = 0; i < dstH; i++) {
    rowLo = Math.min(rowLo, ty.start[i]);
    rowHi = Math.max(rowHi, ty.start[i] + ty.count[i]);
  }
  const rows = rowHi - rowLo;
  const tmp = new Float32Array(rows * dstW * channels);
  for (let r = 0; r < rows; r++) {
    const y = r + rowLo;
    for (let x = 0; x < dstW; x++) {
      const s0 = tx.start[x];
      const n = tx.count[x];
      const o = (r * dstW + x) * channels;
      for (let k = 0; k < n; k++) {
        const w = tx.weights[x * tx.maxTaps + k];
        const si = (y * srcW + s0 + k) * channels;
        for (let c = 0; c < channels; c++) tmp[o + c] += w * src[si + c];
      }
    }
  }
  const out = new Float32Array(dstW * dstH * channels);
  for (let y = 0; y < dstH; y++) {
    const s0 = ty.start[y] - rowLo;
    const n = ty.count[y];
    for (let k = 0; k < n; k++) {
      const w = ty.weights[y * ty.maxTaps + k];
      const rowOff = (s0 + k) * dstW * channels;
      const outOff = y * dstW * channels;
      for (let i = 0; i < dstW * channels; i++) out[outOff + i] += w * tmp[rowOff + i];
    }
  }
  return out;
}

/** RGBA -> RGB with transparency flattened onto white (so both decoders agree on it). */
export function flattenRgb(img: RgbaImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n * 3);
  const d = img.data;
  for (let i = 0; i < n; i++) {
    const a = d[i * 4 + 3] / 255;
    const bg = 255 * (1 - a);
    out[i * 3] = d[i * 4] * a + bg;
    out[i * 3 + 1] = d[i * 4 + 1] * a + bg;
    out[i * 3 + 2] = d[i * 4 + 2] * a + bg;
  }
  return out;
}

/** The model input: HWC float RGB in 0..255, dstHeight x dstWidth x 3. */
export function resizeToInput(img: RgbaImage, plan: ResizePlan): Float32Array {
  if (img.width !== plan.srcWidth || img.height !== plan.srcHeight) {
    throw new Error(
      `resize plan is for ${plan.srcWidth}x${plan.srcHeight} but the image is ${img.width}x${img.height}`,
    );
  }
  return resampleRegion(
    flattenRgb(img),
    img.width,
    img.height,
    3,
    plan.region,
    plan.dstWidth,
    plan.dstHeight,
  );
}

/** RGBA -> smaller RGBA (working copy of a large image). */
export function resizeRgba(img: RgbaImage, width: number, height: number): RgbaImage {
  const f = resampleRegion(
    img.data,
    img.width,
    img.height,
    4,
    { x: 0, y: 0, width: img.width, height: img.height },
    width,
    height,
  );
  const data = new Uint8ClampedArray(f.length);
  for (let i = 0; i < f.length; i++) data[i] = Math.round(f[i]);
  return { width, height, data };
}

/**
 * Centre of grid cell (gx, gy) of a gridWidth x gridHeight map, in source pixels. The map
 * covers `plan.region` of the source, whichever resize mode was used.
 */
export function gridCellToSource(
  plan: ResizePlan,
  gx: number,
  gy: number,
  gridWidth: number,
  gridHeight: number,
): { x: number; y: number } {
  const r = plan.region;
  return {
    x: r.x + ((gx + 0.5) / gridWidth) * r.width,
    y: r.y + ((gy + 0.5) / gridHeight) * r.height,
  };
}
