/**
 * lib/tfjs/train-layers.ts on a small stem-like model (Conv2D without bias, BatchNorm, swish,
 * a second conv, pooling, dense): after fuseBatchNorm, fuseSwish and lazyConvGradients the
 * training-mode output, the BatchNorm moving statistics and every weight's gradient match
 * the untouched model, on wasm and cpu; and the image's gradient is no longer computed.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import { fuseBatchNorm, fuseSwish, lazyConvGradients } from "@/lib/tfjs/train-layers";

import { relErr, values } from "./tensor-fixtures";

function makeModel(): tf.LayersModel {
  const input = tf.input({ shape: [9, 9, 3] });
  let t = tf.layers
    .conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: "same", useBias: false })
    .apply(input) as tf.SymbolicTensor;
  t = tf.layers.batchNormalization({ momentum: 0.9 }).apply(t) as tf.SymbolicTensor;
  t = tf.layers.activation({ activation: "swish" }).apply(t) as tf.SymbolicTensor;
  t = tf.layers
    .conv2d({ filters: 5, kernelSize: 1, useBias: false, activation: "swish" })
    .apply(t) as tf.SymbolicTensor;
  t = tf.layers.globalAveragePooling2d({}).apply(t) as tf.SymbolicTensor;
  t = tf.layers.dense({ units: 3 }).apply(t) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: t });
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(values(w.size, i + 1), w.shape)));
  return model;
}

interface Run {
  readonly y: Float32Array;
  readonly moving: Float32Array[];
  readonly grads: Float32Array[];
  readonly kernels: string[];
}

async function trainStep(model: tf.LayersModel): Promise<Run> {
  const x = tf.tensor4d(values(4 * 9 * 9 * 3, 7), [4, 9, 9, 3]);
  const y = tf.tidy(() => (model.apply(x, { training: true }) as tf.Tensor).dataSync());
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let grads: Float32Array[] = [];
  const info = await tf.profile(() => {
    const { value, grads: g } = tf.variableGrads(
      () => tf.sum(tf.square(model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar,
      vars,
    );
    grads = vars.map((v) => g[v.name]!.dataSync() as Float32Array);
    tf.dispose([value, ...Object.values(g)]);
  });
  const moving = model.layers
    .filter((l) => l.getClassName() === "BatchNormalization")
    .flatMap((l) => l.getWeights().slice(2))
    .map((t) => t.dataSync() as Float32Array);
  x.dispose();
  return { y: y as Float32Array, moving, grads, kernels: info.kernels.map((k) => k.name) };
}

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

describe("train-layers", () => {
  it.each(["wasm", "cpu"] as const)(
    "the patched model trains as the untouched one on %s",
    async (backend) => {
      await tf.setBackend(backend);
      const plain = makeModel();
      const fused = makeModel();
      expect(fuseBatchNorm(fused)).toBe(1);
      expect(fuseSwish(fused)).toBe(2);
      expect(lazyConvGradients(fused)).toBe(2);
      expect(lazyConvGradients(fused)).toBe(0);
      const tensors = tf.memory().numTensors;
      const ref = await trainStep(plain);
      const got = await trainStep(fused);
      expect(relErr(got.y, ref.y)).toBeLessThan(1e-5);
      expect(got.moving.length).toBe(2);
      got.moving.forEach((m, i) =>
        expect(relErr(m, ref.moving[i]!), `moving ${i}`).toBeLessThan(1e-6),
      );
      got.grads.forEach((g, i) => expect(relErr(g, ref.grads[i]!), `grad ${i}`).toBeLessThan(1e-4));
      expect(tf.memory().numTensors).toBe(tensors);
      // The stem's input is the image: its gradient is no longer computed.
      const backpropInput = (r: Run): number =>
        r.kernels.filter((k) => k === "Conv2DBackpropInput").length;
      expect(backpropInput(got)).toBe(backpropInput(ref) - 1);
      plain.dispose();
      fused.dispose();
      await tf.setBackend("wasm");
    },
  );
});
