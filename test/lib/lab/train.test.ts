import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { proceduralDataset } from "@/lib/lab/dataset";
import { parseExperiment, planRuns, type RawExperiment } from "@/lib/lab/experiment";
import { RECIPE, type Recipe } from "@/lib/lab/recipe";
import { accuracy, trainNetwork, type EpochPoint } from "@/lib/lab/train";
import { selectBackend } from "@/lib/tfjs/backends";
import { buildModel } from "@/lib/tfjs/builder";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

const data = (split: "train" | "val" | "test", count: number, resolution: number) =>
  proceduralDataset({ seed: 1, split, count, resolution });

interface Trained {
  readonly curve: EpochPoint[];
  readonly weights: Float32Array[];
  readonly testAccuracy: number;
}

/** Builds the planned base network with seeded weights, trains it with the Lab's recipe. */
async function trainBase(
  raw: RawExperiment,
  o: { trainImages: number; testImages: number; epochs: number; batch: number; seed: number },
  recipe: Recipe = RECIPE,
): Promise<Trained> {
  const def = parseExperiment({ ...raw, strategies: "base" });
  const run = planRuns(def, 10).runs[0]!;
  const r = run.resolution;
  const { model } = await buildModel(run.spec, { seed: o.seed });
  expect(model.countParams()).toBe(run.totalParams);
  const curve = await trainNetwork(model, data("train", o.trainImages, r), data("val", 64, r), {
    recipe,
    epochs: o.epochs,
    batch: o.batch,
    seed: o.seed,
  });
  const testAccuracy = await accuracy(model, data("test", o.testImages, r));
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.dispose();
  return { curve, weights, testAccuracy };
}

/** The network and run the accuracy test trains (see the README's Lab section). */
const TEST_NET: RawExperiment = { baseWidth: 0.25, baseDepth: 0.25, baseResolution: 32 };
const TEST_RUN = { trainImages: 3200, testImages: 256, epochs: 3, batch: 32, seed: 1 };

/**
 * Real training runs on wasm (with lib/tfjs/wasm-grad's kernels and the fused BatchNorm):
 * the builder's EfficientNet from its NetworkSpec, the Lab's recipe, the procedural dataset.
 * Seeded weights, order, augmentation and dropout masks make each run repeat exactly, so
 * the accuracy asserted is a fact about this code, not a draw. Asserts accuracy, never time.
 */
describe("training on wasm", () => {
  it("repeats exactly for a seed (weights, order, augmentation, dropout) and differs for another", async () => {
    const tiny = { baseWidth: 0.1, baseDepth: 0.1, baseResolution: 32 };
    const o = { trainImages: 32, testImages: 16, epochs: 2, batch: 16, seed: 3 };
    const a = await trainBase(tiny, o);
    const b = await trainBase(tiny, o);
    const c = await trainBase(tiny, { ...o, seed: 4 });
    expect(b.curve).toEqual(a.curve);
    expect(b.weights).toEqual(a.weights);
    expect(c.weights).not.toEqual(a.weights);
  }, 120_000);

  it("trains with the recipe's optimizer entry: SGD steps the same network elsewhere than Adam", async () => {
    const tiny = { baseWidth: 0.1, baseDepth: 0.1, baseResolution: 32 };
    const o = { trainImages: 64, testImages: 16, epochs: 2, batch: 16, seed: 3 };
    const sgd: Recipe = { ...RECIPE, optimizer: "sgd", learningRate: 0.05, headLrShare: 0.1 };
    const adam = await trainBase(tiny, o);
    const before = tf.memory().numTensors;
    const a = await trainBase(tiny, o, sgd);
    const b = await trainBase(tiny, o, sgd);
    expect(tf.memory().numTensors).toBe(before);
    expect(b.weights).toEqual(a.weights);
    expect(a.weights).not.toEqual(adam.weights);
    for (const p of a.curve) expect(Number.isFinite(p.loss)).toBe(true);
  }, 120_000);

  it("reaches at least twice chance accuracy on the test split, leaking nothing", async () => {
    const before = tf.memory().numTensors;
    const { curve, testAccuracy } = await trainBase(TEST_NET, TEST_RUN);
    expect(curve).toHaveLength(TEST_RUN.epochs);
    expect(tf.memory().numTensors).toBe(before);
    expect(testAccuracy).toBeGreaterThanOrEqual(2 / 10);
  }, 900_000);
});
