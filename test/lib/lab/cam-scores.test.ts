import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { chanceScores, fixedMapScores } from "@/lib/lab/cam-map";
import { camEvaluate } from "@/lib/lab/cam-scores";
import { proceduralDataset } from "@/lib/lab/dataset";
import { parseRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";
import { buildModel } from "@/lib/tfjs/builder";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

describe("camEvaluate (the Lab's figure-7 scores)", () => {
  it("scores maps against the true boxes, with the chance level of the same images", async () => {
    // 64 px and stride 32: 2 x 2 maps, so the maps can point somewhere and are scored.
    const spec = calculate(
      parseRequest({ model: "efficientnet", width: 0.1, depth: 0.1, resolution: 64, classes: 10 }),
    ).spec;
    const { model } = await buildModel(spec, { seed: 3 });
    const test = proceduralDataset({ seed: 5, split: "test", count: 6, resolution: 64 });
    const before = tf.memory().numTensors;
    const { scores, samples } = await camEvaluate(model, test, 5, 2);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    if (!scores) throw new Error("expected scores");
    expect(scores.images).toBe(5);
    expect(samples.map((s) => [s.index, s.gridWidth, s.gridHeight])).toEqual([
      [0, 2, 2],
      [1, 2, 2],
    ]);
    for (const v of [scores.pointingGame, scores.energyInBox]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // The chance level is the mean over the scored images of each image's own level.
    const own = [0, 1, 2, 3, 4].map((i) => chanceScores(2, 2, 64, test.boxes![i]!));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(scores.energyChance).toBeCloseTo(mean(own.map((c) => c.energy)), 9);
    expect(scores.pointingChance).toBeCloseTo(mean(own.map((c) => c.pointing)), 9);
    expect(scores.energyChance).toBeGreaterThan(0.02);
    expect(scores.energyChance).toBeLessThan(0.6);
    // The fixed-map levels: the best fixed cell over the same images, the centre map's energy.
    const fixed = fixedMapScores(
      2,
      2,
      64,
      [0, 1, 2, 3, 4].map((i) => test.boxes![i]!),
    );
    expect(scores.pointingFixed).toBe(fixed.bestCell);
    expect(scores.energyCentre).toBeCloseTo(fixed.centreEnergy, 12);
    // No cell does worse than the mean cell.
    expect(scores.pointingFixed).toBeGreaterThanOrEqual(scores.pointingChance - 1e-12);
  });
});
