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
 * decayed variable.
 */
import * as tf from "@tensorflow/tfjs";

export interface Updater {
  /** Applies one step of gradients (same order as the variables) at learning rate `lr`. */
  apply(grads: readonly tf.Tensor[], lr: number): void;
  dispose(): void;
}

export interface AdamOptions {
  readonly weightDecay: number;
  /** Which variables weight decay applies to. */
  readonly decay: (v: tf.Variable) => boolean;
  /**
   * Learning-rate multiplier per variable (default 1 for all): the Lab's recipe slows the
   * classifier (recipe.ts `headLrShare`).
   */
  readonly lrScale?: (v: tf.Variable) => number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

const CPU_MEMORY = new Set(["wasm", "cpu"]);

/** The part of the wasm backend that hands out views of its heap. */
interface HeapBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/**
 * A float32 tensor's values without a copy where the backend allows it: on wasm a view of
 * the heap (valid until the next allocation, which may grow and detach it); elsewhere
 * dataSync. dataSync on wasm copies, and three copies of every weight a step were ~7 MB of
 * garbage: a ~10 ms scavenge every other step.
 */
function values(t: tf.Tensor): Float32Array {
  const b = tf.backend() as Partial<HeapBackend>;
  if (tf.getBackend() === "wasm" && b.typedArrayFromHeap) return b.typedArrayFromHeap(t);
  return t.dataSync() as Float32Array;
}

/** The fastest correct updater for the current backend. */
export function makeUpdater(vars: readonly tf.Variable[], o: AdamOptions): Updater {
  return CPU_MEMORY.has(tf.getBackend()) ? new FusedAdam(vars, o) : new TfjsAdam(vars, o);
}

/** Adam in one loop per variable over CPU-memory data. */
export class FusedAdam implements Updater {
  private readonly m: Float32Array[];
  /** The next weights, one buffer per variable reused each step (wasm copies it in). */
  private readonly next: Float32Array[];
  private readonly v: Float32Array[];
  private readonly decays: boolean[];
  private readonly scales: number[];
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;
  private t = 0;

  constructor(
    private readonly vars: readonly tf.Variable[],
    private readonly o: AdamOptions,
  ) {
    this.m = vars.map((x) => new Float32Array(x.size));
    this.v = vars.map((x) => new Float32Array(x.size));
    this.next = vars.map((x) => new Float32Array(x.size));
    this.decays = vars.map((x) => o.decay(x));
    this.scales = vars.map((x) => o.lrScale?.(x) ?? 1);
    this.b1 = o.beta1 ?? 0.9;
    this.b2 = o.beta2 ?? 0.999;
    this.eps = o.epsilon ?? 1e-7;
  }

  apply(grads: readonly tf.Tensor[], lr: number): void {
    if (grads.length !== this.vars.length)
      throw new Error(`Adam: ${grads.length} gradients for ${this.vars.length} variables`);
    this.t++;
    const { b1, b2, eps } = this;
    const c1 = 1 / (1 - b1 ** this.t);
    const c2 = 1 / (1 - b2 ** this.t);
    for (let i = 0; i < this.vars.length; i++) {
      const variable = this.vars[i]!;
      const g = values(grads[i]!);
      const w = values(variable);
      // tf.tensor keeps the array itself on the cpu backend, so a fresh one there.
      const p = tf.getBackend() === "wasm" ? this.next[i]! : new Float32Array(w.length);
      const m = this.m[i]!;
      const v = this.v[i]!;
      const lri = lr * this.scales[i]!;
      const keep = this.decays[i] ? 1 - lri * this.o.weightDecay : 1;
      for (let k = 0; k < p.length; k++) {
        const gk = g[k]!;
        const mk = b1 * m[k]! + (1 - b1) * gk;
        const vk = b2 * v[k]! + (1 - b2) * gk * gk;
        m[k] = mk;
        v[k] = vk;
        // tfjs's Adam, then the decay as a separate multiply (the order the Lab used before).
        p[k] = (w[k]! - (lri * mk * c1) / (Math.sqrt(vk * c2) + eps)) * keep;
      }
      // Allocates: g and w may be detached from here on.
      const next = tf.tensor(p, variable.shape, "float32");
      variable.assign(next); // shares next's data; the handle itself must go
      next.dispose();
    }
  }

  dispose(): void {}
}

/**
 * tfjs's Adam and a multiply per decayed variable (GPU backends); one optimizer per distinct
 * learning-rate scale, since a tfjs optimizer has one learning rate.
 */
export class TfjsAdam implements Updater {
  private readonly groups: {
    readonly scale: number;
    readonly opt: tf.AdamOptimizer;
    readonly index: number[];
    readonly decayed: tf.Variable[];
  }[] = [];

  constructor(
    private readonly vars: readonly tf.Variable[],
    private readonly o: AdamOptions,
  ) {
    vars.forEach((x, i) => {
      const scale = o.lrScale?.(x) ?? 1;
      let g = this.groups.find((e) => e.scale === scale);
      if (!g) {
        g = {
          scale,
          opt: tf.train.adam(0.001, o.beta1, o.beta2, o.epsilon),
          index: [],
          decayed: [],
        };
        this.groups.push(g);
      }
      g.index.push(i);
      if (o.decay(x)) g.decayed.push(x);
    });
  }

  apply(grads: readonly tf.Tensor[], lr: number): void {
    if (grads.length !== this.vars.length)
      throw new Error(`Adam: ${grads.length} gradients for ${this.vars.length} variables`);
    for (const g of this.groups) {
      const lri = lr * g.scale;
      // Adam reads this field each step (tfjs has no learning-rate schedule API).
      (g.opt as unknown as { learningRate: number }).learningRate = lri;
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
    for (const g of this.groups) g.opt.dispose();
  }
}
