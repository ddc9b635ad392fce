/**
 * Swish, x * sigmoid(x), as one differentiable op with a hand-written backward
 *
 *   dx = dy * (s + y - y * s),   s = sigmoid(x), y = x * s
 *
 * tfjs-layers' swish is sigmoid(x * 1) * x and autodiff takes it apart into seven kernels
 * backward (five multiplies, a scalar-broadcast subtraction, an add); here it is two forward
 * and four backward, all same-shape elementwise ops (on wasm, XNNPACK's fast path). On wasm
 * those run inside one kernel of ours each way (lib/tfjs/wasm-grad/swish.ts: the engine's
 * per-op bookkeeping was a large share of a step); other backends run the tf ops.
 */
import * as tf from "@tensorflow/tfjs";

import { SWISH_TRAIN, SWISH_TRAIN_GRAD } from "./wasm-grad/swish";

const fused = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  const [y, s] = tf.engine().runKernel(SWISH_TRAIN, { x }, {}) as tf.Tensor[];
  save([s!, y!]);
  return {
    value: y!,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [ss, sy] = saved as [tf.Tensor, tf.Tensor];
      return tf.engine().runKernel(SWISH_TRAIN_GRAD, { dy, s: ss, y: sy }, {}) as tf.Tensor;
    },
  };
});

const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  const s = tf.sigmoid(x);
  const y = tf.mul(x, s);
  save([s, y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [ss, sy] = saved as [tf.Tensor, tf.Tensor];
      return tf.mul(dy, tf.add(ss, tf.sub(sy, tf.mul(sy, ss))));
    },
  };
});

/** Swish of a float32 tensor, differentiable. */
export function swish(x: tf.Tensor): tf.Tensor {
  const b = tf.getBackend();
  const kernels =
    tf.getKernel(SWISH_TRAIN, b) !== undefined && tf.getKernel(SWISH_TRAIN_GRAD, b) !== undefined;
  return kernels ? fused(x) : op(x);
}
