/**
 * One LayerSpec -> one tfjs-layers layer. The spec (lib/arch/interpret.ts) already holds
 * every shape, kernel, stride and name; this file only chooses the tfjs class and the
 * Keras-faithful options (SAME padding, initialisers, drop-connect noise shape).
 */
import * as tf from "@tensorflow/tfjs";

import type { Activation, LayerSpec, ModelId } from "../arch/types";

type TfActivation = "linear" | "relu" | "relu6" | "sigmoid" | "softmax" | "swish";

export function tfActivation(a: Activation): TfActivation {
  return a;
}

/**
 * Keras applications' EfficientNet initialisers (efficientnet.py CONV_KERNEL_INITIALIZER and
 * DENSE_KERNEL_INITIALIZER); the other baselines use Keras's defaults (Glorot uniform).
 */
function initializers(model: ModelId): {
  conv: tf.serialization.Serializable | undefined;
  dense: tf.serialization.Serializable | undefined;
} {
  if (model !== "efficientnet") return { conv: undefined, dense: undefined };
  return {
    conv: tf.initializers.varianceScaling({
      scale: 2.0,
      mode: "fanOut",
      distribution: "truncatedNormal",
    }),
    dense: tf.initializers.varianceScaling({
      scale: 1 / 3,
      mode: "fanOut",
      distribution: "uniform",
    }),
  };
}

type Init = ReturnType<typeof tf.initializers.varianceScaling>;

/** The tfjs layer for a spec layer (not for "input"). */
export function makeLayer(l: LayerSpec, model: ModelId): tf.layers.Layer {
  const init = initializers(model);
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
        ...(init.conv ? { kernelInitializer: init.conv as Init } : {}),
      });
    case "depthwiseConv2d":
      return tf.layers.depthwiseConv2d({
        name,
        kernelSize: l.kernel,
        strides: l.stride,
        padding: "same",
        depthMultiplier: 1,
        useBias: l.useBias,
        ...(init.conv ? { depthwiseInitializer: init.conv as Init } : {}),
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
        ...(init.dense ? { kernelInitializer: init.dense as Init } : {}),
      });
    case "input":
      throw new Error(`layer ${name}: the input is created with tf.input, not as a layer`);
  }
}
