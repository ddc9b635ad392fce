/**
 * Makes a built tfjs-layers model cheaper and reproducible to train, without changing what it
 * computes or how it saves:
 *  - every BatchNormalization layer runs training mode through lib/tfjs/batch-norm-train.ts
 *    (one fused forward and backward op) and updates its moving averages as tfjs-layers does;
 *    inference mode is the layer's own code;
 *  - every bias-free Conv2D layer computes its input's gradient only where one is needed;
 *  - every swish activation runs through lib/tfjs/swish-train.ts on wasm (fewer and
 *    cheaper kernels backward, same values), tfjs-layers' own code elsewhere;
 *  - every Dropout layer (dropout and drop-connect) draws its mask from a seed that
 *    `reseedDropout` sets before each step, so a run is repeatable.
 * The layers stay BatchNormalization and Dropout: saved models and the CAM page see no change.
 */
import * as tf from "@tensorflow/tfjs";

import { batchNormTrain } from "./batch-norm-train";
import { swish } from "./swish-train";

type Kwargs = Record<string, unknown>;
type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs) => tf.Tensor | tf.Tensor[];

interface BnLayer {
  call: Call;
  momentum: number;
  epsilon: number;
  axis: number;
  gamma: tf.LayerVariable | null;
  beta: tf.LayerVariable | null;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

const patched = new WeakSet<object>();

function one(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? inputs[0]! : inputs;
}

/** Backends whose tensors live in CPU memory: reading a small tensor there costs no sync. */
const CPU_MEMORY = new Set(["wasm", "cpu"]);

/**
 * tfjs-layers' update, old - (old - value) * (1 - momentum): three kernels and a write per
 * variable as tf ops; on CPU-memory backends the same arithmetic on the values (44 small
 * tensors a step for the Lab's default net: ~130 kernels fewer).
 */
function movingAverage(v: tf.LayerVariable, value: tf.Tensor, momentum: number): void {
  if (!CPU_MEMORY.has(tf.getBackend())) {
    tf.tidy(() => {
      const old = v.read();
      v.write(tf.sub(old, tf.mul(tf.sub(old, value), 1 - momentum)));
    });
    return;
  }
  const current = v.read();
  const old = current.dataSync() as Float32Array;
  const now = value.dataSync() as Float32Array;
  const next = new Float32Array(old.length);
  const f = Math.fround(1 - momentum);
  for (let i = 0; i < old.length; i++) {
    // float32 at each step, as the kernels round
    next[i] = old[i]! - Math.fround(Math.fround(old[i]! - now[i]!) * f);
  }
  const t = tf.tensor(next, current.shape, "float32");
  v.write(t);
  t.dispose();
}

/** Routes training-mode BatchNorm (channels-last, with scale and centre) through the fused op. */
export function fuseBatchNorm(model: tf.LayersModel): number {
  let n = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() !== "BatchNormalization" || patched.has(layer)) continue;
    const l = layer as unknown as BnLayer;
    if (!l.gamma || !l.beta) continue;
    const own = l.call.bind(layer);
    l.call = (inputs, kwargs) => {
      const x = one(inputs);
      const last = x.shape.length - 1;
      const channelsLast = l.axis === -1 || l.axis === last;
      if (kwargs["training"] !== true || !channelsLast || x.dtype !== "float32")
        return own(inputs, kwargs);
      const r = batchNormTrain(
        x,
        l.gamma!.read() as tf.Tensor1D,
        l.beta!.read() as tf.Tensor1D,
        l.epsilon,
      );
      movingAverage(l.movingMean, r.mean, l.momentum);
      movingAverage(l.movingVariance, r.variance, l.momentum);
      tf.dispose([r.mean, r.variance]);
      return r.y;
    };
    patched.add(layer);
    n++;
  }
  return n;
}

interface ConvLayer {
  call: Call;
  kernel: tf.LayerVariable | null;
  bias: tf.LayerVariable | null;
  strides: number[];
  padding: "same" | "valid";
  dataFormat: string;
  dilationRate: number | number[];
  kernelSize: number[];
  activation: { apply: (x: tf.Tensor) => tf.Tensor } | null;
}

/**
 * Routes the training-mode forward of bias-free 2-D Conv2D layers through tf.conv2d rather
 * than tfjs-layers' fused conv: the fused op's gradient computes the input's gradient along
 * with the filter's, even where nothing needs it (the stem, whose input is the image: a
 * Conv2DBackpropInput over the whole batch of images for nothing); tf.conv2d's gradient
 * computes only what the tape asks for. Same values. Returns how many layers.
 */
export function lazyConvGradients(model: tf.LayersModel): number {
  let n = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() !== "Conv2D" || patched.has(layer)) continue;
    const l = layer as unknown as ConvLayer;
    if (l.bias || !l.kernel || l.kernelSize.length !== 2 || l.dataFormat !== "channelsLast")
      continue;
    const own = l.call.bind(layer);
    l.call = (inputs, kwargs) => {
      const x = one(inputs);
      if (kwargs["training"] !== true || x.rank !== 4) return own(inputs, kwargs);
      return tf.tidy(() => {
        const y = tf.conv2d(
          x as tf.Tensor4D,
          l.kernel!.read() as tf.Tensor4D,
          l.strides as [number, number],
          l.padding,
          "NHWC",
          l.dilationRate as [number, number],
        );
        return l.activation ? l.activation.apply(y) : y;
      });
    };
    patched.add(layer);
    n++;
  }
  return n;
}

interface Activation {
  apply: (x: tf.Tensor, alpha?: number) => tf.Tensor;
  getClassName: () => string;
}

/**
 * Routes the swish activations of the model's layers through the fused op on wasm (where
 * the kernel count dominates); returns how many. The layer keeps its activation object, so
 * it still saves as "swish".
 */
export function fuseSwish(model: tf.LayersModel): number {
  let n = 0;
  for (const layer of model.layers) {
    const act = (layer as unknown as { activation?: Activation }).activation;
    if (!act || act.getClassName() !== "swish" || patched.has(act)) continue;
    const own = act.apply.bind(act);
    act.apply = (x, alpha = 1) =>
      alpha === 1 && x.dtype === "float32" && tf.getBackend() === "wasm" ? swish(x) : own(x, alpha);
    patched.add(act);
    n++;
  }
  return n;
}

/** The model's Dropout layers (dropout and drop-connect). */
function dropoutLayers(model: tf.LayersModel): { seed?: number }[] {
  return model.layers.filter((l) => l.getClassName() === "Dropout") as unknown as {
    seed?: number;
  }[];
}

/** Gives every Dropout layer a fresh seed from `next` (call once per step). */
export function reseedDropout(model: tf.LayersModel, next: () => number): void {
  for (const l of dropoutLayers(model)) l.seed = Math.floor(next() * 2 ** 31);
}
