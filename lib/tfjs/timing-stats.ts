/**
 * Timing statistics and option checks, free of tfjs (the page validates with them too).
 */
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
