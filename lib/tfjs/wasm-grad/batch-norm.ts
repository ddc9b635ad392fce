/**
 * Training-mode BatchNorm (lib/tfjs/batch-norm-train.ts) as two kernels of our own for the
 * wasm backend, made of wasm's own SIMD kernels without the engine in between (the tf-op
 * path costs ~8 whole-tensor kernels forward and ~9 backward, each with broadcasting; a JS
 * loop over the heap is 10x slower than XNNPACK). x is seen as [M, C], C the last axis.
 * Channel sums are an average pooling over the M rows; a per-channel scale and shift is a
 * 1x1 depthwise convolution with bias (one XNNPACK pass each, exact: x * s + b).
 *
 *   forward  (BatchNormTrain):      mean = avg(x);  xc = x * 1 - mean;  variance = avg(xc^2);
 *                                   y = xc * (gamma * rstd) + beta
 *                                   outputs y, mean, variance, rstd, xc (kept for the backward)
 *   backward (BatchNormTrainGrad):  sdy = M avg(dy);  sdyx = M avg(dy * xc);  dx = dy * k1 + (xc * k2 + k3)
 *                                   k1 = gamma * rstd, k2 = -k1 * rstd^2 * sdyx / M, k3 = -k1 * sdy / M
 *                                   dgamma = sdyx * rstd, dbeta = sdy
 *
 * Same formulas as the tf-op path; variance is the biased one, of the centred values.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

import { floatInput, Scratch, WASM, type KernelArgs } from "./scratch";

/** Kernel names (ours: no tfjs backend has them). */
export const BN_TRAIN = "BatchNormTrain";
export const BN_TRAIN_GRAD = "BatchNormTrainGrad";

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

/** A copy of `t`'s values (heap views go stale when a later allocation grows the memory). */
function read(backend: BackendWasm, t: TensorInfo): Float64Array {
  return Float64Array.from(backend.typedArrayFromHeap(t) as Float32Array);
}

/** A new float32 tensor of `shape` holding `values`, freed with the scratch unless kept. */
function put(s: Scratch, shape: readonly number[], values: ArrayLike<number>): TensorInfo {
  const t = s.make(shape);
  (s.backend as BackendWasm).typedArrayFromHeap(t).set(values);
  return t;
}

/** x [1, M, 1, C] * scale [1, 1, C, 1] (+ bias [C]): one XNNPACK depthwise pass. */
function scaleShift(s: Scratch, x: TensorInfo, scale: TensorInfo, bias?: TensorInfo): TensorInfo {
  return s.run("FusedDepthwiseConv2D", bias ? { x, filter: scale, bias } : { x, filter: scale }, {
    strides: [1, 1],
    pad: "valid",
    dilations: [1, 1],
    dataFormat: "NHWC",
    activation: "linear",
  });
}

/**
 * Per-channel means of [M, C] data: an average pooling over all M rows (XNNPACK, one pass,
 * float32 accumulation good to ~1e-6 here). A product with a ones row, as lib/tfjs/wasm-grad/
 * reduce.ts sums, costs ten times more on a fresh tensor: XNNPACK packs the data as weights.
 */
function channelMeans(s: Scratch, x: TensorInfo, m: number, c: number): Float64Array {
  const pooled = s.run(
    "AvgPool",
    { x: s.reshape(x, [1, m, 1, c]) },
    { filterSize: [m, 1], strides: [1, 1], pad: "valid" },
  );
  return read(s.backend as BackendWasm, pooled);
}

function bnTrain(args: KernelArgs): TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const x = floatInput(BN_TRAIN, args.inputs, "x");
  const gamma = floatInput(BN_TRAIN, args.inputs, "gamma");
  const beta = floatInput(BN_TRAIN, args.inputs, "beta");
  const epsilon = Number(args.attrs?.epsilon ?? 1e-3);
  const [m, c] = rowsAndChannels(BN_TRAIN, x, { gamma, beta });
  if (m === 0) throw new Error(`${BN_TRAIN}: x is empty (shape [${x.shape.join(", ")}])`);
  const s = new Scratch(backend);
  try {
    const mu = channelMeans(s, x, m, c);
    const unit = put(s, [1, 1, c, 1], new Float32Array(c).fill(1));
    const xc = scaleShift(
      s,
      s.reshape(x, [1, m, 1, c]),
      unit,
      put(
        s,
        [c],
        mu.map((v) => -v),
      ),
    );
    const va = channelMeans(s, s.run("Square", { x: xc }), m, c);
    const rs = va.map((v) => 1 / Math.sqrt(v + epsilon));
    const g = read(backend, gamma);
    const y = scaleShift(
      s,
      xc,
      put(
        s,
        [1, 1, c, 1],
        rs.map((r, k) => g[k]! * r),
      ),
      beta,
    );
    return [
      s.keep(s.reshape(y, x.shape)),
      s.keep(put(s, [c], mu)),
      s.keep(put(s, [c], va)),
      s.keep(put(s, [c], rs)),
      s.keep(s.reshape(xc, x.shape)),
    ];
  } finally {
    s.dispose();
  }
}

function bnTrainGrad(args: KernelArgs): TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const dy = floatInput(BN_TRAIN_GRAD, args.inputs, "dy");
  const xc = floatInput(BN_TRAIN_GRAD, args.inputs, "xc");
  const gamma = floatInput(BN_TRAIN_GRAD, args.inputs, "gamma");
  const rstd = floatInput(BN_TRAIN_GRAD, args.inputs, "rstd");
  if (dy.shape.join() !== xc.shape.join())
    throw new Error(
      `${BN_TRAIN_GRAD}: dy [${dy.shape.join(", ")}] and xc [${xc.shape.join(", ")}] differ`,
    );
  const [m, c] = rowsAndChannels(BN_TRAIN_GRAD, xc, { gamma, rstd });
  if (m === 0) throw new Error(`${BN_TRAIN_GRAD}: xc is empty (shape [${xc.shape.join(", ")}])`);
  const s = new Scratch(backend);
  try {
    const sdy = channelMeans(s, dy, m, c).map((v) => v * m);
    const sdyx = channelMeans(s, s.multiply(dy, xc), m, c).map((v) => v * m);
    const g = read(backend, gamma);
    const rs = read(backend, rstd);
    const k1 = rs.map((r, k) => g[k]! * r);
    const k2 = k1.map((a, k) => (-a * rs[k]! * rs[k]! * sdyx[k]!) / m);
    const k3 = k1.map((a, k) => (-a * sdy[k]!) / m);
    const flat = [1, m, 1, c];
    const dx = s.run("Add", {
      a: scaleShift(s, s.reshape(dy, flat), put(s, [1, 1, c, 1], k1)),
      b: scaleShift(s, s.reshape(xc, flat), put(s, [1, 1, c, 1], k2), put(s, [c], k3)),
    });
    return [
      s.keep(s.reshape(dx, xc.shape)),
      s.keep(
        put(
          s,
          [c],
          sdyx.map((v, k) => v * rs[k]!),
        ),
      ),
      s.keep(put(s, [c], sdy)),
    ];
  } finally {
    s.dispose();
  }
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
