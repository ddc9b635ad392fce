import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";

import { OPTIMIZERS } from "@/lib/lab/optimizers";
import { mulberry32 } from "@/lib/lab/rng";
import { FusedSgd, TfjsSgd, type SgdOptions } from "@/lib/lab/sgd";

import { noise, onWasmAndCpu } from "./updater-fixture";

onWasmAndCpu();

/**
 * Both updaters against tfjs's own momentum optimizer (plus the decoupled decay multiply),
 * with a learning-rate scale per variable, on wasm and cpu: FusedSgd is what wasm and cpu run,
 * TfjsSgd what GPU backends run.
 */
describe.each([
  ["FusedSgd", (v: tf.Variable[], o: SgdOptions) => new FusedSgd(v, o)],
  ["TfjsSgd", (v: tf.Variable[], o: SgdOptions) => new TfjsSgd(v, o)],
] as const)("%s", (name, make) => {
  describe.each(["wasm", "cpu"] as const)("on %s", (backend) => {
    it.each([true, false])(
      "follows tf.train.momentum (nesterov %s) plus decay, leaking nothing",
      async (nesterov) => {
        await tf.setBackend(backend);
        const rand = mulberry32(5);
        const shapes = [[3, 3, 2, 4], [4], [5, 7]];
        const scales = [1, 1, 0.2];
        const init = shapes.map((s) =>
          noise(
            s.reduce((a, b) => a * b, 1),
            rand,
          ),
        );
        const tag = `${name}_${backend}_${nesterov}`;
        const make2 = (t: string): tf.Variable[] =>
          shapes.map((s, i) =>
            tf.variable(tf.tensor(init[i]!, s), true, `${t}/v${i}_${i === 1 ? "bias" : "kernel"}`),
          );
        const ours = make2(`ours_${tag}`);
        const ref = make2(`ref_${tag}`);
        const decay = (v: tf.Variable): boolean => /kernel/.test(v.name);
        const wd = 0.01;
        const opts = scales.map(() => tf.train.momentum(0.1, 0.9, nesterov));
        const before = tf.memory().numTensors;
        const u = make(ours, {
          weightDecay: wd,
          decay,
          lrScale: (v) => scales[ours.indexOf(v)]!,
          momentum: 0.9,
          nesterov,
        });
        for (let step = 0; step < 4; step++) {
          const lr = 0.05 * (step + 1);
          const grads = shapes.map((s, i) => tf.tensor(noise(init[i]!.length, rand, 2), s));
          u.apply(grads, lr);
          ref.forEach((v, i) => {
            const lri = lr * scales[i]!;
            opts[i]!.setLearningRate(lri);
            opts[i]!.applyGradients([{ name: v.name, tensor: grads[i]! }]);
            if (decay(v)) tf.tidy(() => v.assign(tf.mul(v, 1 - lri * wd)));
          });
          tf.dispose(grads);
        }
        for (let i = 0; i < shapes.length; i++) {
          const a = ours[i]!.dataSync();
          const b = ref[i]!.dataSync();
          let moved = 0;
          for (let k = 0; k < a.length; k++) {
            expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(2e-5 * (1 + Math.abs(b[k]!)));
            moved = Math.max(moved, Math.abs(a[k]! - init[i]![k]!));
          }
          expect(moved).toBeGreaterThan(0.01); // the comparison is not between two untouched copies
        }
        u.dispose();
        // The reference optimizers' accumulations (created by their first step) still live.
        expect(tf.memory().numTensors).toBe(before + shapes.length);
        opts.forEach((o) => {
          o.dispose();
          (o as unknown as { c: tf.Tensor }).c.dispose();
        });
        tf.dispose([...ours, ...ref]);
      },
    );

    it("refuses a gradient list that does not match the variables", async () => {
      await tf.setBackend(backend);
      const v = tf.variable(tf.zeros([2]));
      const u = make([v], { weightDecay: 0, decay: () => false, momentum: 0.9, nesterov: true });
      expect(() => u.apply([], 0.1)).toThrow(/SGD: 0 gradients for 1 variables/);
      u.dispose();
      v.dispose();
    });
  });
});

describe("OPTIMIZERS", () => {
  it("gives the fused loop on wasm and cpu for every kind", async () => {
    for (const backend of ["wasm", "cpu"]) {
      await tf.setBackend(backend);
      const v = tf.variable(tf.zeros([2]));
      const u = OPTIMIZERS.sgd.make([v], { weightDecay: 0, decay: () => false, momentum: 0.9 });
      expect(u).toBeInstanceOf(FusedSgd);
      u.dispose();
      v.dispose();
    }
  });
});
