/**
 * One LayerSpec -> one tfjs-layers layer. The spec (lib/arch/interpret.ts) already holds
 * every shape, kernel, stride and name; this file only chooses the tfjs class and the
 * Keras-faithful options (SAME padding, initialisers, drop-connect noise shape).
 */
import * as tf from "@tensorflow/tfjs";

import type { Activation, Initializers, LayerSpec, VarianceScalingInit } from "../arch/types";

type TfActivation = "linear" | "relu" | "relu6" | "sigmoid" | "softmax" | "swish";

/** Hard-swish and hard-sigmoid have no tfjs/Keras activation string that matches PyTorch's. */
type HardActivation = "hardSwish" | "hardSigmoid";

function isHard(a: Activation): a is HardActivation {
  return a === "hardSwish" || a === "hardSigmoid";
}

/** The activation a layer itself applies (hard ones follow as their own layers). */
export function tfActivation(a: Activation): TfActivation {
  return isHard(a) ? "linear" : a;
}

/**
 * Hard-sigmoid and hard-swish as Keras's mobilenet_v3.py builds them, from standard layers
 * that tfjs serializes and Keras loads: hard_sigmoid(x) = relu6(x + 3) / 6, written as
 * Rescaling(scale 1/6, offset 0.5) then ReLU(max_value 1); hard_swish(x) = x * hard_sigmoid(x).
 * The last layer is called `name`.
 */
function hardActivation(
  name: string,
  a: HardActivation,
  x: tf.SymbolicTensor,
  made: tf.layers.Layer[],
): tf.SymbolicTensor {
  const gateName = a === "hardSigmoid" ? name : `${name}_gate`;
  const scale = tf.layers.rescaling({ name: `${gateName}_rescale`, scale: 1 / 6, offset: 0.5 });
  const clip = tf.layers.reLU({ name: gateName, maxValue: 1 });
  made.push(scale, clip);
  const gate = clip.apply(scale.apply(x)) as tf.SymbolicTensor;
  if (a === "hardSigmoid") return gate;
  const mul = tf.layers.multiply({ name });
  made.push(mul);
  return mul.apply([x, gate]) as tf.SymbolicTensor;
}

/**
 * Applies one spec layer to its symbolic inputs: the tfjs layer of `makeLayer` (named as
 * the spec names it, so its weights are found by that name), followed by the layers of a
 * hard activation where the spec fuses one ("se_expand" + "se_expand_hard_sigmoid"). Every
 * layer created is pushed to `made` (so a cancelled build can free their weights).
 */
export function applyLayer(
  l: LayerSpec,
  inits: Initializers,
  inputs: tf.SymbolicTensor | tf.SymbolicTensor[],
  made: tf.layers.Layer[],
  seed?: number,
): tf.SymbolicTensor {
  const hard = isHard(l.activation) ? l.activation : null;
  if (l.op === "activation" && hard) {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return hardActivation(l.name, hard, x, made);
  }
  const layer = makeLayer(l, inits, seed);
  made.push(layer);
  const y = layer.apply(inputs) as tf.SymbolicTensor;
  if (!hard) return y;
  return hardActivation(
    `${l.name}_${hard === "hardSigmoid" ? "hard_sigmoid" : "hard_swish"}`,
    hard,
    y,
    made,
  );
}

/** The spec's initialiser (tfjs's default, Glorot uniform, when it has none), seeded if asked. */
function initializer(v: VarianceScalingInit | null, seed: number | undefined): Init | undefined {
  if (v) return tf.initializers.varianceScaling(seed === undefined ? { ...v } : { ...v, seed });
  return seed === undefined ? undefined : tf.initializers.glorotUniform({ seed });
}

type Init = ReturnType<typeof tf.initializers.varianceScaling>;

/** The tfjs layer for a spec layer (not for "input"); `seed` makes its initial weights fixed. */
export function makeLayer(l: LayerSpec, inits: Initializers, seed?: number): tf.layers.Layer {
  const init = { conv: initializer(inits.conv, seed), dense: initializer(inits.dense, seed) };
  const name = l.name;
  switch (l.op) {
    case "conv2d":
      return tf.layers.conv2d({
        name,
        filters: l.filters,
        kernelSize: l.kernel,
        strides: l.stride,
        padding: "same",
        useBias: l.useBias,
        activation: tfActivation(l.activation),
        ...(init.conv ? { kernelInitializer: init.conv } : {}),
      });
    case "depthwiseConv2d":
      return tf.layers.depthwiseConv2d({
        name,
        kernelSize: l.kernel,
        strides: l.stride,
        padding: "same",
        depthMultiplier: 1,
        useBias: l.useBias,
        ...(init.conv ? { depthwiseInitializer: init.conv } : {}),
      });
    case "batchNorm":
      return tf.layers.batchNormalization({ name, axis: -1, epsilon: l.epsilon, momentum: 0.99 });
    case "activation":
      return tf.layers.activation({ name, activation: tfActivation(l.activation) });
    case "globalAvgPool":
      return tf.layers.globalAveragePooling2d({ name });
    case "maxPool":
      return tf.layers.maxPooling2d({
        name,
        poolSize: l.kernel,
        strides: l.stride,
        padding: "same",
      });
    case "reshape":
      return tf.layers.reshape({ name, targetShape: [...l.outShape] });
    case "multiply":
      return tf.layers.multiply({ name });
    case "add":
      return tf.layers.add({ name });
    case "dropout": {
      // Drop-connect inside a block drops whole samples, as Keras does with noise_shape
      // (None, 1, 1, 1); the classifier's dropout is element-wise.
      const perSample = l.block >= 0 && l.outShape.length === 3;
      return tf.layers.dropout({
        name,
        rate: l.rate,
        ...(perSample ? { noiseShape: [null, 1, 1, 1] as unknown as number[] } : {}),
      });
    }
    case "dense":
      return tf.layers.dense({
        name,
        units: l.filters,
        useBias: l.useBias,
        activation: tfActivation(l.activation),
        ...(init.dense ? { kernelInitializer: init.dense } : {}),
      });
    case "input":
      throw new Error(`layer ${name}: the input is created with tf.input, not as a layer`);
  }
}
