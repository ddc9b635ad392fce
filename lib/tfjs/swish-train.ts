/**
 * Swish, x * sigmoid(x), as one differentiable op with a hand-written backward
 *
 *   dx = dy * (s + y - y * s),   s = sigmoid(x), y = x * s
 *
 * tfjs-layers' swish is sigmoid(x * 1) * x and autodiff takes it apart into seven kernels
 * backward (five multiplies, a scalar-broadcast subtraction, an add); here it is two forward
 * and four backward, all same-shape elementwise ops (on wasm, XNNPACK's fast path).
 */
import * as tf from "@tensorflow/tfjs";

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
  return op(x);
}
