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

/** Boxes in 0..1 coordinates as pixel rectangles of a size x size image. */
function pixelBoxes(size: number, boxes: readonly Box[]): Box[] {
  return boxes.map((b) => ({ x0: b.x0 * size, y0: b.y0 * size, x1: b.x1 * size, y1: b.y1 * size }));
}

const inside = (px: readonly Box[], x: number, y: number): boolean =>
  px.some((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1);

/** Tolerance of the pointing game: one input pixel. */
const TOLERANCE = 1;

/** The centre, in pixels of a size x size image, of grid cell `i` of a gw x gh grid. */
function cellCentre(i: number, gw: number, gh: number, size: number): { x: number; y: number } {
  return { x: (((i % gw) + 0.5) * size) / gw, y: ((Math.floor(i / gw) + 0.5) * size) / gh };
}

/**
 * Where a coarse map points: the centre of its largest cell (the first in row order on a tie).
 * Not the arg-max of the upsampled map: bilinear upsampling with clamped edges turns an edge
 * cell's maximum into a plateau that reaches the image border, and an arg-max taking the
 * plateau's first pixel pointed at the image's corners (measured: a 2 x 2 map's pointing
 * game fell below the chance of a random cell).
 */
export function gridPeak(
  grid: ArrayLike<number>,
  gw: number,
  gh: number,
  size: number,
): { x: number; y: number } {
  let best = 0;
  for (let i = 1; i < gw * gh; i++) if (grid[i]! > grid[best]!) best = i;
  return cellCentre(best, gw, gh, size);
}

/**
 * What a map that ignores the image scores against these boxes, the level the real scores are
 * read against: `energy` is a flat map's energy inside the boxes (the boxes' share of the
 * pixels) and `pointing` the chance that a uniformly random cell of a gw x gh map is a hit.
 */
export function chanceScores(
  gw: number,
  gh: number,
  size: number,
  boxes: readonly Box[],
): { pointing: number; energy: number } {
  const px = pixelBoxes(size, boxes);
  let hits = 0;
  for (let i = 0; i < gw * gh; i++) {
    const c = cellCentre(i, gw, gh, size);
    if (px.some((b) => pointingHit(c, b, TOLERANCE))) hits++;
  }
  let covered = 0;
  for (let i = 0; i < size * size; i++)
    if (inside(px, (i % size) + 0.5, Math.floor(i / size) + 0.5)) covered++;
  return { pointing: hits / (gw * gh), energy: covered / (size * size) };
}

/**
 * Scores a gw x gh map of a size x size image against boxes in 0..1 coordinates: the
 * pointing game at the map's peak (gridPeak) and the share of the bilinearly upsampled
 * map's sum inside the boxes.
 */
export function scoreGrid(
  grid: ArrayLike<number>,
  gw: number,
  gh: number,
  size: number,
  boxes: readonly Box[],
): { hit: boolean; energy: number } {
  const px = pixelBoxes(size, boxes);
  const map = upsampleGrid(grid, gw, gh, size);
  let total = 0;
  let within = 0;
  for (let i = 0; i < map.length; i++) {
    const v = map[i]!;
    total += v;
    if (inside(px, (i % size) + 0.5, Math.floor(i / size) + 0.5)) within += v;
  }
  const p = gridPeak(grid, gw, gh, size);
  const hit = px.some((b) => pointingHit(p, b, TOLERANCE));
  return { hit, energy: total > 0 ? within / total : 0 };
}

/** A fixed gw x gh map peaking at the centre: 1 / (1 + squared distance from it, in cells). */
export function centreMap(gw: number, gh: number): number[] {
  return Array.from({ length: gw * gh }, (_, i) => {
    const dx = (i % gw) - (gw - 1) / 2;
    const dy = Math.floor(i / gw) - (gh - 1) / 2;
    return 1 / (1 + dx * dx + dy * dy);
  });
}

/**
 * Stronger levels than a random cell for reading CAM scores (`npm run -s lab:cam-baselines`):
 * what maps that ignore the image score over a set of images' boxes. `perCell[k]` is the
 * pointing-game hit rate of a map that always peaks at cell k, `bestCell` the best of them
 * (objects sit near the middle, so on 3 x 3 maps the centre cell hits far more often than a
 * random one), `centreEnergy` the mean energy inside the boxes of `centreMap`.
 */
export function fixedMapScores(
  gw: number,
  gh: number,
  size: number,
  boxesPerImage: readonly (readonly Box[])[],
): { perCell: number[]; bestCell: number; centreEnergy: number } {
  const n = boxesPerImage.length;
  const hits = new Array<number>(gw * gh).fill(0);
  const centre = centreMap(gw, gh);
  let energy = 0;
  for (const boxes of boxesPerImage) {
    const px = pixelBoxes(size, boxes);
    for (let k = 0; k < gw * gh; k++)
      if (px.some((b) => pointingHit(cellCentre(k, gw, gh, size), b, TOLERANCE))) hits[k]!++;
    energy += scoreGrid(centre, gw, gh, size, boxes).energy;
  }
  const perCell = hits.map((h) => (n ? h / n : 0));
  return { perCell, bestCell: Math.max(...perCell), centreEnergy: n ? energy / n : 0 };
}
