/**
 * What every optimizer of the recipe shares (lib/lab/adam.ts, lib/lab/sgd.ts): a learning-rate
 * scale per variable, decoupled weight decay as a multiply after the step, and two ways to run:
 * on the backends whose tensors live in CPU memory (wasm, cpu) one JavaScript loop per variable
 * (one read and one write instead of a dozen small kernels; on wasm the reads are views of its
 * heap, no copies), on GPU backends tfjs's own
 * optimizer, one per distinct learning-rate scale (a tfjs optimizer has one learning rate).
 */
import * as tf from "@tensorflow/tfjs";

export interface Updater {
  /** Applies one step of gradients (same order as the variables) at learning rate `lr`. */
  apply(grads: readonly tf.Tensor[], lr: number): void;
  dispose(): void;
}

export interface UpdateRules {
  readonly weightDecay: number;
  /** Which variables weight decay applies to. */
  readonly decay: (v: tf.Variable) => boolean;
  /**
   * Learning-rate multiplier per variable (default 1 for all): the Lab's recipe slows the
   * classifier (recipe.ts `headLrShare`).
   */
  readonly lrScale?: (v: tf.Variable) => number;
}

/** Backends whose tensors live in CPU memory, where a read-back costs no pipeline stall. */
export const CPU_MEMORY = new Set(["wasm", "cpu"]);

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

function checkCount(what: string, grads: readonly tf.Tensor[], vars: readonly tf.Variable[]) {
  if (grads.length !== vars.length)
    throw new Error(`${what}: ${grads.length} gradients for ${vars.length} variables`);
}

/** One loop per variable over CPU-memory data; `update` is the optimizer's formula. */
export abstract class FusedUpdater implements Updater {
  private readonly decays: boolean[];
  private readonly scales: number[];
  /** The next weights, one buffer per variable reused each step (wasm copies it in). */
  private readonly next: Float32Array[];

  constructor(
    private readonly what: string,
    protected readonly vars: readonly tf.Variable[],
    private readonly rules: UpdateRules,
  ) {
    this.decays = vars.map((x) => rules.decay(x));
    this.scales = vars.map((x) => rules.lrScale?.(x) ?? 1);
    this.next = vars.map((x) => new Float32Array(x.size));
  }

  /** Called once per step before the variables (e.g. Adam's step count). */
  protected abstract beginStep(): void;

  /**
   * Writes variable `i`'s next values into `p` from its values `w` and gradient `g` at rate
   * `lr`, multiplying each new value by `keep` (the decay) in the same expression. `w` and `g`
   * may be views of the wasm heap: nothing may allocate tensors meanwhile.
   */
  protected abstract update(
    i: number,
    g: Float32Array,
    w: Float32Array,
    p: Float32Array,
    lr: number,
    keep: number,
  ): void;

  apply(grads: readonly tf.Tensor[], lr: number): void {
    checkCount(this.what, grads, this.vars);
    this.beginStep();
    for (let i = 0; i < this.vars.length; i++) {
      const variable = this.vars[i]!;
      const g = values(grads[i]!);
      const w = values(variable);
      // tf.tensor keeps the array itself on the cpu backend, so a fresh one there.
      const p = tf.getBackend() === "wasm" ? this.next[i]! : new Float32Array(w.length);
      const lri = lr * this.scales[i]!;
      this.update(i, g, w, p, lri, this.decays[i] ? 1 - lri * this.rules.weightDecay : 1);
      // Allocates: g and w may be detached from here on.
      const next = tf.tensor(p, variable.shape, "float32");
      variable.assign(next); // shares next's data; the handle itself must go
      next.dispose();
    }
  }

  dispose(): void {}
}

/** How a tfjs optimizer is made, given its learning rate, and freed. */
export interface TfjsOptimizerKind<O extends tf.Optimizer> {
  make(): O;
  setLearningRate(opt: O, lr: number): void;
  dispose(opt: O): void;
}

/** tfjs's optimizer, one per distinct learning-rate scale, and a multiply per decayed variable. */
export class TfjsUpdater<O extends tf.Optimizer> implements Updater {
  private readonly groups: {
    readonly scale: number;
    readonly opt: O;
    readonly index: number[];
    readonly decayed: tf.Variable[];
  }[] = [];

  constructor(
    private readonly what: string,
    private readonly vars: readonly tf.Variable[],
    private readonly rules: UpdateRules,
    private readonly kind: TfjsOptimizerKind<O>,
  ) {
    vars.forEach((x, i) => {
      const scale = rules.lrScale?.(x) ?? 1;
      let g = this.groups.find((e) => e.scale === scale);
      if (!g) {
        g = { scale, opt: kind.make(), index: [], decayed: [] };
        this.groups.push(g);
      }
      g.index.push(i);
      if (rules.decay(x)) g.decayed.push(x);
    });
  }

  apply(grads: readonly tf.Tensor[], lr: number): void {
    checkCount(this.what, grads, this.vars);
    for (const g of this.groups) {
      const lri = lr * g.scale;
      this.kind.setLearningRate(g.opt, lri);
      g.opt.applyGradients(g.index.map((i) => ({ name: this.vars[i]!.name, tensor: grads[i]! })));
      if (this.rules.weightDecay > 0) {
        const keep = 1 - lri * this.rules.weightDecay;
        tf.tidy(() => {
          for (const x of g.decayed) x.assign(tf.mul(x, keep));
        });
      }
    }
  }

  dispose(): void {
    for (const g of this.groups) this.kind.dispose(g.opt);
  }
}
