/**
 * Keras layers applied eagerly with ops whose gradient is cheap on the fast backend, for the
 * part of a network a CAM gradient passes through (usually the head).
 *
 * Why: tfjs differentiates y = x·W with dx = dy·Wᵀ as a matMul with transposeB, and a 1x1
 * convolution with Conv2DBackpropInput. On the wasm backend both are slow paths: 10-25x a
 * plain matMul of the same size (about 9 ms for EfficientNet-B0's 1280 x 1000 classifier,
 * 11-15 ms for MobileNet's 1x1 conv_preds, against a whole forward pass of a few tens of
 * ms). Here dense layers and 1x1 stride-1 convolutions are plain matMuls whose input
 * gradient uses Wᵀ transposed once (`prepare`), so the backward costs what the forward does.
 * Other convolutions use the plain (unfused) ops: the fused ops' gradient also computes the
 * filter gradient (Conv2DBackpropFilter), which a CAM never needs.
 */
import * as tf from "@tensorflow/tfjs";

type Layer = tf.layers.Layer;

interface LayerConfig {
  kernelSize?: number | number[];
  strides?: number | number[];
  padding?: "same" | "valid";
  dilationRate?: number | number[];
  useBias?: boolean;
  dataFormat?: "channelsFirst" | "channelsLast";
}

const pair = (v: number | number[] | undefined): [number, number] =>
  Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [v ?? 1, v ?? 1];

/** Dense, or a Conv2D that is a per-pixel dense layer (1x1 kernel, stride 1, no dilation). */
function isLinear(layer: Layer): boolean {
  const cls = layer.getClassName();
  if (cls === "Dense") return true;
  if (cls !== "Conv2D") return false;
  const cfg = layer.getConfig() as LayerConfig;
  return (
    cfg.dataFormat !== "channelsFirst" &&
    [cfg.kernelSize, cfg.strides, cfg.dilationRate].every((v) => pair(v).every((n) => n === 1))
  );
}

/** The kernel as [in, out]. */
function kernel2d(layer: Layer): tf.Tensor2D {
  const k = layer.getWeights()[0];
  const out = k.shape[k.rank - 1];
  return k.reshape([k.size / out, out]) as tf.Tensor2D;
}

function activate(layer: Layer, z: tf.Tensor): tf.Tensor {
  const act = (layer as unknown as { activation?: { apply(t: tf.Tensor): tf.Tensor } }).activation;
  return act ? act.apply(z) : z;
}

/** Row-major transpose in JS: once per kernel, and faster than wasm's Transpose for these. */
function transposed(w: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = w.shape;
  const src = w.dataSync();
  const dst = new Float32Array(src.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c];
  return tf.tensor2d(dst, [cols, rows]);
}

export class GradLayers {
  private readonly wt = new Map<Layer, tf.Tensor2D>();
  /** getConfig() serialises the whole config: read once per layer. */
  private readonly configs = new Map<Layer, LayerConfig & { linear: boolean }>();

  private config(layer: Layer): LayerConfig & { linear: boolean } {
    let c = this.configs.get(layer);
    if (!c) {
      c = { ...(layer.getConfig() as LayerConfig), linear: isLinear(layer) };
      this.configs.set(layer, c);
    }
    return c;
  }

  /** Transposes the kernels of the linear layers among `layers` (once; call outside tapes). */
  prepare(layers: Iterable<Layer>): void {
    for (const l of layers) {
      if (this.wt.has(l) || !this.config(l).linear) continue;
      const w = kernel2d(l);
      this.wt.set(l, tf.keep(transposed(w)));
      w.dispose();
    }
  }

  /** x·W over the last axis (any rank), with the cheap input gradient when prepared. */
  private linear(layer: Layer, x: tf.Tensor): tf.Tensor {
    const w = kernel2d(layer);
    const [inC, outC] = w.shape;
    const x2 = x.reshape([-1, inC]) as tf.Tensor2D;
    const wt = this.wt.get(layer);
    const y = wt
      ? tf.customGrad((a) => ({
          value: tf.matMul(a as tf.Tensor2D, w),
          gradFunc: (dy) => tf.matMul(dy as tf.Tensor2D, wt),
        }))(x2)
      : tf.matMul(x2, w);
    return y.reshape([...x.shape.slice(0, -1), outC]);
  }

  /** Pre-activation output of a dense or 1x1-conv layer (e.g. logits before a fused softmax). */
  linearPart(layer: Layer, x: tf.Tensor): tf.Tensor {
    if (!this.config(layer).linear)
      throw new Error(
        `cannot take the pre-softmax output of ${layer.getClassName()} "${layer.name}"`,
      );
    return this.withBias(layer, this.linear(layer, x));
  }

  /** The layer applied with gradient-friendly ops, or null when it has none here. */
  apply(layer: Layer, x: tf.Tensor): tf.Tensor | null {
    const cfg = this.config(layer);
    if (cfg.linear) return activate(layer, this.linearPart(layer, x));
    const cls = layer.getClassName();
    if ((cls !== "Conv2D" && cls !== "DepthwiseConv2D") || cfg.dataFormat === "channelsFirst")
      return null; // applied by the layer itself
    const kernel = layer.getWeights()[0] as tf.Tensor4D;
    const strides = pair(cfg.strides);
    const dil = pair(cfg.dilationRate);
    const pad = cfg.padding ?? "valid";
    const y =
      cls === "Conv2D"
        ? tf.conv2d(x as tf.Tensor4D, kernel, strides, pad, "NHWC", dil)
        : tf.depthwiseConv2d(x as tf.Tensor4D, kernel, strides, pad, "NHWC", dil);
    return activate(layer, this.withBias(layer, y));
  }

  private withBias(layer: Layer, y: tf.Tensor): tf.Tensor {
    const bias = layer.getWeights()[1];
    return this.config(layer).useBias !== false && bias ? y.add(bias) : y;
  }

  dispose(): void {
    for (const t of this.wt.values()) t.dispose();
    this.wt.clear();
    this.configs.clear();
  }
}
