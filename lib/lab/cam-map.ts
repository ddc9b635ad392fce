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

/** Boxes in 0..1 coordinates as pixel rectangles of a size x size map. */
function pixelBoxes(size: number, boxes: readonly Box[]): Box[] {
  return boxes.map((b) => ({ x0: b.x0 * size, y0: b.y0 * size, x1: b.x1 * size, y1: b.y1 * size }));
}

const inside = (px: readonly Box[], x: number, y: number): boolean =>
  px.some((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1);

/**
 * What a map that ignores the image scores against these boxes, the level the real scores are
 * read against: `energy` is a flat map's energy inside the boxes (the boxes' share of the
 * pixels) and `pointing` the chance that a peak at a uniformly random pixel is a hit (the same
 * one-pixel tolerance as scoreMap).
 */
export function chanceScores(
  size: number,
  boxes: readonly Box[],
): { pointing: number; energy: number } {
  const px = pixelBoxes(size, boxes);
  let hits = 0;
  let covered = 0;
  for (let i = 0; i < size * size; i++) {
    const p = { x: (i % size) + 0.5, y: Math.floor(i / size) + 0.5 };
    if (px.some((b) => pointingHit(p, b, 1))) hits++;
    if (inside(px, p.x, p.y)) covered++;
  }
  return { pointing: hits / (size * size), energy: covered / (size * size) };
}

/** Scores one upsampled map (size x size) against boxes in 0..1 coordinates. */
export function scoreMap(
  map: Float32Array,
  size: number,
  boxes: readonly Box[],
): { hit: boolean; energy: number } {
  const px = pixelBoxes(size, boxes);
  let peak = 0;
  let total = 0;
  let within = 0;
  for (let i = 0; i < map.length; i++) {
    const v = map[i]!;
    if (v > map[peak]!) peak = i;
    total += v;
    if (inside(px, (i % size) + 0.5, Math.floor(i / size) + 0.5)) within += v;
  }
  const p = { x: (peak % size) + 0.5, y: Math.floor(peak / size) + 0.5 };
  // Tolerance of one input pixel: the map's peak is a pixel centre.
  const hit = px.some((b) => pointingHit(p, b, 1));
  return { hit, energy: total > 0 ? within / total : 0 };
}
