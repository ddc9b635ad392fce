/**
 * Class activation maps of a trained Lab network on test images, scored against the true
 * boxes: the pointing game (the map's peak inside a box; cam-metrics.ts pointingHit) and the
 * share of the map's energy inside the boxes. Maps come from lib/tfjs/cam.ts's CAM method,
 * which works on the builder's global-pool + dense head.
 */
import * as tf from "@tensorflow/tfjs";

import { createCamEngine } from "../tfjs/cam";
import { chanceScores, fixedMapScores, scoreGrid } from "./cam-map";
import type { Box } from "../tfjs/cam-metrics";
import { imageAt, type ImageSet } from "./images";

export interface CamScores {
  /** Share of images whose map peak lies inside a true box. */
  readonly pointingGame: number;
  /** Mean share of the (min-max normalised) map's sum that lies inside the boxes. */
  readonly energyInBox: number;
  /** What a map that ignores the image would score on the same images (cam-map chanceScores). */
  readonly pointingChance: number;
  readonly energyChance: number;
  /**
   * Stronger levels (cam-map fixedMapScores): the best a map that always peaks at one fixed
   * cell scores, and a fixed centre-weighted map's energy. Objects sit near the middle, so on
   * 3 x 3 maps these are far above a random cell.
   */
  readonly pointingFixed: number;
  readonly energyCentre: number;
  readonly images: number;
}

/** The scores as a run records them (results.ts RunResult.cam): without the image count. */
export function runCam(s: CamScores | null): {
  pointingGame: number;
  energyInBox: number;
  pointingChance: number;
  energyChance: number;
  pointingFixed: number;
  energyCentre: number;
} | null {
  return s
    ? {
        pointingGame: s.pointingGame,
        energyInBox: s.energyInBox,
        pointingChance: s.pointingChance,
        energyChance: s.energyChance,
        pointingFixed: s.pointingFixed,
        energyCentre: s.energyCentre,
      }
    : null;
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
  let pointingChance = 0;
  let energyChance = 0;
  let scored = 0;
  // The scored images' boxes and the map's size (one network: the same for every image).
  const scoredBoxes: (readonly Box[])[] = [];
  let grid = { w: 0, h: 0 };
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
      // A 1 x 1 map (input of 32 px and stride 32) cannot point anywhere: not scored.
      if (boxes && boxes.length && m.width * m.height > 1) {
        s = scoreGrid(m.grid, m.width, m.height, r, boxes);
        if (i < scoreCount) {
          const c = chanceScores(m.width, m.height, r, boxes);
          hits += s.hit ? 1 : 0;
          energy += s.energy;
          pointingChance += c.pointing;
          energyChance += c.energy;
          scoredBoxes.push(boxes);
          grid = { w: m.width, h: m.height };
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
  const fixed = scored ? fixedMapScores(grid.w, grid.h, r, scoredBoxes) : null;
  return {
    scores: fixed
      ? {
          pointingGame: hits / scored,
          energyInBox: energy / scored,
          pointingChance: pointingChance / scored,
          energyChance: energyChance / scored,
          pointingFixed: fixed.bestCell,
          energyCentre: fixed.centreEnergy,
          images: scored,
        }
      : null,
    samples,
  };
}
