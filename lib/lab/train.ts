/**
 * One training run: a custom loop over a built tfjs model (BatchNorm in training mode,
 * dropout and drop-connect active through `training: true`), the recipe's optimizer, schedule,
 * augmentation and label smoothing, with per-batch progress, pause and cancel between batches.
 * Every step runs inside tidy/minimize, so the only tensors that outlive it are the weights.
 */
import * as tf from "@tensorflow/tfjs";

import { fuseBatchNorm, fuseSwish, lazyConvGradients, reseedDropout } from "../tfjs/train-layers";
import type { Updater } from "./updater";
import { OPTIMIZERS } from "./optimizers";
import { fillBatch, type ImageSet } from "./images";
import { learningRateAt, type Recipe } from "./recipe";
import { mulberry32, permutation } from "./rng";

export class LabCancelledError extends Error {
  constructor() {
    super("training cancelled");
    this.name = "LabCancelledError";
  }
}

/** Pause gate: `wait()` resolves at once unless paused. */
export class PauseGate {
  private paused = false;
  private waiters: (() => void)[] = [];
  get isPaused(): boolean {
    return this.paused;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  wait(signal?: AbortSignal): Promise<void> {
    if (!this.paused) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      signal?.addEventListener("abort", () => resolve(), { once: true });
    });
  }
}

export interface BatchProgress {
  readonly epoch: number;
  readonly batch: number;
  readonly batchesPerEpoch: number;
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
  readonly learningRate: number;
  readonly elapsedMs: number;
}

export interface EpochPoint {
  /** 1-based. */
  readonly epoch: number;
  /** Mean training loss over the epoch. */
  readonly loss: number;
  readonly valAccuracy: number;
}

export interface TrainOptions {
  readonly recipe: Recipe;
  readonly epochs: number;
  readonly batch: number;
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly gate?: PauseGate;
  readonly onBatch?: (p: BatchProgress) => void;
  readonly onEpoch?: (p: EpochPoint) => void;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** Keras's default BatchNorm momentum suits long runs; short runs need faster statistics. */
function setBnMomentum(model: tf.LayersModel, momentum: number): void {
  for (const l of model.layers) {
    if (l.getClassName() === "BatchNormalization")
      (l as unknown as { momentum: number }).momentum = momentum;
  }
}

/**
 * The classifier: the model's last layer with weights (a Dense layer, or the 1x1 conv of
 * MobileNet v1's "conv1x1" head), or null when it is neither.
 */
export function classifierLayer(model: tf.LayersModel): tf.layers.Layer | null {
  for (let i = model.layers.length - 1; i >= 0; i--) {
    const l = model.layers[i]!;
    if (l.trainableWeights.length === 0) continue;
    return ["Dense", "Conv2D"].includes(l.getClassName()) ? l : null;
  }
  return null;
}

/** Zeroes the classifier: uniform output at step 0. */
function zeroHead(model: tf.LayersModel): void {
  const head = classifierLayer(model);
  if (!head) return;
  const zeros = head.getWeights().map((w) => tf.zerosLike(w));
  head.setWeights(zeros);
  tf.dispose(zeros);
}

/**
 * Precise BN: sets every BatchNorm's moving statistics to the average of `batches` training
 * batches' statistics under the current weights (momentum k/(k+1) at batch k makes tfjs's
 * moving-average update a running mean). Restores the training momentum afterwards.
 */
export async function recalibrateBatchNorm(
  model: tf.LayersModel,
  train: ImageSet,
  batches: number,
  batchSize: number,
  momentum: number,
): Promise<void> {
  const bns = model.layers.filter((l) => l.getClassName() === "BatchNormalization") as unknown as {
    momentum: number;
  }[];
  if (!bns.length || batches < 1) return;
  const r = train.resolution;
  const m = Math.min(batchSize, train.count);
  const n = Math.min(batches, Math.floor(train.count / m));
  for (let k = 0; k < n; k++) {
    for (const b of bns) b.momentum = k / (k + 1);
    const x = tf.tensor4d(train.images.subarray(k * m * r * r * 3, (k + 1) * m * r * r * 3), [
      m,
      r,
      r,
      3,
    ]);
    tf.tidy(() => {
      model.apply(x, { training: true });
    });
    x.dispose();
    await tick();
  }
  for (const b of bns) b.momentum = momentum;
}

/** Label-smoothed cross-entropy on the model's softmax output. */
function smoothedCrossEntropy(
  probs: tf.Tensor,
  labels: tf.Tensor1D,
  classes: number,
  smoothing: number,
): tf.Scalar {
  const y = tf.add(tf.mul(tf.oneHot(labels, classes), 1 - smoothing), smoothing / classes);
  const logp = tf.log(tf.clipByValue(probs, 1e-7, 1));
  return tf.neg(tf.mean(tf.sum(tf.mul(y, logp), -1))) as tf.Scalar;
}

/**
 * One training step of the Lab, exactly as trainNetwork runs it (bench:train measures this):
 * forward in training mode (fused BatchNorm and swish, dropout masks from the step's seed), the
 * recipe's loss, gradients of every trainable weight, and the Adam + weight-decay update.
 */
export class TrainStep {
  private readonly vars: tf.Variable[];
  private readonly updater: Updater;
  private readonly rand: () => number;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly recipe: Recipe,
    private readonly classes: number,
    seed: number,
  ) {
    fuseBatchNorm(model);
    fuseSwish(model);
    lazyConvGradients(model);
    this.vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const head = new Set(classifierLayer(model)?.trainableWeights.map((w) => w.read()) ?? []);
    this.updater = OPTIMIZERS[recipe.optimizer].make(this.vars, {
      weightDecay: recipe.weightDecay,
      momentum: recipe.momentum,
      decay: (v) => /kernel/.test(v.name),
      lrScale: (v) => (head.has(v) ? recipe.headLrShare : 1),
    });
    this.rand = mulberry32(seed * 104729 + 7);
  }

  /** One step on images `xs` [m, r, r, 3] and labels `ys` [m]; returns the loss (caller disposes). */
  run(xs: tf.Tensor4D, ys: tf.Tensor1D, lr: number): tf.Scalar {
    reseedDropout(this.model, this.rand);
    const { value, grads } = tf.variableGrads(() => {
      const p = this.model.apply(xs, { training: true }) as tf.Tensor;
      return smoothedCrossEntropy(p, ys, this.classes, this.recipe.labelSmoothing);
    }, this.vars);
    try {
      const missing: tf.Tensor[] = [];
      const list = this.vars.map((v) => {
        const g = grads[v.name];
        if (g) return g;
        const z = tf.zerosLike(v);
        missing.push(z);
        return z;
      });
      this.updater.apply(list, lr);
      tf.dispose(missing);
    } finally {
      tf.dispose(grads);
    }
    return value;
  }

  dispose(): void {
    this.updater.dispose();
  }
}

/** Trains in place; returns the per-epoch curve. Throws LabCancelledError when aborted. */
export async function trainNetwork(
  model: tf.LayersModel,
  train: ImageSet,
  val: ImageSet,
  o: TrainOptions,
): Promise<EpochPoint[]> {
  const r = train.resolution;
  const classes = train.classes.length;
  const n = train.count;
  const batchSize = Math.min(o.batch, n);
  const perEpoch = Math.ceil(n / batchSize);
  const total = perEpoch * o.epochs;
  const rand = mulberry32(o.seed * 7919 + 17);
  const maxShift = Math.round(o.recipe.augmentation.shift * r);
  setBnMomentum(model, o.recipe.bnMomentum);
  if (o.recipe.zeroInitHead) zeroHead(model);
  const trainStep = new TrainStep(model, o.recipe, classes, o.seed);
  const buf = new Float32Array(batchSize * r * r * 3);
  const curve: EpochPoint[] = [];
  const t0 = now();
  let step = 0;
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const order = permutation(n, rand);
      let lossSum = 0;
      let lossN = 0;
      for (let b = 0; b < perEpoch; b++) {
        if (o.gate) await o.gate.wait(o.signal);
        if (o.signal?.aborted) throw new LabCancelledError();
        const idx = order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize));
        const m = idx.length;
        const view = buf.subarray(0, m * r * r * 3);
        fillBatch(train, idx, view, () => ({
          flip: o.recipe.augmentation.flip && rand() < 0.5,
          dx: maxShift ? Math.round((rand() * 2 - 1) * maxShift) : 0,
          dy: maxShift ? Math.round((rand() * 2 - 1) * maxShift) : 0,
        }));
        const lab = new Int32Array(m);
        for (let k = 0; k < m; k++) lab[k] = train.labels[idx[k]!]!;
        const lr = learningRateAt(o.recipe, step, total);
        const xs = tf.tensor4d(view, [m, r, r, 3]);
        const ys = tf.tensor1d(lab, "int32");
        let lossT: tf.Scalar | null = null;
        try {
          lossT = trainStep.run(xs, ys, lr);
        } finally {
          xs.dispose();
          ys.dispose();
        }
        const loss = lossT ? (await lossT.data())[0]! : NaN;
        lossT?.dispose();
        if (!Number.isFinite(loss))
          throw new Error(`training diverged at step ${step + 1} (loss ${loss})`);
        lossSum += loss * m;
        lossN += m;
        step++;
        o.onBatch?.({
          epoch,
          batch: b + 1,
          batchesPerEpoch: perEpoch,
          step,
          totalSteps: total,
          loss,
          learningRate: lr,
          elapsedMs: now() - t0,
        });
        await tick();
      }
      if (o.signal?.aborted) throw new LabCancelledError();
      await recalibrateBatchNorm(
        model,
        train,
        o.recipe.bnRecalibrationBatches,
        batchSize,
        o.recipe.bnMomentum,
      );
      const valAccuracy = await accuracy(model, val, batchSize);
      const point = { epoch, loss: lossSum / lossN, valAccuracy };
      curve.push(point);
      o.onEpoch?.(point);
      await tick();
    }
  } finally {
    trainStep.dispose();
  }
  return curve;
}

/** Class scores (inference mode) for a whole image set, batch by batch. */
export async function predictAll(
  model: tf.LayersModel,
  s: ImageSet,
  batch = 64,
): Promise<Float32Array> {
  const r = s.resolution;
  const px = r * r * 3;
  const k = s.classes.length;
  const out = new Float32Array(s.count * k);
  for (let i = 0; i < s.count; i += batch) {
    const m = Math.min(batch, s.count - i);
    const x = tf.tensor4d(s.images.subarray(i * px, (i + m) * px), [m, r, r, 3]);
    const p = tf.tidy(() => model.predict(x) as tf.Tensor);
    x.dispose();
    out.set(await p.data(), i * k);
    p.dispose();
    await tick();
  }
  return out;
}

export function argmax(v: ArrayLike<number>, from: number, n: number): number {
  let best = 0;
  for (let c = 1; c < n; c++) if (v[from + c]! > v[from + best]!) best = c;
  return best;
}

/** Top-1 accuracy in inference mode (BatchNorm moving statistics, no dropout). */
export async function accuracy(model: tf.LayersModel, s: ImageSet, batch = 64): Promise<number> {
  const k = s.classes.length;
  const p = await predictAll(model, s, batch);
  let right = 0;
  for (let i = 0; i < s.count; i++) if (argmax(p, i * k, k) === s.labels[i]) right++;
  return s.count ? right / s.count : 0;
}
