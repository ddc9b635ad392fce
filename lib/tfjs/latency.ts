/**
 * Paper table 4 on this device: builds each candidate net in turn, times batch-1 inference
 * on its fused path, frees it, and stops starting new nets when the time budget is spent.
 * Cheapest first, so a short budget still fills the small end of the table.
 */
import * as tf from "@tensorflow/tfjs";

import { calculate } from "../calculator";
import type { CalcRequest } from "../scaling/request";
import { BuildCancelledError, buildModel } from "./builder";
import { fuseModel } from "./fold-bn";
import {
  sweepCandidates,
  type LatencyOptions,
  type LatencyProgress,
  type LatencyRow,
  type LatencyTable,
} from "./latency-table";
import { randomImage, summarize, TimingCancelledError } from "./timing";

export * from "./latency-table";

export interface SweepHooks {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: LatencyProgress) => void;
  /** Clock (ms); tests may pass their own. */
  readonly now?: () => number;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class LatencySweep {
  private readonly rows: LatencyRow[] = [];

  constructor(
    private readonly opts: LatencyOptions,
    private readonly hooks: SweepHooks = {},
  ) {}

  /** Runs the sweep. Throws TimingCancelledError on cancel (nothing is left allocated). */
  async run(): Promise<LatencyTable> {
    const now = this.hooks.now ?? (() => performance.now());
    const { signal, onProgress } = this.hooks;
    const list = sweepCandidates(this.opts);
    const t0 = now();
    const report = (current: string, step: LatencyProgress["step"]): void =>
      onProgress?.({
        done: this.rows.length,
        total: list.length,
        current,
        step,
        elapsedMs: now() - t0,
        rows: [...this.rows],
      });
    for (const c of list) {
      if (signal?.aborted) throw new TimingCancelledError();
      const base = {
        key: c.key,
        label: c.label,
        model: c.model,
        macs: c.macs,
        params: c.params,
        resolution: c.resolution,
      };
      // The first net always runs: a budget smaller than one net still gives one row.
      if (this.rows.length > 0 && now() - t0 >= this.opts.budgetMs) {
        this.rows.push({ ...base, status: "skipped", note: "time budget spent" });
        continue;
      }
      report(c.label, "build");
      try {
        this.rows.push({ ...base, status: "timed", ...(await this.timeOne(c.request, c.macs)) });
      } catch (e) {
        if (e instanceof BuildCancelledError || e instanceof TimingCancelledError) {
          throw new TimingCancelledError();
        }
        this.rows.push({ ...base, status: "failed", note: errorText(e) });
      }
      report(c.label, "done");
    }
    return {
      backend: tf.getBackend(),
      budgetMs: this.opts.budgetMs,
      elapsedMs: now() - t0,
      complete: this.rows.every((r) => r.status !== "skipped"),
      rows: [...this.rows],
    };
  }

  private async timeOne(
    request: CalcRequest,
    macs: number,
  ): Promise<Pick<LatencyRow, "buildMs" | "meanMs" | "medianMs" | "minMs" | "runs">> {
    const { signal } = this.hooks;
    const calc = calculate(request);
    const { model, buildMs } = await buildModel(calc.spec, signal ? { signal } : {});
    const fused = fuseModel(calc.spec, model);
    const input = randomImage(1, calc.spec.resolution);
    try {
      const samples: number[] = [];
      for (let i = 0; i < this.opts.warmup + this.opts.runs; i++) {
        if (signal?.aborted) throw new TimingCancelledError();
        const t = performance.now();
        const y = fused.predict(input);
        try {
          await y.data(); // read back, so GPU backends are timed to the result
        } finally {
          y.dispose();
        }
        if (i >= this.opts.warmup) samples.push(performance.now() - t);
        // Let a cancel message in between runs (a B7 run takes seconds).
        await new Promise((r) => setTimeout(r, 0));
      }
      const s = summarize(samples, macs, 1, this.opts.warmup);
      return { buildMs, meanMs: s.meanMs, medianMs: s.medianMs, minMs: s.minMs, runs: s.runs };
    } finally {
      input.dispose();
      fused.dispose();
      model.dispose();
    }
  }
}
