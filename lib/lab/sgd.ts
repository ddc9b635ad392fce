/**
 * The Lab's SGD with (Nesterov) momentum, tfjs's formulas (`tf.train.momentum`):
 * accumulation a <- mu a + g; step -lr (g + mu a) with Nesterov, -lr a without; then decoupled
 * weight decay as a separate multiply on the variables `decay` selects, as in ./adam.ts.
 *
 * Like FusedAdam, on CPU-memory backends (wasm, cpu) one JavaScript loop per variable (one read
 * and one write), on GPU backends tfjs's own optimizer plus one multiply per decayed variable.
 */
import * as tf from "@tensorflow/tfjs";

import type { Updater } from "./adam";

export interface SgdOptions {
  readonly weightDecay: number;
  /** Which variables weight decay applies to. */
  readonly decay: (v: tf.Variable) => boolean;
  /** Learning-rate multiplier per variable (default 1). */
  readonly lrScale?: (v: tf.Variable) => number;
  readonly momentum: number;
  readonly nesterov: boolean;
}

/** SGD with momentum in one loop per variable over CPU-memory data. */
export class FusedSgd implements Updater {
  private readonly acc: Float32Array[];
  private readonly decays: boolean[];
  private readonly scales: number[];

  constructor(
    private readonly vars: readonly tf.Variable[],
    private readonly o: SgdOptions,
  ) {
    this.acc = vars.map((x) => new Float32Array(x.size));
    this.decays = vars.map((x) => o.decay(x));
    this.scales = vars.map((x) => o.lrScale?.(x) ?? 1);
  }

  apply(grads: readonly tf.Tensor[], lr: number): void {
    if (grads.length !== this.vars.length)
      throw new Error(`SGD: ${grads.length} gradients for ${this.vars.length} variables`);
    const mu = this.o.momentum;
    const nesterov = this.o.nesterov;
    for (let i = 0; i < this.vars.length; i++) {
      const variable = this.vars[i]!;
      const g = grads[i]!.dataSync() as Float32Array;
      const p = Float32Array.from(variable.dataSync() as Float32Array);
      const a = this.acc[i]!;
      const lri = lr * this.scales[i]!;
      const keep = this.decays[i] ? 1 - lri * this.o.weightDecay : 1;
      for (let k = 0; k < p.length; k++) {
        const gk = g[k]!;
        const ak = mu * a[k]! + gk;
        a[k] = ak;
        p[k] = (p[k]! - lri * (nesterov ? gk + mu * ak : ak)) * keep;
      }
      const next = tf.tensor(p, variable.shape, "float32");
      variable.assign(next); // shares next's data; the handle itself must go
      next.dispose();
    }
  }

  dispose(): void {}
}

/**
 * tfjs's momentum optimizer and a multiply per decayed variable (GPU backends); one optimizer
 * per distinct learning-rate scale, since a tfjs optimizer has one learning rate.
 */
export class TfjsSgd implements Updater {
  private readonly groups: {
    readonly scale: number;
    readonly opt: tf.MomentumOptimizer;
    readonly index: number[];
    readonly decayed: tf.Variable[];
  }[] = [];

  constructor(
    private readonly vars: readonly tf.Variable[],
    private readonly o: SgdOptions,
  ) {
    vars.forEach((x, i) => {
      const scale = o.lrScale?.(x) ?? 1;
      let g = this.groups.find((e) => e.scale === scale);
      if (!g) {
        g = { scale, opt: tf.train.momentum(0.01, o.momentum, o.nesterov), index: [], decayed: [] };
        this.groups.push(g);
      }
      g.index.push(i);
      if (o.decay(x)) g.decayed.push(x);
    });
  }

  apply(grads: readonly tf.Tensor[], lr: number): void {
    if (grads.length !== this.vars.length)
      throw new Error(`SGD: ${grads.length} gradients for ${this.vars.length} variables`);
    for (const g of this.groups) {
      const lri = lr * g.scale;
      // MomentumOptimizer keeps -lr as a scalar tensor `c`; setLearningRate replaces it.
      g.opt.setLearningRate(lri);
      g.opt.applyGradients(g.index.map((i) => ({ name: this.vars[i]!.name, tensor: grads[i]! })));
      if (this.o.weightDecay > 0) {
        const keep = 1 - lri * this.o.weightDecay;
        tf.tidy(() => {
          for (const x of g.decayed) x.assign(tf.mul(x, keep));
        });
      }
    }
  }

  dispose(): void {
    for (const g of this.groups) {
      g.opt.dispose();
      // tfjs's MomentumOptimizer.dispose keeps its learning-rate scalar `c` (kept by
      // setLearningRate); free it too, or each run would leak one tensor per group.
      (g.opt as unknown as { c?: tf.Tensor }).c?.dispose();
    }
  }
}
