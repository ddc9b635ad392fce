/**
 * The Lab's parameter update: Adam (tfjs's formulas: beta1 0.9, beta2 0.999, epsilon 1e-7,
 * bias-corrected moments) plus decoupled weight decay on the variables `decay` selects.
 *
 * tfjs's Adam issues about a dozen kernels per variable per step (a few hundred variables:
 * over a thousand small kernel calls, a large share of a small net's step on wasm). On the
 * backends whose tensors live in CPU memory (wasm, cpu) this one reads each gradient and
 * weight once, updates them in a JavaScript loop with the moments kept as Float32Arrays, and
 * writes the weight back: one read and one write per variable. On GPU backends a read-back
 * per variable would stall the pipeline, so there it is tfjs's Adam plus one multiply per
 * decayed variable (./updater.ts).
 */
import * as tf from "@tensorflow/tfjs";

import { CPU_MEMORY, FusedUpdater, TfjsUpdater, type UpdateRules, type Updater } from "./updater";

export type { Updater } from "./updater";

export interface AdamOptions extends UpdateRules {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/** The fastest correct updater for the current backend. */
export function makeUpdater(vars: readonly tf.Variable[], o: AdamOptions): Updater {
  return CPU_MEMORY.has(tf.getBackend()) ? new FusedAdam(vars, o) : new TfjsAdam(vars, o);
}

/** Adam in one loop per variable over CPU-memory data. */
export class FusedAdam extends FusedUpdater {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;
  private t = 0;
  private c1 = 1;
  private c2 = 1;

  constructor(vars: readonly tf.Variable[], o: AdamOptions) {
    super("Adam", vars, o);
    this.m = vars.map((x) => new Float32Array(x.size));
    this.v = vars.map((x) => new Float32Array(x.size));
    this.b1 = o.beta1 ?? 0.9;
    this.b2 = o.beta2 ?? 0.999;
    this.eps = o.epsilon ?? 1e-7;
  }

  protected beginStep(): void {
    this.t++;
    this.c1 = 1 / (1 - this.b1 ** this.t);
    this.c2 = 1 / (1 - this.b2 ** this.t);
  }

  protected update(
    i: number,
    g: Float32Array,
    w: Float32Array,
    p: Float32Array,
    lr: number,
    keep: number,
  ): void {
    const { b1, b2, eps, c1, c2 } = this;
    const m = this.m[i]!;
    const v = this.v[i]!;
    for (let k = 0; k < p.length; k++) {
      const gk = g[k]!;
      const mk = b1 * m[k]! + (1 - b1) * gk;
      const vk = b2 * v[k]! + (1 - b2) * gk * gk;
      m[k] = mk;
      v[k] = vk;
      // tfjs's Adam, then the decay as a separate multiply (the order the Lab used before).
      p[k] = (w[k]! - (lr * mk * c1) / (Math.sqrt(vk * c2) + eps)) * keep;
    }
  }
}

/** tfjs's Adam and a multiply per decayed variable (GPU backends). */
export class TfjsAdam extends TfjsUpdater<tf.AdamOptimizer> {
  constructor(vars: readonly tf.Variable[], o: AdamOptions) {
    super("Adam", vars, o, {
      make: () => tf.train.adam(0.001, o.beta1, o.beta2, o.epsilon),
      // Adam reads this field each step (tfjs has no learning-rate schedule API).
      setLearningRate: (opt, lr) => {
        (opt as unknown as { learningRate: number }).learningRate = lr;
      },
      dispose: (opt) => opt.dispose(),
    });
  }
}
