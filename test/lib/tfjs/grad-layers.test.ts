/**
 * GradLayers (the gradient-friendly layer application behind Grad-CAM): on wasm, the output
 * and the input gradient of dense, 1x1-conv (as matMuls with a pre-transposed kernel) and
 * 3x3 / depthwise layers equal those of the layers themselves; nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import { GradLayers } from "@/lib/tfjs/grad-layers";
import { registerWasmGradKernels } from "@/lib/tfjs/wasm-grad";

beforeAll(async () => {
  await selectBackend({ prefer: "wasm" });
  registerWasmGradKernels();
});

const close = (a: tf.Tensor, b: tf.Tensor) => {
  expect(a.shape).toEqual(b.shape);
  const d = tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);
  const s = tf.tidy(() => b.abs().max().dataSync()[0]);
  expect(d).toBeLessThanOrEqual(1e-4 * Math.max(1, s));
};

describe("GradLayers", () => {
  it.each([
    [
      "Dense (relu) on a feature map",
      () => tf.layers.dense({ units: 7, activation: "relu" }),
      [1, 3, 3, 5],
    ],
    ["Dense on a vector", () => tf.layers.dense({ units: 11, useBias: false }), [2, 6]],
    [
      "1x1 Conv2D",
      () => tf.layers.conv2d({ filters: 6, kernelSize: 1, activation: "relu6" }),
      [1, 4, 5, 3],
    ],
    [
      "3x3 strided Conv2D",
      () => tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: "same" }),
      [1, 6, 6, 3],
    ],
    [
      "DepthwiseConv2D",
      () => tf.layers.depthwiseConv2d({ kernelSize: 3, padding: "same" }),
      [1, 5, 5, 4],
    ],
  ] as const)("%s: same output and input gradient as the layer", (_, make, shape) => {
    const layer = make();
    const x = tf.randomNormal([...shape]);
    layer.apply(x); // builds the weights
    const ops = new GradLayers();
    ops.prepare([layer]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const ref = layer.apply(x) as tf.Tensor;
      const mine = ops.apply(layer, x)!;
      close(mine, ref);
      const w = tf.randomNormal(ref.shape);
      const g = (f: (t: tf.Tensor) => tf.Tensor) => tf.grad((t: tf.Tensor) => f(t).mul(w).sum())(x);
      close(
        g((t) => ops.apply(layer, t)!),
        g((t) => layer.apply(t) as tf.Tensor),
      );
    });
    expect(tf.memory().numTensors).toBe(before);
    ops.dispose();
    x.dispose();
    layer.dispose();
  });

  it("leaves other layers to the caller and refuses a pre-softmax part of a non-linear layer", () => {
    const pool = tf.layers.globalAveragePooling2d({});
    const conv = tf.layers.conv2d({ filters: 2, kernelSize: 3 });
    conv.apply(tf.zeros([1, 4, 4, 1]));
    const ops = new GradLayers();
    tf.tidy(() => {
      expect(ops.apply(pool, tf.zeros([1, 2, 2, 1]))).toBeNull();
      expect(() => ops.linearPart(conv, tf.zeros([1, 4, 4, 1]))).toThrow(/pre-softmax/);
    });
    conv.dispose();
  });
});
