/**
 * Training-mode BatchNorm (lib/tfjs/batch-norm-train.ts) as two kernels of our own for the
 * wasm backend, computed on the wasm heap in two passes each instead of ~8 whole-tensor
 * kernels forward and ~9 backward. x is [M, C] with C the last axis (NHWC channels).
 *
 *   forward  (BatchNormTrain):      pass 1 per-channel sum and sum of squares (float64),
 *                                   pass 2 y = x * a + b,  a = gamma * rstd, b = beta - mean * a
 *   backward (BatchNormTrainGrad):  pass 1 sdy = sum(dy), sdyx = sum(dy * (x - mean)) (float64),
 *                                   pass 2 dx = k1 * dy + k2 * (x - mean) + k3  with
 *                                   k1 = gamma * rstd, k2 = -k1 * rstd^2 * sdyx / M, k3 = -k1 * sdy / M
 *
 * Same formulas as the tf-op path; variance is the biased one.
 */
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

import { WASM } from "./scratch";

/** Kernel names (ours: no tfjs backend has them). */
export const BN_TRAIN = "BatchNormTrain";
export const BN_TRAIN_GRAD = "BatchNormTrainGrad";

type Args = { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap };

function input(kernel: string, inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`${kernel}: missing input ${name}`);
  if (t.dtype !== "float32") throw new Error(`${kernel}: ${name} must be float32, got ${t.dtype}`);
  return t;
}

/** [M, C] of x, checking that each per-channel input has C values. */
function rowsAndChannels(
  kernel: string,
  x: TensorInfo,
  perChannel: Record<string, TensorInfo>,
): [number, number] {
  const c = x.shape[x.shape.length - 1] ?? 1;
  const size = x.shape.reduce((a, b) => a * b, 1);
  for (const [name, t] of Object.entries(perChannel)) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== c) throw new Error(`${kernel}: ${name} has ${n} values, x has ${c} channels`);
  }
  return [c === 0 ? 0 : size / c, c];
}

function bnTrain(args: Args): TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const x = input(BN_TRAIN, args.inputs, "x");
  const gamma = input(BN_TRAIN, args.inputs, "gamma");
  const beta = input(BN_TRAIN, args.inputs, "beta");
  const epsilon = Number(args.attrs?.epsilon ?? 1e-3);
  const [m, c] = rowsAndChannels(BN_TRAIN, x, { gamma, beta });
  if (m === 0) throw new Error(`${BN_TRAIN}: x is empty (shape [${x.shape.join(", ")}])`);
  const y = backend.makeOutput([...x.shape], "float32");
  const mean = backend.makeOutput([c], "float32");
  const variance = backend.makeOutput([c], "float32");
  const rstd = backend.makeOutput([c], "float32");
  // Views after every makeOutput: allocating may grow (and so replace) the wasm memory.
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const gs = backend.typedArrayFromHeap(gamma) as Float32Array;
  const bs = backend.typedArrayFromHeap(beta) as Float32Array;
  const ys = backend.typedArrayFromHeap(y) as Float32Array;
  const ms = backend.typedArrayFromHeap(mean) as Float32Array;
  const vs = backend.typedArrayFromHeap(variance) as Float32Array;
  const rs = backend.typedArrayFromHeap(rstd) as Float32Array;
  const s1 = new Float64Array(c);
  const s2 = new Float64Array(c);
  for (let r = 0, i = 0; r < m; r++) {
    for (let k = 0; k < c; k++, i++) {
      const v = xs[i]!;
      s1[k]! += v;
      s2[k]! += v * v;
    }
  }
  const a = new Float64Array(c);
  const b = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    const mu = s1[k]! / m;
    const va = Math.max(0, s2[k]! / m - mu * mu);
    const rs64 = 1 / Math.sqrt(va + epsilon);
    ms[k] = mu;
    vs[k] = va;
    rs[k] = rs64;
    a[k] = gs[k]! * rs64;
    b[k] = bs[k]! - mu * a[k]!;
  }
  for (let r = 0, i = 0; r < m; r++) {
    for (let k = 0; k < c; k++, i++) ys[i] = xs[i]! * a[k]! + b[k]!;
  }
  return [y, mean, variance, rstd];
}

function bnTrainGrad(args: Args): TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const dy = input(BN_TRAIN_GRAD, args.inputs, "dy");
  const x = input(BN_TRAIN_GRAD, args.inputs, "x");
  const gamma = input(BN_TRAIN_GRAD, args.inputs, "gamma");
  const mean = input(BN_TRAIN_GRAD, args.inputs, "mean");
  const rstd = input(BN_TRAIN_GRAD, args.inputs, "rstd");
  if (dy.shape.join() !== x.shape.join())
    throw new Error(
      `${BN_TRAIN_GRAD}: dy [${dy.shape.join(", ")}] and x [${x.shape.join(", ")}] differ`,
    );
  const [m, c] = rowsAndChannels(BN_TRAIN_GRAD, x, { gamma, mean, rstd });
  if (m === 0) throw new Error(`${BN_TRAIN_GRAD}: x is empty (shape [${x.shape.join(", ")}])`);
  const dx = backend.makeOutput([...x.shape], "float32");
  const dgamma = backend.makeOutput([c], "float32");
  const dbeta = backend.makeOutput([c], "float32");
  const dys = backend.typedArrayFromHeap(dy) as Float32Array;
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const gs = backend.typedArrayFromHeap(gamma) as Float32Array;
  const ms = backend.typedArrayFromHeap(mean) as Float32Array;
  const rs = backend.typedArrayFromHeap(rstd) as Float32Array;
  const dxs = backend.typedArrayFromHeap(dx) as Float32Array;
  const dgs = backend.typedArrayFromHeap(dgamma) as Float32Array;
  const dbs = backend.typedArrayFromHeap(dbeta) as Float32Array;
  const sdy = new Float64Array(c);
  const sdyx = new Float64Array(c); // sum(dy * x); centred below
  for (let r = 0, i = 0; r < m; r++) {
    for (let k = 0; k < c; k++, i++) {
      const g = dys[i]!;
      sdy[k]! += g;
      sdyx[k]! += g * xs[i]!;
    }
  }
  const k1 = new Float64Array(c);
  const k2 = new Float64Array(c);
  const k0 = new Float64Array(c); // k3 - k2 * mean: the constant once x is not centred
  for (let k = 0; k < c; k++) {
    const mu = ms[k]!;
    const r = rs[k]!;
    const centred = sdyx[k]! - mu * sdy[k]!;
    const a = gs[k]! * r;
    k1[k] = a;
    k2[k] = (-a * r * r * centred) / m;
    k0[k] = (-a * sdy[k]!) / m - k2[k]! * mu;
    dgs[k] = centred * r;
    dbs[k] = sdy[k]!;
  }
  for (let r = 0, i = 0; r < m; r++) {
    for (let k = 0; k < c; k++, i++) dxs[i] = k1[k]! * dys[i]! + k2[k]! * xs[i]! + k0[k]!;
  }
  return [dx, dgamma, dbeta];
}

export const batchNormTrainConfig: KernelConfig = {
  kernelName: BN_TRAIN,
  backendName: WASM,
  kernelFunc: bnTrain as unknown as KernelFunc,
};

export const batchNormTrainGradConfig: KernelConfig = {
  kernelName: BN_TRAIN_GRAD,
  backendName: WASM,
  kernelFunc: bnTrainGrad as unknown as KernelFunc,
};
