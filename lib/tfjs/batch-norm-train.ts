/**
 * BatchNorm in training mode as one differentiable op: batch statistics over every axis but
 * the last (NHWC channels), normalisation, scale and shift, with a hand-written backward
 *
 *   dbeta = sum(dy),  dgamma = sum(dy * xhat),  dx = gamma * rstd * (dy - dbeta/M - xhat * dgamma/M)
 *
 * tfjs-layers builds the same thing from moments + batchNorm and lets autodiff take it apart:
 * about twenty kernels per layer per step (FusedBatchNorm's gradient alone tiles, reshapes,
 * sums and divides), a large share of a small net's training step on wasm. Here it is six
 * whole-tensor kernels forward and seven backward, every one an elementwise op or a channel
 * sum. On wasm, where those kernels dominated a training step, forward and backward are each
 * one kernel of ours (a few XNNPACK passes: lib/tfjs/wasm-grad/batch-norm.ts); other
 * backends run the tf ops. Same formulas on every backend. Variance is the biased one, as
 * tfjs-layers uses for both normalising and the moving average.
 */
import * as tf from "@tensorflow/tfjs";

import { BN_TRAIN, BN_TRAIN_GRAD } from "./wasm-grad/batch-norm";

export interface BatchNormTrainResult {
  readonly y: tf.Tensor;
  /** Batch statistics (biased variance), for the moving averages; the caller disposes them. */
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
}

/** The wasm kernels (registered by lib/tfjs/wasm-grad) serve the current backend. */
function hasFusedKernels(): boolean {
  const b = tf.getBackend();
  return tf.getKernel(BN_TRAIN, b) !== undefined && tf.getKernel(BN_TRAIN_GRAD, b) !== undefined;
}

/**
 * Training-mode BatchNorm over the last axis of `x` (float32). Differentiable in x, gamma
 * and beta; `mean` and `variance` are outside the gradient.
 */
export function batchNormTrain(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): BatchNormTrainResult {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const m = x.size / (x.shape[x.shape.length - 1] ?? 1);
  let mean: tf.Tensor1D | null = null;
  let variance: tf.Tensor1D | null = null;
  if (hasFusedKernels()) {
    const fused = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xi, g, b] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
      const save = args[3] as tf.GradSaveFunc;
      const [y, mu, va, rstd, xc] = tf
        .engine()
        .runKernel(BN_TRAIN, { x: xi, gamma: g, beta: b }, { epsilon }) as tf.Tensor[];
      mean = tf.keep(mu as tf.Tensor1D);
      variance = tf.keep(va as tf.Tensor1D);
      save([xc!, g, rstd!]);
      return {
        value: y!,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sxc, sg, srstd] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
          return tf
            .engine()
            .runKernel(BN_TRAIN_GRAD, { dy, xc: sxc, gamma: sg, rstd: srstd }, {}) as tf.Tensor[];
        },
      };
    });
    const y = fused(x, gamma, beta);
    return { y, mean: mean!, variance: variance! };
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, g, b] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    const mu = tf.div(tf.sum(xi, axes), m) as tf.Tensor1D;
    const xc = tf.sub(xi, mu);
    const va = tf.div(tf.sum(tf.square(xc), axes), m) as tf.Tensor1D;
    const rstd = tf.rsqrt(tf.add(va, epsilon));
    const y = tf.add(tf.mul(xc, tf.mul(g, rstd)), b);
    mean = tf.keep(mu);
    variance = tf.keep(va);
    save([xc, g, rstd]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sxc, sg, srstd] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
        const dbeta = tf.sum(dy, axes);
        const sdyx = tf.sum(tf.mul(dy, sxc), axes); // sum(dy * xhat) / rstd
        const dgamma = tf.mul(sdyx, srstd);
        const k1 = tf.mul(sg, srstd);
        const k2 = tf.div(tf.mul(tf.neg(k1), tf.mul(tf.square(srstd), sdyx)), m);
        const k3 = tf.div(tf.mul(tf.neg(k1), dbeta), m);
        const dx = tf.add(tf.add(tf.mul(dy, k1), tf.mul(sxc, k2)), k3);
        return [dx, dgamma, dbeta];
      },
    };
  });
  const y = op(x, gamma, beta);
  return { y, mean: mean!, variance: variance! };
}
