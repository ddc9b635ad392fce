/**
 * The side-by-side part of the inference benchmark, shared by Node (bench/inference.ts) and
 * headless Chromium (bench/inference-browser.ts): build the app's tfjs net and load the same
 * architecture in onnxruntime-web, then time them in alternating runs on the same input.
 */
import * as tf from "@tensorflow/tfjs";
import type * as ortNs from "onnxruntime-web";

import { calculate } from "../lib/calculator";
import { parseRequest, type RawRequest } from "../lib/scaling/request";
import { buildModel } from "../lib/tfjs/builder";
import { fuseModel } from "../lib/tfjs/fold-bn";
import { median, percentile } from "../lib/tfjs/timing";

export interface CaseSpec {
  readonly label: string;
  readonly request: RawRequest;
  /** ONNX bytes of the same architecture (NCHW [1,3,224,224] input "input"). */
  readonly onnx: Uint8Array;
}

export interface CaseResult {
  readonly label: string;
  readonly params: number;
  readonly runs: number;
  readonly tfjsFusedMs: { median: number; p90: number };
  readonly tfjsKerasMs: { median: number; p90: number };
  readonly ortMs: { median: number; p90: number };
  /** tfjs fused median / ort median (goal <= 1). */
  readonly ratio: number;
  /** Milliseconds each timed run waited first, so the other runtime's threads went idle. */
  readonly settleMs: number;
  /** The same alternation with no pause between runs (threads of one runtime still busy). */
  readonly backToBack: { tfjsFusedMs: number; ortMs: number; ratio: number };
  readonly ratioKeras: number;
  /** Max |fused - keras| over the output (the fused path computes the same function). */
  readonly maxAbsDiff: number;
}

function stats(xs: readonly number[]): { median: number; p90: number } {
  return { median: median(xs), p90: percentile(xs, 90) };
}

/**
 * Why a settle pause: both runtimes keep their worker threads spinning for a while after a
 * run. On a 2-core machine, back-to-back alternation makes each runtime's run share the CPU
 * with the other's spinning threads, which says more about the order of runs than about
 * either runtime (in the app only one runs). A short idle pause before every timed run, for
 * both runtimes alike, measures each on a quiet machine; the back-to-back figures are still
 * printed.
 */
export const SETTLE_MS = 30;

const idle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runCase(
  ort: typeof ortNs,
  c: CaseSpec,
  runs: number,
  warmup = 3,
  settleMs = SETTLE_MS,
): Promise<CaseResult> {
  const calc = calculate(parseRequest(c.request));
  const r = calc.spec.resolution;
  const { model } = await buildModel(calc.spec);
  const fused = fuseModel(calc.spec, model);
  const session = await ort.InferenceSession.create(c.onnx, {
    executionProviders: ["wasm"],
    graphOptimizationLevel: "all",
  });
  const nhwc = tf.randomUniform([1, r, r, 3], 0, 1, "float32", 7) as tf.Tensor4D;
  const nchw = tf.transpose(nhwc, [0, 3, 1, 2]);
  const feed = {
    [session.inputNames[0] ?? "input"]: new ort.Tensor("float32", nchw.dataSync().slice(), [
      1,
      3,
      r,
      r,
    ]),
  };
  nchw.dispose();

  const timeTf = async (f: (x: tf.Tensor4D) => tf.Tensor): Promise<number> => {
    const t0 = performance.now();
    const y = f(nhwc);
    await y.data();
    y.dispose();
    return performance.now() - t0;
  };
  const timeOrt = async (): Promise<number> => {
    const t0 = performance.now();
    const out = await session.run(feed);
    for (const v of Object.values(out)) v.dispose();
    return performance.now() - t0;
  };
  const keras = (x: tf.Tensor4D): tf.Tensor => model.predict(x) as tf.Tensor;
  const fast = (x: tf.Tensor4D): tf.Tensor => fused.predict(x);

  let maxAbsDiff = 0;
  {
    const a = keras(nhwc);
    const b = fast(nhwc);
    maxAbsDiff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? NaN);
    a.dispose();
    b.dispose();
  }
  for (let i = 0; i < warmup; i++) {
    await timeTf(fast);
    await timeTf(keras);
    await timeOrt();
  }
  // Alternate, and swap the order every run, so drift and contention hit both alike.
  const alternate = async (pause: number): Promise<{ f: number[]; o: number[] }> => {
    const f: number[] = [];
    const o: number[] = [];
    const tfRun = async (): Promise<void> => {
      if (pause > 0) await idle(pause);
      f.push(await timeTf(fast));
    };
    const ortRun = async (): Promise<void> => {
      if (pause > 0) await idle(pause);
      o.push(await timeOrt());
    };
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        await tfRun();
        await ortRun();
      } else {
        await ortRun();
        await tfRun();
      }
    }
    return { f, o };
  };
  const { f, o } = await alternate(settleMs);
  const b2b = await alternate(0);
  const k: number[] = [];
  // The faithful Keras graph, timed separately (fewer runs: it is only for reference).
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 3)); i++) k.push(await timeTf(keras));

  const params = model.countParams();
  nhwc.dispose();
  fused.dispose();
  model.dispose();
  await session.release();
  const fs = stats(f);
  const ks = stats(k);
  const os = stats(o);
  return {
    label: c.label,
    params,
    runs,
    tfjsFusedMs: fs,
    tfjsKerasMs: ks,
    ortMs: os,
    ratio: fs.median / os.median,
    settleMs,
    backToBack: {
      tfjsFusedMs: median(b2b.f),
      ortMs: median(b2b.o),
      ratio: median(b2b.f) / median(b2b.o),
    },
    ratioKeras: ks.median / os.median,
    maxAbsDiff,
  };
}

export function formatCase(r: CaseResult): string {
  const f = (v: number): string => v.toFixed(1).padStart(7);
  return [
    `${r.label}  (${r.params.toLocaleString("en-US")} params, ${r.runs} alternating runs, each after ${r.settleMs} ms idle)`,
    `  tfjs-wasm BN-folded  median ${f(r.tfjsFusedMs.median)} ms  p90 ${f(r.tfjsFusedMs.p90)} ms`,
    `  onnxruntime-web      median ${f(r.ortMs.median)} ms  p90 ${f(r.ortMs.p90)} ms`,
    `  ratio tfjs/ort       ${r.ratio.toFixed(2)}  (goal <= 1.00: ${r.ratio <= 1 ? "met" : "MISSED"})`,
    `  back-to-back         tfjs ${f(r.backToBack.tfjsFusedMs)} ms  ort ${f(r.backToBack.ortMs)} ms  ratio ${r.backToBack.ratio.toFixed(2)}  (${r.runs} alternating runs, no idle)`,
    `  tfjs Keras graph     median ${f(r.tfjsKerasMs.median)} ms  (ratio ${r.ratioKeras.toFixed(2)}, unfused reference)`,
    `  fused vs Keras graph: max |diff| ${r.maxAbsDiff.toExponential(2)} (random weights give a near-uniform softmax; the real equivalence check is test/lib/tfjs/fold-bn.test.ts)`,
  ].join("\n");
}

export const CASES = [
  { label: "EfficientNet-B0 224", request: { preset: "b0" }, file: "efficientnet_b0.onnx" },
  { label: "MobileNetV2 224", request: { model: "mobilenetv2" }, file: "mobilenet_v2.onnx" },
] as const;
