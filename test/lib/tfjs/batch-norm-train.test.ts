/**
 * Training-mode BatchNorm (lib/tfjs/batch-norm-train.ts): the wasm kernels of
 * lib/tfjs/wasm-grad/batch-norm.ts against the tf-op path on the cpu backend (output, batch
 * statistics and the three gradients) over several shapes, batch 1 and odd sizes included;
 * and tfjs-layers' own BatchNormalization in training mode as a third opinion.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { batchNormTrain } from "@/lib/tfjs/batch-norm-train";
import { selectBackend } from "@/lib/tfjs/backends";
import { BN_TRAIN, BN_TRAIN_GRAD } from "@/lib/tfjs/wasm-grad/batch-norm";

import { relErr, values } from "./tensor-fixtures";

const OUTPUTS = ["y", "mean", "variance", "dx", "dgamma", "dbeta"] as const;
type Outputs = Record<(typeof OUTPUTS)[number], Float32Array>;

interface Case {
  readonly shape: number[];
  readonly offset: number;
  readonly seed: number;
}

const CASES: Case[] = [
  { shape: [1, 1, 1, 1], offset: 0, seed: 1 },
  { shape: [1, 3, 5, 7], offset: 0, seed: 2 },
  { shape: [2, 4, 4, 3], offset: 0, seed: 3 },
  { shape: [3, 5, 2, 16], offset: 4, seed: 4 },
  { shape: [32, 8, 8, 24], offset: -0.5, seed: 5 },
  { shape: [1, 1, 1, 40], offset: 0, seed: 6 }, // one value per channel: variance 0
  { shape: [5, 9], offset: 1, seed: 7 },
  { shape: [3, 2, 11], offset: 0, seed: 8 },
];

/** Forward and gradients of sum(y * w) with respect to x, gamma and beta on `backend`. */
async function run(backend: "cpu" | "wasm", c: Case): Promise<Outputs> {
  await tf.setBackend(backend);
  return compute(c);
}

/** `run` on the current backend. */
function compute(c: Case): Outputs {
  const ch = c.shape[c.shape.length - 1]!;
  const n = c.shape.reduce((a, b) => a * b, 1);
  return tf.tidy(() => {
    const x = tf.tensor(values(n, c.seed, 1, c.offset), c.shape);
    const w = tf.tensor(values(n, c.seed + 100), c.shape);
    const gamma = tf.tensor1d(values(ch, c.seed + 200, 1, 1));
    const beta = tf.tensor1d(values(ch, c.seed + 300));
    let stats: tf.Tensor[] = [];
    const f = (xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Scalar => {
      const r = batchNormTrain(xi, g as tf.Tensor1D, b as tf.Tensor1D, 1e-3);
      stats = [r.y, r.mean, r.variance].map((t) => tf.keep(t.clone()));
      tf.dispose([r.mean, r.variance]);
      return tf.sum(tf.mul(r.y, w));
    };
    const [dx, dgamma, dbeta] = tf.grads((a, b, d) => f(a!, b!, d!))([x, gamma, beta]);
    const all = [...stats, dx!, dgamma!, dbeta!];
    const out = Object.fromEntries(
      OUTPUTS.map((k, i) => [k, all[i]!.dataSync() as Float32Array]),
    ) as Outputs;
    tf.dispose(stats);
    return out;
  });
}

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" }); // registers lib/tfjs/wasm-grad's kernels
});

describe("training-mode BatchNorm", () => {
  it("runs as our two kernels on wasm and as tf ops on cpu", async () => {
    const c = CASES[2]!;
    const kernels = async (backend: "cpu" | "wasm"): Promise<string[]> => {
      await tf.setBackend(backend);
      const info = await tf.profile(() => {
        compute(c);
      });
      return info.kernels.map((k) => k.name);
    };
    const wasm = await kernels("wasm");
    expect(wasm).toContain(BN_TRAIN);
    expect(wasm).toContain(BN_TRAIN_GRAD);
    const sums = (names: string[]): number => names.filter((k) => k === "Sum").length;
    expect(sums(wasm)).toBe(1); // the test's loss
    const cpu = await kernels("cpu");
    expect(cpu).not.toContain(BN_TRAIN);
    expect(sums(cpu)).toBeGreaterThan(2);
    await tf.setBackend("wasm");
  });

  it.each(CASES)("wasm kernels match the cpu tf-op path: x %j", async (c) => {
    const ref = await run("cpu", c);
    const got = await run("wasm", c);
    for (const k of OUTPUTS) {
      expect(got[k].length, k).toBe(ref[k].length);
      expect(relErr(got[k], ref[k]), `${k} of [${c.shape.join(", ")}]`).toBeLessThan(1e-4);
    }
    await tf.setBackend("wasm");
  });

  it("matches tfjs-layers' BatchNormalization in training mode (forward)", async () => {
    await tf.setBackend("wasm");
    const shape = [4, 3, 3, 6];
    const layer = tf.layers.batchNormalization({ epsilon: 1e-3 });
    const x = tf.tensor(values(216, 9, 1, 2), shape);
    const ref = tf.tidy(() => (layer.apply(x, { training: true }) as tf.Tensor).dataSync());
    const [g, b] = layer.getWeights() as [tf.Tensor1D, tf.Tensor1D];
    const r = batchNormTrain(x, g, b, 1e-3);
    expect(relErr(r.y.dataSync() as Float32Array, ref as Float32Array)).toBeLessThan(1e-4);
    tf.dispose([x, r.y, r.mean, r.variance]);
    for (const w of layer.weights) w.dispose();
  });

  it("leaves no tensor or wasm buffer behind", async () => {
    await tf.setBackend("wasm");
    const c = CASES[3]!;
    await run("wasm", c);
    const tensors = tf.memory().numTensors;
    const data = tf.backend().numDataIds();
    for (let i = 0; i < 3; i++) await run("wasm", c);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(data);
  });

  it("the kernels name what they refuse", async () => {
    await tf.setBackend("wasm");
    const x = tf.zeros([2, 3]);
    const g3 = tf.ones([3]);
    const g2 = tf.ones([2]);
    const run = (inputs: tf.NamedTensorMap, name = BN_TRAIN): unknown =>
      tf.engine().runKernel(name, inputs, { epsilon: 1e-3 });
    expect(() => run({ x, gamma: g2, beta: g3 })).toThrow(/gamma has 2 values, x has 3 channels/);
    expect(() => run({ x, gamma: g3 })).toThrow(/missing input beta/);
    const xi = tf.zeros([2, 3], "int32");
    expect(() => run({ x: xi, gamma: g3, beta: g3 })).toThrow(/x must be float32/);
    const dy = tf.zeros([3, 2]);
    expect(() => run({ dy, xc: x, gamma: g3, rstd: g3 }, BN_TRAIN_GRAD)).toThrow(
      /dy \[3, 2\] and xc \[2, 3\] differ/,
    );
    tf.dispose([x, g3, g2, xi, dy]);
  });
});
