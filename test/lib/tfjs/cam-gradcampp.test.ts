/**
 * Grad-CAM++'s channel weights in their short form (cam-methods.ts) equal the textbook form
 * (Chattopadhay et al. 2018, exponential scores; pytorch-grad-cam): alpha = g^2 / (2 g^2 +
 * sum(A) g^3), zero where g = 0, weights = sum of alpha relu(g); with exact zeros in g and
 * activations of both signs.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import { CAM_METHOD_TABLE } from "@/lib/tfjs/cam-methods";

beforeAll(async () => {
  await selectBackend({ prefer: "wasm" });
});

it("Grad-CAM++ map equals the textbook formula", async () => {
  const features = tf.randomNormal([1, 5, 6, 7], 0.3, 1) as tf.Tensor4D;
  // Every third gradient exactly zero.
  const grads = tf.tidy(() =>
    tf
      .randomNormal([1, 5, 6, 7])
      .mul(tf.range(0, 210).mod(3).notEqual(0).cast("float32").reshape([1, 5, 6, 7])),
  ) as tf.Tensor4D;
  const before = tf.memory().numTensors;
  const map = await CAM_METHOD_TABLE["gradcam++"].compute({
    tf,
    input: features,
    features,
    outIndex: 0,
    camWeights: null,
    batchSize: 1,
    gradients: async () => grads.clone(),
    logits: () => {
      throw new Error("not used");
    },
  });
  const expected = tf.tidy(() => {
    const g2 = grads.square();
    const g3 = g2.mul(grads);
    const sumA = features.sum([1, 2], true);
    const denom = g2.mul(2).add(sumA.mul(g3));
    const alpha = tf.where(grads.notEqual(0), g2.div(denom), tf.zerosLike(g2));
    const w = alpha.mul(grads.relu()).sum([1, 2], true);
    return features.mul(w).sum(-1).relu().reshape([5, 6]);
  });
  const got = await map.data();
  const want = await expected.data();
  expect(got.length).toBe(30);
  want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 4));
  expect(Math.max(...want)).toBeGreaterThan(0);
  map.dispose();
  expected.dispose();
  expect(tf.memory().numTensors).toBe(before);
  features.dispose();
  grads.dispose();
});
