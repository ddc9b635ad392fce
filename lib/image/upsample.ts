/**
 * Upsampling a coarse class-activation grid onto the (possibly cropped) original image.
 * "smooth" = bilinear between cell centres (edges clamped), "blocky" = nearest cell, which
 * shows the network's true resolution (7 x 7 for MobileNet at 224).
 */
import type { ResizePlan } from "./resize";

export type UpsampleMode = "smooth" | "blocky";
export const UPSAMPLE_MODES: readonly UpsampleMode[] = ["smooth", "blocky"];

/**
 * Values for every pixel of an outW x outH rendering of the source image (which may be a
 * scaled copy of plan.srcWidth x plan.srcHeight). Pixels outside the region the model saw
 * (center-crop) are NaN.
 */
export function mapGridToImage(
  grid: ArrayLike<number>,
  gridWidth: number,
  gridHeight: number,
  plan: ResizePlan,
  outW: number,
  outH: number,
  mode: UpsampleMode,
): Float32Array {
  const out = new Float32Array(outW * outH);
  const r = plan.region;
  const sxScale = plan.srcWidth / outW;
  const syScale = plan.srcHeight / outH;
  // Per-column/row grid coordinates, computed once.
  const gxs = new Float32Array(outW);
  const gys = new Float32Array(outH);
  for (let x = 0; x < outW; x++) gxs[x] = (((x + 0.5) * sxScale - r.x) / r.width) * gridWidth;
  for (let y = 0; y < outH; y++) gys[y] = (((y + 0.5) * syScale - r.y) / r.height) * gridHeight;
  for (let y = 0; y < outH; y++) {
    const gy = gys[y];
    const rowOut = gy < 0 || gy > gridHeight;
    for (let x = 0; x < outW; x++) {
      const gx = gxs[x];
      const o = y * outW + x;
      if (rowOut || gx < 0 || gx > gridWidth) {
        out[o] = NaN;
        continue;
      }
      if (mode === "blocky") {
        const cx = Math.min(gridWidth - 1, Math.floor(gx));
        const cy = Math.min(gridHeight - 1, Math.floor(gy));
        out[o] = grid[cy * gridWidth + cx];
      } else {
        const fx = Math.min(gridWidth - 1, Math.max(0, gx - 0.5));
        const fy = Math.min(gridHeight - 1, Math.max(0, gy - 0.5));
        const x0 = Math.floor(fx);
        const y0 = Math.floor(fy);
        const x1 = Math.min(gridWidth - 1, x0 + 1);
        const y1 = Math.min(gridHeight - 1, y0 + 1);
        const ax = fx - x0;
        const ay = fy - y0;
        const top = grid[y0 * gridWidth + x0] * (1 - ax) + grid[y0 * gridWidth + x1] * ax;
        const bot = grid[y1 * gridWidth + x0] * (1 - ax) + grid[y1 * gridWidth + x1] * ax;
        out[o] = top * (1 - ay) + bot * ay;
      }
    }
  }
  return out;
}

/** Min-max normalisation to 0..1 (a constant map becomes all zeros). */
export function normalizeMap(values: ArrayLike<number>): Float32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const out = new Float32Array(values.length);
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return out;
  for (let i = 0; i < values.length; i++) out[i] = (values[i] - lo) / span;
  return out;
}

/** Index of the maximum (first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
