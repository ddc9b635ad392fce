import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest, type RawRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";
import { buildModel } from "@/lib/tfjs/builder";
import { fuseModel } from "@/lib/tfjs/fold-bn";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});
afterAll(() => {
  tf.disposeVariables();
});

/**
 * Random BatchNorm statistics and affine terms (fresh layers have mean 0, var 1, gamma 1,
 * beta 0, which would make folding trivially right), and a sharper classifier so the softmax
 * output is far from uniform and differences show.
 */
function perturb(model: tf.LayersModel): void {
  let seed = 11;
  for (const layer of model.layers) {
    const w = layer.getWeights();
    if (w.length === 0) continue;
    const cls = layer.getClassName();
    const next = tf.tidy(() =>
      w.map((t, i) => {
        seed++;
        if (cls === "BatchNormalization") {
          // gamma, beta, moving mean, moving variance
          if (i === 0 || i === 3) return tf.randomUniform(t.shape, 0.5, 1.5, "float32", seed);
          return tf.randomNormal(t.shape, 0, 0.2, "float32", seed);
        }
        // The classifier: Dense, or the 1x1 conv of Keras MobileNet v1.
        if ((cls === "Dense" || layer.name === "conv_preds") && i === 0) return tf.mul(t, 30);
        return tf.clone(t);
      }),
    );
    layer.setWeights(next);
    // getWeights() returns the variables themselves: only the new values are ours to free.
    tf.dispose(next);
  }
}

const CASES: RawRequest[] = [
  { width: 0.5, depth: 0.5, resolution: 64, classes: 10 },
  { model: "mobilenetv1", width: 0.25, resolution: 67, classes: 10 },
  { model: "mobilenetv2", width: 0.5, depth: 0.8, resolution: 64, classes: 10 },
  { model: "resnet50", width: 0.25, depth: 0.4, resolution: 64, classes: 10 },
  // Hard-swish / hard-sigmoid: the Keras model composes them from Rescaling, ReLU and
  // Multiply layers; the fused path computes x * relu6(x + 3) / 6 directly.
  { model: "mobilenetv3small", width: 0.5, resolution: 64, classes: 10 },
  { model: "mobilenetv3large", width: 0.35, depth: 0.5, resolution: 64, classes: 10 },
  { model: "efficientnetv2s", width: 0.25, depth: 0.2, resolution: 64, classes: 10 },
];

describe("BN-folded fused inference path", () => {
  for (const raw of CASES) {
    it(`gives the Keras model's outputs: ${JSON.stringify(raw)}`, async () => {
      const calc = calculate(parseRequest(raw));
      const { model } = await buildModel(calc.spec);
      perturb(model);
      const before = tf.memory().numTensors;
      const fused = fuseModel(calc.spec, model);
      expect(fused.stepCount).toBeLessThan(calc.spec.layers.length);
      const x = tf.randomUniform(
        [2, calc.spec.resolution, calc.spec.resolution, 3],
        0,
        1,
        "float32",
        3,
      ) as tf.Tensor4D;
      const a = model.predict(x) as tf.Tensor;
      const b = fused.predict(x);
      expect(b.shape).toEqual(a.shape);
      const ref = await a.data();
      const got = await b.data();
      // Not a uniform softmax: the comparison means something.
      expect(Math.max(...ref)).toBeGreaterThan(1.5 / calc.spec.classes);
      let maxDiff = 0;
      for (let i = 0; i < ref.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ref[i]! - got[i]!));
      expect(maxDiff).toBeLessThan(2e-3);
      tf.dispose([a, b, x]);
      fused.dispose();
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
      expect(() => fused.predict(x)).toThrow(/disposed/);
    });
  }
});
