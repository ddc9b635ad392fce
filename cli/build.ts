/**
 * The `--build [--backend wasm|cpu] [--bench N] [--force]` part of the calculator CLI:
 * builds the configured network in tfjs (Node), checks its parameter count against the
 * calculator, optionally times inference. cli/scale.ts calls parseBuildOptions + runBuild.
 */
import { totalmem } from "node:os";

import type { Calculation } from "../lib/calculator";
import { describeInput, isDecimal } from "../lib/state/props";
import type { BackendName } from "../lib/tfjs/backends";
import { deviceBudget, estimateMemory, formatBytes, overBudget } from "../lib/tfjs/memory-estimate";

// tfjs is imported lazily in runBuild so the plain calculator CLI starts fast.

/** Options with a value / flags this module adds to the CLI. */
export const BUILD_VALUE_OPTIONS = ["backend", "bench"] as const;
export const BUILD_FLAGS = ["build", "force"] as const;
export const NODE_BACKENDS: readonly BackendName[] = ["wasm", "cpu"];

export interface BuildCliOptions {
  readonly backend: BackendName;
  /** Timed runs; 0 = no timing. */
  readonly bench: number;
  /** Build even above the memory budget. */
  readonly force: boolean;
}

export interface TfjsReport {
  readonly params: number;
  /** params === calculator trainable + non-trainable. */
  readonly paramsMatch: boolean;
  readonly buildMs: number;
  readonly backend: BackendName;
  readonly backendDetail: string;
  readonly latencyMs?: { readonly median: number; readonly p90: number };
  readonly bench?: {
    readonly runs: number;
    readonly warmup: number;
    readonly batch: number;
    readonly path: "fused";
    readonly gmacPerSec: number;
  };
}

/** A bad --backend / --bench value, or a build refused for memory; the CLI exits 2. */
export class BuildOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildOptionError";
  }
}

/**
 * Reads the build options out of parsed CLI values/flags. Returns null without --build;
 * --backend, --bench or --force without --build is an error.
 */
export function parseBuildOptions(
  values: Readonly<Record<string, string>>,
  flags: ReadonlySet<string>,
): BuildCliOptions | null {
  const build = flags.has("build");
  if (!build) {
    const stray = [
      ...BUILD_VALUE_OPTIONS.filter((k) => k in values),
      ...(flags.has("force") ? ["force"] : []),
    ];
    if (stray.length) throw new BuildOptionError(`--${stray[0]} needs --build`);
    return null;
  }
  let backend: BackendName = "wasm";
  if (values.backend !== undefined) {
    const b = NODE_BACKENDS.find((n) => n === values.backend);
    if (!b) {
      throw new BuildOptionError(
        `--backend: unknown backend ${describeInput(values.backend)}; allowed in Node: ${NODE_BACKENDS.join(", ")}`,
      );
    }
    backend = b;
  }
  let bench = 0;
  if (values.bench !== undefined) {
    const n = isDecimal(values.bench.trim()) ? Number(values.bench) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      throw new BuildOptionError(
        `--bench: expected a number of runs from 1 to 1000, got ${describeInput(values.bench)}`,
      );
    }
    bench = n;
  }
  return { backend, bench, force: flags.has("force") };
}

/** Builds `calc`'s network in tfjs and reports; frees every tensor before returning. */
export async function runBuild(calc: Calculation, opts: BuildCliOptions): Promise<TfjsReport> {
  const estimate = estimateMemory(calc, { batch: 1, fused: opts.bench > 0 });
  const budget = deviceBudget({ totalMemBytes: totalmem(), backend: opts.backend });
  if (overBudget(estimate, budget) && !opts.force) {
    throw new BuildOptionError(
      `--build: this network needs about ${formatBytes(estimate.totalBytes)} (weights ${formatBytes(estimate.weightBytes)}, ` +
        `activations ${formatBytes(estimate.activationBytes)}), above the budget of ${formatBytes(budget.bytes)} ` +
        `(${budget.source}); add --force to build anyway`,
    );
  }
  const [tf, { selectBackend }, { buildModel }, { fuseModel }, { randomImage, timeInference }] =
    await Promise.all([
      import("@tensorflow/tfjs"),
      import("../lib/tfjs/backends"),
      import("../lib/tfjs/builder"),
      import("../lib/tfjs/fold-bn"),
      import("../lib/tfjs/timing"),
    ]);
  // Production mode: no per-op debug checks, and no "install tfjs-node" banner on stderr.
  tf.enableProdMode();
  const choice = await selectBackend({ prefer: opts.backend });
  if (choice.backend !== opts.backend) {
    throw new BuildOptionError(
      `--backend: ${opts.backend} failed to initialise here; it reported: ${choice.checks.find((c) => c.name === opts.backend)?.reason ?? "unknown"}`,
    );
  }
  const { model, buildMs } = await buildModel(calc.spec);
  try {
    const params = model.countParams();
    const report: TfjsReport = {
      params,
      paramsMatch: params === calc.totals.trainableParams + calc.totals.nonTrainableParams,
      buildMs: Math.round(buildMs * 10) / 10,
      backend: choice.backend,
      backendDetail: choice.detail,
    };
    if (opts.bench <= 0) return report;
    const fused = fuseModel(calc.spec, model);
    const x = randomImage(1, calc.spec.resolution);
    try {
      const stats = await timeInference((t) => fused.predict(t), x, calc.totals.macs, {
        runs: opts.bench,
        warmup: Math.min(3, Math.max(1, Math.ceil(opts.bench / 5))),
      });
      const r = (v: number): number => Math.round(v * 100) / 100;
      return {
        ...report,
        latencyMs: { median: r(stats.medianMs), p90: r(stats.p90Ms) },
        bench: {
          runs: stats.runs,
          warmup: stats.warmup,
          batch: 1,
          path: "fused",
          gmacPerSec: r(stats.gmacPerSec),
        },
      };
    } finally {
      x.dispose();
      fused.dispose();
    }
  } finally {
    model.dispose();
  }
}

/** Human lines for the text report. */
export function formatBuildReport(r: TfjsReport): string {
  const lines = [
    "",
    "TensorFlow.js build",
    `  backend        ${r.backendDetail}`,
    `  parameters     ${r.params.toLocaleString("en-US")} (${r.paramsMatch ? "matches the calculator" : "DOES NOT match the calculator"})`,
    `  build time     ${r.buildMs.toFixed(0)} ms`,
  ];
  if (r.latencyMs && r.bench) {
    lines.push(
      `  latency        median ${r.latencyMs.median.toFixed(1)} ms, p90 ${r.latencyMs.p90.toFixed(1)} ms ` +
        `(${r.bench.runs} runs after ${r.bench.warmup} warm-up, batch 1, BN-folded path, ${r.bench.gmacPerSec.toFixed(2)} GMAC/s)`,
    );
  }
  return lines.join("\n");
}
