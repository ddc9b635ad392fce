/**
 * Inference timing: warm-up runs, then N timed runs, each ending when the output values
 * have been read back (so GPU backends are timed honestly), median and p90, effective
 * GMAC/s from the calculator's MACs.
 */
import * as tf from "@tensorflow/tfjs";

import { summarize, type TimingStats } from "./timing-stats";

export * from "./timing-stats";

export interface TimingOptions {
  readonly runs: number;
  readonly warmup?: number;
  readonly batch?: number;
  readonly signal?: AbortSignal;
  readonly onRun?: (done: number, total: number, ms: number) => void;
}

export class TimingCancelledError extends Error {
  constructor() {
    super("timing cancelled");
    this.name = "TimingCancelledError";
  }
}

function now(): number {
  return performance.now();
}

/**
 * Times `predict` on `input` (caller owns it). `macs` is the batch-1 MAC count. Leaks
 * nothing: every output is disposed after its values are read.
 */
export async function timeInference(
  predict: (x: tf.Tensor4D) => tf.Tensor,
  input: tf.Tensor4D,
  macs: number,
  opts: TimingOptions,
): Promise<TimingStats> {
  const warmup = opts.warmup ?? 2;
  const batch = input.shape[0];
  const once = async (): Promise<number> => {
    const t0 = now();
    const y = predict(input);
    try {
      await y.data();
    } finally {
      y.dispose();
    }
    return now() - t0;
  };
  for (let i = 0; i < warmup; i++) {
    if (opts.signal?.aborted) throw new TimingCancelledError();
    await once();
  }
  const samples: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    if (opts.signal?.aborted) throw new TimingCancelledError();
    const ms = await once();
    samples.push(ms);
    opts.onRun?.(i + 1, opts.runs, ms);
  }
  return summarize(samples, macs, batch, warmup);
}

/** A random image batch in [0, 1), NHWC. */
export function randomImage(batch: number, resolution: number, seed = 1): tf.Tensor4D {
  return tf.randomUniform([batch, resolution, resolution, 3], 0, 1, "float32", seed);
}
