import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";

import { FusedAdam, makeUpdater, TfjsAdam, type AdamOptions, type Updater } from "@/lib/lab/adam";
import { mulberry32 } from "@/lib/lab/rng";

import { noise, onWasmAndCpu } from "./updater-fixture";

onWasmAndCpu();

describe.each(["wasm", "cpu"] as const)("FusedAdam on %s", (backend) => {
  it("follows tfjs's Adam plus decoupled weight decay over several steps, leaking nothing", async () => {
    await tf.setBackend(backend);
    const rand = mulberry32(3);
    const shapes = [[3, 3, 2, 4], [4], [5, 7]];
    const init = shapes.map((s) =>
      noise(
        s.reduce((a, b) => a * b, 1),
        rand,
      ),
    );
    const make = (tag: string): tf.Variable[] =>
      shapes.map((s, i) =>
        tf.variable(tf.tensor(init[i]!, s), true, `${tag}/v${i}_${i === 1 ? "bias" : "kernel"}`),
      );
    const ours = make(`fused_${backend}`);
    const ref = make(`ref_${backend}`);
    const decay = (v: tf.Variable): boolean => /kernel/.test(v.name);
    const wd = 0.01;
    const before = tf.memory().numTensors;
    const fused = makeUpdater(ours, { weightDecay: wd, decay });
    expect(fused).toBeInstanceOf(FusedAdam);
    const adam = tf.train.adam(0.1);
    for (let step = 0; step < 4; step++) {
      const lr = 0.05 * (step + 1);
      const grads = shapes.map((s, i) => tf.tensor(noise(init[i]!.length, rand, 2), s));
      fused.apply(grads, lr);
      (adam as unknown as { learningRate: number }).learningRate = lr;
      adam.applyGradients(ref.map((v, i) => ({ name: v.name, tensor: grads[i]! })));
      tf.tidy(() => {
        for (const v of ref) if (decay(v)) v.assign(tf.mul(v, 1 - lr * wd));
      });
      tf.dispose(grads);
    }
    for (let i = 0; i < shapes.length; i++) {
      const a = ours[i]!.dataSync();
      const b = ref[i]!.dataSync();
      // float64 arithmetic here, float32 in tfjs: equal to float32 rounding over 4 steps.
      for (let k = 0; k < a.length; k++)
        expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(2e-5 * (1 + Math.abs(b[k]!)));
    }
    fused.dispose();
    adam.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...ours, ...ref]);
  });

  it("refuses a gradient list that does not match the variables", async () => {
    await tf.setBackend(backend);
    const v = tf.variable(tf.zeros([2]));
    const u = makeUpdater([v], { weightDecay: 0, decay: () => false });
    expect(() => u.apply([], 0.1)).toThrow(/0 gradients for 1 variables/);
    u.dispose();
    v.dispose();
  });
});

/**
 * A variable whose learning-rate scale is s follows tfjs's Adam at lr * s (the Lab slows the
 * classifier this way), in both updaters: the fused one (wasm, cpu) and the one GPU backends
 * use (tested here on cpu).
 */
describe.each([
  ["FusedAdam", (v: tf.Variable[], o: AdamOptions): Updater => new FusedAdam(v, o)],
  ["TfjsAdam", (v: tf.Variable[], o: AdamOptions): Updater => new TfjsAdam(v, o)],
] as const)("%s with a learning-rate scale per variable", (name, make) => {
  it("steps each variable at its own rate, decay included, leaking nothing", async () => {
    await tf.setBackend("cpu");
    const rand = mulberry32(11);
    const init = [noise(6, rand), noise(4, rand)];
    const scales = [1, 0.05];
    const vars = (tag: string): tf.Variable[] =>
      init.map((x, i) => tf.variable(tf.tensor(x), true, `${tag}_${name}/w${i}_kernel`));
    const ours = vars("scaled");
    const refs = vars("ref");
    const before = tf.memory().numTensors;
    const wd = 0.01;
    const u = make(ours, {
      weightDecay: wd,
      decay: () => true,
      lrScale: (v) => scales[ours.indexOf(v)]!,
    });
    const adams = scales.map(() => tf.train.adam(0.1));
    for (let step = 0; step < 3; step++) {
      const lr = 0.05 * (step + 1);
      const grads = init.map((x) => tf.tensor(noise(x.length, rand, 2)));
      u.apply(grads, lr);
      refs.forEach((v, i) => {
        const lri = lr * scales[i]!;
        (adams[i] as unknown as { learningRate: number }).learningRate = lri;
        adams[i]!.applyGradients([{ name: v.name, tensor: grads[i]! }]);
        tf.tidy(() => {
          v.assign(tf.mul(v, 1 - lri * wd));
        });
      });
      tf.dispose(grads);
    }
    for (let i = 0; i < init.length; i++) {
      const a = ours[i]!.dataSync();
      const b = refs[i]!.dataSync();
      for (let k = 0; k < a.length; k++)
        expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(2e-5 * (1 + Math.abs(b[k]!)));
    }
    // The slowed variable really moved less than the other.
    const moved = (i: number): number =>
      Math.max(...Array.from(ours[i]!.dataSync(), (x, k) => Math.abs(x - init[i]![k]!)));
    expect(moved(1)).toBeLessThan(moved(0) * 0.2);
    u.dispose();
    adams.forEach((a) => a.dispose());
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...ours, ...refs]);
    await tf.setBackend("wasm");
  });
});
