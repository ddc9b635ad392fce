/**
 * Inference timing: warm-up runs, then N timed runs, each ending when the output values
 * have been read back (so GPU backends are timed honestly), median and p90, effective
 * GMAC/s from the calculator's MACs.
 */
import * as tf from "@tensorflow/tfjs";

export interface TimingOptions {
  readonly runs: number;
  readonly warmup?: number;
  readonly batch?: number;
  readonly signal?: AbortSignal;
  readonly onRun?: (done: number, total: number, ms: number) => void;
}

export interface TimingStats {
  readonly runs: number;
  readonly warmup: number;
  readonly batch: number;
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  readonly meanMs: number;
  /** macs(batch 1) * batch / median, in 1e9 per second. */
  readonly gmacPerSec: number;
  /** Images per second at the median. */
  readonly imagesPerSec: number;
}

export class TimingCancelledError extends Error {
  constructor() {
    super("timing cancelled");
    this.name = "TimingCancelledError";
  }
}

export const TIMING_LIMITS = {
  runs: { min: 1, max: 1000 },
  warmup: { min: 0, max: 100 },
  batch: { min: 1, max: 64 },
} as const;

/** Validates a user-given count; throws a message naming the option. */
export function checkCount(key: keyof typeof TIMING_LIMITS, v: unknown): number {
  const l = TIMING_LIMITS[key];
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < l.min || n > l.max) {
    throw new Error(
      `${key}: expected an integer from ${l.min} to ${l.max}, got ${JSON.stringify(v)}`,
    );
  }
  return n;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarize(
  samplesMs: readonly number[],
  macs: number,
  batch: number,
  warmup: number,
): TimingStats {
  const med = median(samplesMs);
  return {
    runs: samplesMs.length,
    warmup,
    batch,
    samplesMs,
    medianMs: med,
    p90Ms: percentile(samplesMs, 90),
    minMs: Math.min(...samplesMs),
    meanMs: samplesMs.reduce((a, b) => a + b, 0) / samplesMs.length,
    gmacPerSec: (macs * batch) / (med / 1000) / 1e9,
    imagesPerSec: batch / (med / 1000),
  };
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
