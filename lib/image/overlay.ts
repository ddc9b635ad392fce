/** Heatmap and overlay compositing on RGBA buffers (what the page draws and the CLI saves). */
import { type ColormapName, colormapLut } from "./colormap";
import type { RgbaImage } from "./rgba";

export interface OverlayOptions {
  readonly colormap: ColormapName;
  /** 0..1: how strongly the heatmap covers the photo. */
  readonly opacity: number;
  /** 0..1: values below it are not coloured. */
  readonly threshold: number;
}

/**
 * Colour a map with values in 0..1 (NaN = not covered). Pixels that are NaN or below the
 * threshold are transparent.
 */
export function heatmapRgba(
  values: Float32Array,
  width: number,
  height: number,
  colormap: ColormapName,
  threshold = 0,
): RgbaImage {
  const lut = colormapLut(colormap);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = values[i];
    if (!(v >= threshold) || Number.isNaN(v)) continue;
    const k = Math.max(0, Math.min(255, Math.round(v * 255))) * 3;
    data[i * 4] = lut[k];
    data[i * 4 + 1] = lut[k + 1];
    data[i * 4 + 2] = lut[k + 2];
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** The photo with the heatmap alpha-blended on top. `values` must match the photo's size. */
export function compositeOverlay(
  base: RgbaImage,
  values: Float32Array,
  opts: OverlayOptions,
): RgbaImage {
  const { width, height } = base;
  if (values.length !== width * height) {
    throw new Error(`overlay: map has ${values.length} values, image has ${width * height} pixels`);
  }
  const lut = colormapLut(opts.colormap);
  const a = Math.max(0, Math.min(1, opts.opacity));
  const data = new Uint8ClampedArray(width * height * 4);
  const src = base.data;
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    const v = values[i];
    if (Number.isNaN(v) || v < opts.threshold) {
      data[o] = src[o];
      data[o + 1] = src[o + 1];
      data[o + 2] = src[o + 2];
    } else {
      const k = Math.max(0, Math.min(255, Math.round(v * 255))) * 3;
      data[o] = src[o] * (1 - a) + lut[k] * a;
      data[o + 1] = src[o + 1] * (1 - a) + lut[k + 1] * a;
      data[o + 2] = src[o + 2] * (1 - a) + lut[k + 2] * a;
    }
    data[o + 3] = 255;
  }
  return { width, height, data };
}
