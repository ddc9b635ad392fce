/**
 * Pure map arithmetic for the Lab's CAM scores (no tfjs: the page draws with it too):
 * bilinear upsampling of a coarse grid, and the pointing game / energy-in-box of a map.
 */
import { pointingHit, type Box } from "../tfjs/cam-metrics";

/** Bilinear upsampling of a coarse grid to size x size (cell centres, edges clamped). */
export function upsampleGrid(
  grid: ArrayLike<number>,
  gw: number,
  gh: number,
  size: number,
): Float32Array {
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    const gy = Math.min(gh - 1, Math.max(0, ((y + 0.5) * gh) / size - 0.5));
    const y0 = Math.floor(gy);
    const y1 = Math.min(gh - 1, y0 + 1);
    const fy = gy - y0;
    for (let x = 0; x < size; x++) {
      const gx = Math.min(gw - 1, Math.max(0, ((x + 0.5) * gw) / size - 0.5));
      const x0 = Math.floor(gx);
      const x1 = Math.min(gw - 1, x0 + 1);
      const fx = gx - x0;
      const top = grid[y0 * gw + x0]! * (1 - fx) + grid[y0 * gw + x1]! * fx;
      const bot = grid[y1 * gw + x0]! * (1 - fx) + grid[y1 * gw + x1]! * fx;
      out[y * size + x] = top * (1 - fy) + bot * fy;
    }
  }
  return out;
}

/** Scores one upsampled map (size x size) against boxes in 0..1 coordinates. */
export function scoreMap(
  map: Float32Array,
  size: number,
  boxes: readonly Box[],
): { hit: boolean; energy: number } {
  const px = boxes.map((b) => ({
    x0: b.x0 * size,
    y0: b.y0 * size,
    x1: b.x1 * size,
    y1: b.y1 * size,
  }));
  let peak = 0;
  let total = 0;
  let inside = 0;
  for (let i = 0; i < map.length; i++) {
    const v = map[i]!;
    if (v > map[peak]!) peak = i;
    total += v;
    const x = (i % size) + 0.5;
    const y = Math.floor(i / size) + 0.5;
    if (px.some((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1)) inside += v;
  }
  const p = { x: (peak % size) + 0.5, y: Math.floor(peak / size) + 0.5 };
  // Tolerance of one input pixel: the map's peak is a pixel centre.
  const hit = px.some((b) => pointingHit(p, b, 1));
  return { hit, energy: total > 0 ? inside / total : 0 };
}
