/**
 * A fast inference path for a built model: BatchNorm folded into the preceding conv
 * (w' = w * g / sqrt(v + eps), b' = beta + (b - mean) * g / sqrt(v + eps)), bias and
 * activation fused into tf.fused.conv2d / depthwiseConv2d / matMul, dropout dropped,
 * SE squeeze as a mean and a matmul. Same weights as the Keras model, same outputs to
 * float rounding (tested); the Keras model itself stays untouched for export.
 */
import * as tf from "@tensorflow/tfjs";

import type { Activation, LayerSpec, NetworkSpec } from "../arch/types";

type Fusable = "linear" | "relu" | "relu6" | "sigmoid";

function fusable(a: Activation): a is Fusable {
  return a === "linear" || a === "relu" || a === "relu6" || a === "sigmoid";
}

/** One step of the compiled program; reads named values, writes one. */
type Step =
  | {
      kind: "conv";
      out: string;
      input: string;
      filter: tf.Tensor4D;
      bias: tf.Tensor1D | null;
      stride: number;
      depthwise: boolean;
      activation: Fusable;
      /** An activation applied after the fused kernel, or null. */
      post: Activation | null;
    }
  | {
      kind: "dense";
      out: string;
      input: string;
      weight: tf.Tensor2D;
      bias: tf.Tensor1D | null;
      activation: Fusable;
      post: Activation | null;
      softmax: boolean;
      /** Input is [N,1,1,C] / output must be [N,1,1,U] (1x1 conv on a 1x1 map). */
      spatial: boolean;
    }
  | { kind: "act"; out: string; input: string; activation: Activation }
  | { kind: "bn"; out: string; input: string; scale: tf.Tensor1D; shift: tf.Tensor1D }
  | { kind: "gap"; out: string; input: string; keepDims: boolean }
  | { kind: "maxPool"; out: string; input: string; kernel: number; stride: number }
  | { kind: "reshape"; out: string; input: string; shape: readonly number[] }
  | { kind: "binary"; out: string; a: string; b: string; op: "add" | "multiply" }
  | { kind: "alias"; out: string; input: string };

export interface FusedModel {
  /** NHWC float32 in, class probabilities out. Caller disposes the result. */
  predict(x: tf.Tensor4D): tf.Tensor2D;
  /** Steps after fusion, e.g. for the UI ("312 layers -> 98 kernels"). */
  readonly stepCount: number;
  dispose(): void;
}

function weightsOf(model: tf.LayersModel, name: string): tf.Tensor[] {
  return model.getLayer(name).getWeights();
}

/**
 * Compiles spec + the model's current weights into a fused program. The program owns copies
 * of the folded weights; dispose() frees them (the model is not touched).
 */
export function fuseModel(spec: NetworkSpec, model: tf.LayersModel): FusedModel {
  const byName = new Map<string, LayerSpec>();
  const consumers = new Map<string, string[]>();
  for (const l of spec.layers) {
    byName.set(l.name, l);
    for (const i of l.inputs) consumers.set(i, [...(consumers.get(i) ?? []), l.name]);
  }
  const only = (name: string): LayerSpec | null => {
    const c = consumers.get(name) ?? [];
    return c.length === 1 ? (byName.get(c[0]!) ?? null) : null;
  };

  const steps: Step[] = [];
  const owned: tf.Tensor[] = [];
  const absorbed = new Set<string>();
  // Folded weights outlive the tidy below; everything else made while folding is freed.
  const keep = <T extends tf.Tensor>(t: T): T => {
    owned.push(tf.keep(t));
    return t;
  };

  tf.tidy(() => {
    for (const l of spec.layers) {
      if (absorbed.has(l.name) || l.op === "input") continue;
      const input = l.inputs[0] ?? "";
      switch (l.op) {
        case "conv2d":
        case "depthwiseConv2d": {
          const w = weightsOf(model, l.name);
          let filter = w[0] as tf.Tensor4D;
          let bias: tf.Tensor1D | null = l.useBias ? (w[1] as tf.Tensor1D) : null;
          let out = l.name;
          let act: Activation = l.activation;
          // Fold a following BatchNorm (only when the conv has no activation of its own).
          const bn = act === "linear" ? only(l.name) : null;
          if (bn && bn.op === "batchNorm") {
            const [gamma, beta, mean, variance] = weightsOf(model, bn.name) as tf.Tensor1D[];
            const scale = tf.div(gamma!, tf.sqrt(tf.add(variance!, bn.epsilon))) as tf.Tensor1D;
            filter =
              l.op === "depthwiseConv2d"
                ? (tf.mul(filter, tf.reshape(scale, [1, 1, -1, 1])) as tf.Tensor4D)
                : (tf.mul(filter, scale) as tf.Tensor4D);
            const b0 = bias ?? tf.zerosLike(mean!);
            bias = tf.add(beta!, tf.mul(tf.sub(b0, mean!), scale)) as tf.Tensor1D;
            absorbed.add(bn.name);
            out = bn.name;
            const a = only(bn.name);
            if (a && a.op === "activation" && a.activation !== "softmax") {
              act = a.activation;
              absorbed.add(a.name);
              out = a.name;
            }
          }
          // Activations tf.fused lacks (swish, hard-swish, hard-sigmoid) run after the kernel.
          const activation: Fusable = fusable(act) ? act : "linear";
          const post = fusable(act) ? null : act;
          const [h = 1, wd = 1] = l.inShape;
          if (l.op === "conv2d" && h === 1 && wd === 1 && l.kernel === 1) {
            // 1x1 conv on a 1x1 map (SE, MobileNet v1 classifier): a matmul.
            steps.push({
              kind: "dense",
              out,
              input,
              weight: keep(tf.reshape(filter, [filter.shape[2], filter.shape[3]])),
              bias: bias ? keep(tf.clone(bias)) : null,
              activation,
              post,
              softmax: false,
              spatial: true,
            });
          } else {
            steps.push({
              kind: "conv",
              out,
              input,
              filter: keep(tf.clone(filter)),
              bias: bias ? keep(tf.clone(bias)) : null,
              stride: l.stride,
              depthwise: l.op === "depthwiseConv2d",
              activation,
              post,
            });
          }
          break;
        }
        case "dense": {
          const w = weightsOf(model, l.name);
          steps.push({
            kind: "dense",
            out: l.name,
            input,
            weight: keep(tf.clone(w[0] as tf.Tensor2D)),
            bias: l.useBias ? keep(tf.clone(w[1] as tf.Tensor1D)) : null,
            activation: fusable(l.activation) ? l.activation : "linear",
            post: fusable(l.activation) || l.activation === "softmax" ? null : l.activation,
            softmax: l.activation === "softmax",
            spatial: false,
          });
          break;
        }
        case "batchNorm": {
          const [gamma, beta, mean, variance] = weightsOf(model, l.name) as tf.Tensor1D[];
          const scale = tf.div(gamma!, tf.sqrt(tf.add(variance!, l.epsilon))) as tf.Tensor1D;
          const shift = tf.sub(beta!, tf.mul(mean!, scale)) as tf.Tensor1D;
          steps.push({ kind: "bn", out: l.name, input, scale: keep(scale), shift: keep(shift) });
          break;
        }
        case "activation":
          steps.push({ kind: "act", out: l.name, input, activation: l.activation });
          break;
        case "globalAvgPool": {
          // SE squeeze followed by a reshape to [1,1,C]: keep dims and skip the reshape.
          const next = only(l.name);
          if (next && next.op === "reshape" && next.outShape.length === 3) {
            steps.push({ kind: "gap", out: next.name, input, keepDims: true });
            absorbed.add(next.name);
          } else {
            steps.push({ kind: "gap", out: l.name, input, keepDims: false });
          }
          break;
        }
        case "maxPool":
          steps.push({ kind: "maxPool", out: l.name, input, kernel: l.kernel, stride: l.stride });
          break;
        case "reshape":
          steps.push({ kind: "reshape", out: l.name, input, shape: l.outShape });
          break;
        case "dropout":
          steps.push({ kind: "alias", out: l.name, input });
          break;
        case "add":
        case "multiply":
          steps.push({ kind: "binary", out: l.name, a: input, b: l.inputs[1] ?? "", op: l.op });
          break;
      }
    }
  });

  const inputName = spec.layers[0]?.name ?? "input";
  const outputName = spec.layers[spec.layers.length - 1]?.name ?? "";
  // Where each value is last read, so intermediates can be freed early (lower peak memory).
  const lastRead = new Map<string, number>();
  steps.forEach((s, i) => {
    const reads = s.kind === "binary" ? [s.a, s.b] : [s.input];
    for (const r of reads) lastRead.set(r, i);
  });

  const run = (x: tf.Tensor4D): tf.Tensor2D => {
    const values = new Map<string, tf.Tensor>([[inputName, x]]);
    const get = (n: string): tf.Tensor => {
      const v = values.get(n);
      if (!v) throw new Error(`fused program: value ${n} is missing`);
      return v;
    };
    const swishOf = (t: tf.Tensor): tf.Tensor => tf.mul(t, tf.sigmoid(t));
    const hardSigmoidOf = (t: tf.Tensor): tf.Tensor => tf.div(tf.relu6(tf.add(t, 3)), 6);
    const activate = (t: tf.Tensor, a: Activation): tf.Tensor =>
      a === "swish"
        ? swishOf(t)
        : a === "hardSwish"
          ? tf.mul(t, hardSigmoidOf(t))
          : a === "hardSigmoid"
            ? hardSigmoidOf(t)
            : a === "relu"
              ? tf.relu(t)
              : a === "relu6"
                ? tf.relu6(t)
                : a === "sigmoid"
                  ? tf.sigmoid(t)
                  : a === "softmax"
                    ? tf.softmax(t)
                    : t;
    const compute = (s: Step): tf.Tensor => {
      let y: tf.Tensor;
      switch (s.kind) {
        case "conv": {
          const args = {
            x: get(s.input) as tf.Tensor4D,
            strides: s.stride,
            pad: "same" as const,
            activation: s.activation,
            ...(s.bias ? { bias: s.bias } : {}),
          };
          y = s.depthwise
            ? tf.fused.depthwiseConv2d({ ...args, filter: s.filter })
            : tf.fused.conv2d({ ...args, filter: s.filter });
          if (s.post) y = activate(y, s.post);
          break;
        }
        case "dense": {
          const xin = get(s.input);
          const n = xin.shape[0] ?? 1;
          const a = s.spatial ? tf.reshape(xin, [n, -1]) : xin;
          y = tf.fused.matMul({
            a: a as tf.Tensor2D,
            b: s.weight,
            activation: s.activation,
            ...(s.bias ? { bias: s.bias } : {}),
          });
          if (s.post) y = activate(y, s.post);
          if (s.softmax) y = tf.softmax(y);
          if (s.spatial) y = tf.reshape(y, [n, 1, 1, -1]);
          break;
        }
        case "act":
          y = activate(get(s.input), s.activation);
          break;
        case "bn":
          y = tf.add(tf.mul(get(s.input), s.scale), s.shift);
          break;
        case "gap":
          y = globalAverage(get(s.input) as tf.Tensor4D, s.keepDims);
          break;
        case "maxPool":
          y = tf.maxPool(get(s.input) as tf.Tensor4D, s.kernel, s.stride, "same");
          break;
        case "reshape": {
          const t = get(s.input);
          y = tf.reshape(t, [t.shape[0] ?? 1, ...s.shape]);
          break;
        }
        case "binary":
          y = s.op === "add" ? tf.add(get(s.a), get(s.b)) : tf.mul(get(s.a), get(s.b));
          break;
        case "alias":
          y = get(s.input);
          break;
      }
      return y;
    };
    steps.forEach((s, i) => {
      // Per-step tidy: temporaries (pre-swish values, sigmoid) die right away.
      const y = tf.tidy(() => compute(s));
      values.set(s.out, y);
      // Free inputs read for the last time (never the caller's x).
      const reads = s.kind === "binary" ? [s.a, s.b] : [s.input];
      for (const r of reads) {
        if (lastRead.get(r) === i && r !== inputName) {
          const v = values.get(r);
          values.delete(r);
          if (v && v !== y && ![...values.values()].includes(v)) v.dispose();
        }
      }
    });
    return get(outputName) as tf.Tensor2D;
  };

  let disposed = false;
  return {
    predict(x: tf.Tensor4D): tf.Tensor2D {
      if (disposed) throw new Error("fused model is disposed");
      return tf.tidy(() => run(x));
    },
    stepCount: steps.length,
    dispose(): void {
      if (disposed) return;
      disposed = true;
      for (const t of owned) t.dispose();
    },
  };
}

/**
 * Global average pooling as one H x W average pool: on WASM that is XNNPACK's NHWC pooling
 * (threaded), where tf.mean over axes [1, 2] first transposes the channels out of the way.
 */
function globalAverage(x: tf.Tensor4D, keepDims: boolean): tf.Tensor {
  const [n, h, w, c] = x.shape;
  const y = tf.avgPool(x, [h, w], [h, w], "valid");
  return keepDims ? y : tf.reshape(y, [n, c]);
}
