/**
 * The CAM benchmark's measuring part, shared by Node (bench/cam.ts) and headless Chromium
 * (bench/browser/cam-entry.ts): for each model, a plain forward pass and every method of the
 * registry on the same input, alternated run by run (each after a short idle pause): median
 * times, the median ratio to the same round's forward pass (the goal's verdict), and each
 * candidate's fastest run with its ratio. Batched methods (Score-CAM) get fewer runs.
 */
import * as tf from "@tensorflow/tfjs";

import { calculate } from "../lib/calculator";
import { parseRequest } from "../lib/scaling/request";
import { buildModel } from "../lib/tfjs/builder";
import { type CamEngine, createCamEngine } from "../lib/tfjs/cam";
import { CAM_METHOD_TABLE, CAM_METHODS, type CamMethod } from "../lib/tfjs/cam-methods";
import { IMAGENET_LABELS } from "../lib/tfjs/labels";
import type { LoadedModel } from "../lib/tfjs/model-load";

export const GOAL = 1.2;
const SETTLE_MS = 30;

export interface CaseTimes {
  readonly model: string;
  readonly backend: string;
  /** Median ms per candidate ("forward" and each method). */
  readonly ms: Record<string, number>;
  /** Fastest run per candidate: on a shared, loaded machine the least disturbed figure. */
  readonly minMs: Record<string, number>;
  /**
   * Median over rounds of (method / forward pass of the same round): load that drifts over
   * seconds cancels within a round. Batched methods (own rounds): median / median forward.
   */
  readonly ratio: Record<string, number>;
  readonly runs: Record<string, number>;
  readonly gradientBackend: string | null;
  readonly leak: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const now = () => performance.now();

/** The builder's EfficientNet-B0 (random weights: timing only). */
export async function builderB0(): Promise<LoadedModel> {
  const calc = calculate(parseRequest({ model: "efficientnet", preset: "b0" }));
  const built = await buildModel(calc.spec);
  return { format: "layers", model: built.model, url: "builder:b0", weightBytes: 0 };
}

export async function timeCase(
  name: string,
  loaded: LoadedModel,
  input: Float32Array | null,
  runs: number,
  slowRuns: number,
  methods: readonly CamMethod[] = CAM_METHODS,
): Promise<CaseTimes> {
  const engine: CamEngine = createCamEngine(loaded, { labels: IMAGENET_LABELS });
  const [h, w] = engine.inputSize;
  const x = tf.tensor4d(input ?? new Float32Array(h * w * 3).map(() => Math.random() * 2 - 1), [
    1,
    h,
    w,
    3,
  ]);
  const before = tf.memory().numTensors;
  let gradientBackend: string | null = null;
  const fns: Record<string, () => Promise<unknown>> = { forward: () => engine.predict(x) };
  for (const m of methods) {
    if (CAM_METHOD_TABLE[m].needsLinearHead && !engine.info.head) continue;
    fns[m] = async () => {
      const r = await engine.analyze(x, { method: m, classes: "top", batchSize: 32 });
      if (r.gradient)
        gradientBackend = r.gradient.fallback ? r.gradient.backend : r.gradient.backend;
    };
  }
  const names = Object.keys(fns);
  const fast = names.filter((n) => n === "forward" || !CAM_METHOD_TABLE[n as CamMethod].batchable);
  const slow = names.filter((n) => !fast.includes(n));
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const once = async (n: string) => {
    await sleep(SETTLE_MS);
    const t = now();
    await fns[n]();
    times[n].push(now() - t);
  };
  for (const n of names) await fns[n](); // warm-up
  for (const n of names) times[n].length = 0;
  for (let r = 0; r < runs; r++) for (const n of fast) await once(n);
  for (let r = 0; r < slowRuns; r++) for (const n of slow) await once(n);
  const leak = tf.memory().numTensors - before;
  x.dispose();
  engine.dispose();
  return {
    model: name,
    backend: tf.getBackend(),
    ms: Object.fromEntries(names.map((n) => [n, median(times[n])])),
    minMs: Object.fromEntries(names.map((n) => [n, Math.min(...times[n])])),
    ratio: Object.fromEntries(
      names.map((n) => [
        n,
        fast.includes(n)
          ? median(times[n].map((t, r) => t / times.forward[r]))
          : median(times[n]) / median(times.forward),
      ]),
    ),
    runs: Object.fromEntries(names.map((n) => [n, times[n].length])),
    gradientBackend,
    leak,
  };
}

/** Lines for one case, and whether the gradient methods meet the goal. */
export function formatCase(c: CaseTimes): { lines: string[]; met: boolean; worst: number } {
  const lines = [`${c.model} on ${c.backend} (gradients on ${c.gradientBackend ?? "-"}):`];
  let worst = 0;
  for (const [k, v] of Object.entries(c.ms)) {
    const ratio = c.ratio[k];
    const label = k === "forward" ? "forward pass" : CAM_METHOD_TABLE[k as CamMethod].label;
    if (k === "gradcam" || k === "gradcam++") worst = Math.max(worst, ratio);
    const fastest = `min ${c.minMs[k].toFixed(1)} ms${k === "forward" ? "" : ` ${(c.minMs[k] / c.minMs.forward).toFixed(2)}x`}`;
    lines.push(
      `  ${label.padEnd(13)} ${v.toFixed(1).padStart(8)} ms${k === "forward" ? "          " : `  ${ratio.toFixed(2)}x forward`}  (${c.runs[k]} runs; ${fastest})`,
    );
  }
  if (c.leak) lines.push(`  LEAK ${c.leak} tensors`);
  return { lines, met: worst <= GOAL, worst };
}
