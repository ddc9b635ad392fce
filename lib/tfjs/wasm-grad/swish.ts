/**
 * Training-mode swish (lib/tfjs/swish-train.ts) as two kernels of our own for the wasm
 * backend: the same elementwise wasm kernels as the tf-op path, called directly. Through the
 * engine each op of a step costs tens of microseconds of bookkeeping (tape, tracking,
 * copies of saved inputs), about half of a step's time for the Lab's small tensors; here
 * it is one engine op each way instead of two forward and four backward.
 *
 *   forward  (SwishTrain):      s = sigmoid(x);  y = x * s             outputs y, s
 *   backward (SwishTrainGrad):  dx = dy * (s + (y - y * s))
 */
import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";

import { floatInput, Scratch, WASM, type KernelArgs } from "./scratch";

/** Kernel names (ours: no tfjs backend has them). */
export const SWISH_TRAIN = "SwishTrain";
export const SWISH_TRAIN_GRAD = "SwishTrainGrad";

function swishTrain(args: KernelArgs): TensorInfo[] {
  const x = floatInput(SWISH_TRAIN, args.inputs, "x");
  const s = new Scratch(args.backend as KernelBackend);
  try {
    const sig = s.run("Sigmoid", { x });
    const y = s.multiply(x, sig);
    return [s.keep(y), s.keep(sig)];
  } finally {
    s.dispose();
  }
}

function swishTrainGrad(args: KernelArgs): TensorInfo[] {
  const dy = floatInput(SWISH_TRAIN_GRAD, args.inputs, "dy");
  const sig = floatInput(SWISH_TRAIN_GRAD, args.inputs, "s");
  const y = floatInput(SWISH_TRAIN_GRAD, args.inputs, "y");
  for (const [name, t] of [
    ["s", sig],
    ["y", y],
  ] as const) {
    if (t.shape.join() !== dy.shape.join())
      throw new Error(
        `${SWISH_TRAIN_GRAD}: ${name} [${t.shape.join(", ")}] and dy [${dy.shape.join(", ")}] differ`,
      );
  }
  const s = new Scratch(args.backend as KernelBackend);
  try {
    const ys = s.multiply(y, sig);
    const inner = s.run("Add", { a: sig, b: s.run("Sub", { a: y, b: ys }) });
    return [s.keep(s.multiply(dy, inner))];
  } finally {
    s.dispose();
  }
}

export const swishTrainConfig: KernelConfig = {
  kernelName: SWISH_TRAIN,
  backendName: WASM,
  kernelFunc: swishTrain as unknown as KernelFunc,
};

export const swishTrainGradConfig: KernelConfig = {
  kernelName: SWISH_TRAIN_GRAD,
  backendName: WASM,
  kernelFunc: swishTrainGrad as unknown as KernelFunc,
};
