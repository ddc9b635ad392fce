/**
 * Decoded image -> model input, and model grid -> original image. Shared by the Web Worker
 * and the CLI so both feed the network exactly the same numbers.
 */
import type { DecodedImage } from "./decoded";
import { type Preprocess, normalizePixels } from "./normalize";
import {
  gridCellToSource,
  planResize,
  type ResizeMode,
  type ResizePlan,
  resizeToInput,
} from "./resize";
import type { RgbaImage } from "./rgba";

export interface InputSpec {
  readonly width: number;
  readonly height: number;
  readonly resize: ResizeMode;
  readonly preprocess: Preprocess;
}

export interface PreparedInput {
  /** HWC float RGB, normalised, height x width x 3. */
  readonly data: Float32Array;
  readonly plan: ResizePlan;
}

export function prepareInput(img: RgbaImage, spec: InputSpec): PreparedInput {
  const plan = planResize(img.width, img.height, spec.width, spec.height, spec.resize);
  return { data: normalizePixels(resizeToInput(img, plan), spec.preprocess), plan };
}

/**
 * The map's maximum in ORIGINAL image pixels (after EXIF orientation). Bilinear upsampling
 * takes its maximum at a cell centre, so the peak is the centre of the best cell, mapped
 * through the resize plan (crop or stretch) and the working-copy scale.
 */
export function peakInOriginal(
  grid: ArrayLike<number>,
  gridWidth: number,
  gridHeight: number,
  plan: ResizePlan,
  decoded: Pick<DecodedImage, "scale" | "originalWidth" | "originalHeight">,
): { x: number; y: number } {
  let best = 0;
  for (let i = 1; i < grid.length; i++) if (grid[i] > grid[best]) best = i;
  const gx = best % gridWidth;
  const gy = Math.floor(best / gridWidth);
  const p = gridCellToSource(plan, gx, gy, gridWidth, gridHeight);
  const x = Math.min(decoded.originalWidth - 1, Math.max(0, Math.floor(p.x / decoded.scale)));
  const y = Math.min(decoded.originalHeight - 1, Math.max(0, Math.floor(p.y / decoded.scale)));
  return { x, y };
}
