/**
 * The Lab's SGD with (Nesterov) momentum, tfjs's formulas (`tf.train.momentum`):
 * accumulation a <- mu a + g; step -lr (g + mu a) with Nesterov, -lr a without; then decoupled
 * weight decay as a separate multiply on the variables `decay` selects, as in ./adam.ts: a
 * JavaScript loop per variable on wasm / cpu, tfjs's optimizer on GPU backends (./updater.ts).
 */
import * as tf from "@tensorflow/tfjs";

import { FusedUpdater, TfjsUpdater, type UpdateRules } from "./updater";

export interface SgdOptions extends UpdateRules {
  readonly momentum: number;
  readonly nesterov: boolean;
}

/** SGD with momentum in one loop per variable over CPU-memory data. */
export class FusedSgd extends FusedUpdater {
  private readonly acc: Float32Array[];

  constructor(
    vars: readonly tf.Variable[],
    private readonly o: SgdOptions,
  ) {
    super("SGD", vars, o);
    this.acc = vars.map((x) => new Float32Array(x.size));
  }

  protected beginStep(): void {}

  protected update(
    i: number,
    g: Float32Array,
    w: Float32Array,
    p: Float32Array,
    lr: number,
    keep: number,
  ): void {
    const { momentum: mu, nesterov } = this.o;
    const a = this.acc[i]!;
    for (let k = 0; k < p.length; k++) {
      const gk = g[k]!;
      const ak = mu * a[k]! + gk;
      a[k] = ak;
      p[k] = (w[k]! - lr * (nesterov ? gk + mu * ak : ak)) * keep;
    }
  }
}

/** tfjs's momentum optimizer and a multiply per decayed variable (GPU backends). */
export class TfjsSgd extends TfjsUpdater<tf.MomentumOptimizer> {
  constructor(vars: readonly tf.Variable[], o: SgdOptions) {
    super("SGD", vars, o, {
      make: () => tf.train.momentum(0.01, o.momentum, o.nesterov),
      // Replaces the optimizer's scalar `c` (-lr).
      setLearningRate: (opt, lr) => opt.setLearningRate(lr),
      dispose: (opt) => {
        opt.dispose();
        // MomentumOptimizer.dispose keeps the learning-rate scalar `c` that setLearningRate
        // made; free it too, or each run would leak one tensor per group.
        (opt as unknown as { c?: tf.Tensor }).c?.dispose();
      },
    });
  }
}
