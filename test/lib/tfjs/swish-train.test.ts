/**
 * The fused swish (lib/tfjs/swish-train.ts) against tfjs-layers' own swish and its autodiff
 * gradient, on wasm and cpu, over several shapes; and fuseSwish on a built network.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import { swish } from "@/lib/tfjs/swish-train";
import { fuseSwish } from "@/lib/tfjs/train-layers";

import { relErr, values } from "./tensor-fixtures";

const SHAPES = [[1], [1, 1, 1, 1], [1, 3, 5, 7], [3, 4, 4, 9], [32, 8, 8, 24], [5, 11]];

/** Value and gradient of sum(f(x) * w). */
function valueAndGrad(f: (x: tf.Tensor) => tf.Tensor, shape: number[], seed: number) {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tidy(() => {
    const x = tf.tensor(values(n, seed, 8), shape);
    const w = tf.tensor(values(n, seed + 1), shape);
    const y = f(x);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t), w)))(x);
    return { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
  });
}

const layersSwish = (x: tf.Tensor): tf.Tensor =>
  tf.layers.activation({ activation: "swish" }).apply(x) as tf.Tensor;

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

describe("fused swish", () => {
  it.each(SHAPES)("matches tfjs-layers' swish and its autodiff gradient: %j", async (...shape) => {
    for (const backend of ["wasm", "cpu"] as const) {
      await tf.setBackend(backend);
      const ref = valueAndGrad(layersSwish, shape, 3);
      const got = valueAndGrad(swish, shape, 3);
      expect(relErr(got.y, ref.y), `${backend} y`).toBeLessThan(1e-6);
      expect(relErr(got.dx, ref.dx), `${backend} dx`).toBeLessThan(1e-5);
    }
    await tf.setBackend("wasm");
  });

  it("runs as one kernel of ours each way on wasm, refusing mismatched inputs", async () => {
    await tf.setBackend("wasm");
    const x = tf.tensor(values(24, 4, 8), [2, 3, 4]);
    const dy = tf.tensor(values(24, 5), [2, 3, 4]);
    const info = await tf.profile(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(swish(t), dy)))(x));
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain("SwishTrain");
    expect(names).toContain("SwishTrainGrad");
    expect(names).not.toContain("Sigmoid");
    tf.dispose(info.result as tf.Tensor);
    const other = tf.zeros([2, 12]);
    expect(() => tf.engine().runKernel("SwishTrainGrad", { dy, s: other, y: x }, {})).toThrow(
      /s \[2, 12\] and dy \[2, 3, 4\] differ/,
    );
    tf.dispose([x, dy, other]);
  });

  it("leaves no tensor behind", async () => {
    await tf.setBackend("wasm");
    valueAndGrad(swish, [2, 3, 3, 4], 5);
    const before = tf.memory().numTensors;
    const data = tf.backend().numDataIds();
    for (let i = 0; i < 3; i++) valueAndGrad(swish, [2, 3, 3, 4], 5);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.backend().numDataIds()).toBe(data);
  });

  it("fuseSwish routes a model's swish activations through it on wasm, once; config unchanged", async () => {
    await tf.setBackend("wasm");
    const input = tf.input({ shape: [6, 6, 3] });
    const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: "swish" });
    const act = tf.layers.activation({ activation: "swish" });
    const relu = tf.layers.conv2d({ filters: 2, kernelSize: 1, activation: "relu" });
    const model = tf.model({
      inputs: input,
      outputs: relu.apply(act.apply(conv.apply(input))) as tf.SymbolicTensor,
    });
    const x = tf.tensor4d(values(2 * 6 * 6 * 3, 9), [2, 6, 6, 3]);
    const before = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync().slice());
    const config = JSON.stringify(model.toJSON(null, false));
    expect(fuseSwish(model)).toBe(2);
    expect(fuseSwish(model)).toBe(0);
    expect(JSON.stringify(model.toJSON(null, false))).toBe(config);
    const info = await tf.profile(() => tf.dispose(model.predict(x) as tf.Tensor));
    // Two swishes, each one SwishTrain kernel on wasm (tfjs-layers' own: a Multiply each).
    const names = info.kernels.map((k) => k.name);
    expect(names.filter((n) => n === "SwishTrain")).toHaveLength(2);
    expect(names.filter((n) => n === "Multiply")).toHaveLength(0);
    const after = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
    expect(relErr(after as Float32Array, before as Float32Array)).toBeLessThan(1e-6);
    x.dispose();
    model.dispose();
  });
});
