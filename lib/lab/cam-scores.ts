/**
 * Class activation maps of a trained Lab network on test images, scored against the true
 * boxes: the pointing game (the map's peak inside a box; cam-metrics.ts pointingHit) and the
 * share of the map's energy inside the boxes. Maps come from lib/tfjs/cam.ts's CAM method,
 * which works on the builder's global-pool + dense head.
 */
import * as tf from "@tensorflow/tfjs";

import { createCamEngine } from "../tfjs/cam";
import { pointingHit, type Box } from "../tfjs/cam-metrics";
import { imageAt, type ImageSet } from "./images";

export interface CamScores {
  /** Share of images whose map peak lies inside a true box. */
  readonly pointingGame: number;
  /** Mean share of the (min-max normalised) map's sum that lies inside the boxes. */
  readonly energyInBox: number;
  readonly images: number;
}

/** One map of the figure-7 grid. */
export interface CamSample {
  /** Index in the test split. */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  readonly gridWidth: number;
  readonly gridHeight: number;
  /** Normalised 0..1, row-major. */
  readonly grid: number[];
  readonly hit: boolean;
  readonly energy: number;
}

/** Bilinear upsampling of a coarse grid to size x size (cell centres, edges clamped). */
export function upsampleGrid(grid: ArrayLike<number>, gw: number, gh: number, size: number): Float32Array {
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
export function scoreMap(map: Float32Array, size: number, boxes: readonly Box[]): { hit: boolean; energy: number } {
  const px = boxes.map((b) => ({ x0: b.x0 * size, y0: b.y0 * size, x1: b.x1 * size, y1: b.y1 * size }));
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

/**
 * CAM of the true class on the first `scoreCount` test images (scores) and the maps of the
 * first `gridCount` (figure 7). Returns null scores when the set has no boxes.
 */
export async function camEvaluate(
  model: tf.LayersModel,
  test: ImageSet,
  scoreCount: number,
  gridCount: number,
): Promise<{ scores: CamScores | null; samples: CamSample[] }> {
  const engine = createCamEngine(
    { format: "layers", model, url: "lab://trained", weightBytes: 0 },
    { labels: test.classes },
  );
  const r = test.resolution;
  const n = Math.min(test.count, Math.max(scoreCount, gridCount));
  const samples: CamSample[] = [];
  let hits = 0;
  let energy = 0;
  let scored = 0;
  try {
    for (let i = 0; i < n; i++) {
      const x = tf.tensor4d(imageAt(test, i), [1, r, r, 3]);
      let a;
      try {
        a = await engine.analyze(x, { method: "cam", classes: [test.labels[i]!], topK: 1 });
      } finally {
        x.dispose();
      }
      const m = a.maps[0]!;
      const boxes = test.boxes?.[i] ?? null;
      let s = { hit: false, energy: 0 };
      if (boxes && boxes.length) {
        s = scoreMap(upsampleGrid(m.grid, m.width, m.height, r), r, boxes);
        if (i < scoreCount) {
          hits += s.hit ? 1 : 0;
          energy += s.energy;
          scored++;
        }
      }
      if (i < gridCount) {
        samples.push({
          index: i,
          label: test.labels[i]!,
          predicted: a.top[0]?.index ?? -1,
          gridWidth: m.width,
          gridHeight: m.height,
          grid: Array.from(m.grid),
          hit: s.hit,
          energy: s.energy,
        });
      }
    }
  } finally {
    engine.dispose();
  }
  return {
    scores: scored ? { pointingGame: hits / scored, energyInBox: energy / scored, images: scored } : null,
    samples,
  };
}
