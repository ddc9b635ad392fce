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
  readonly ratioKeras: number;
  /** Max |fused - keras| over the output (the fused path computes the same function). */
  readonly maxAbsDiff: number;
}

function stats(xs: readonly number[]): { median: number; p90: number } {
  return { median: median(xs), p90: percentile(xs, 90) };
}

export async function runCase(
  ort: typeof ortNs,
  c: CaseSpec,
  runs: number,
  warmup = 3,
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
  const f: number[] = [];
  const k: number[] = [];
  const o: number[] = [];
  // Alternate, and swap the order every run, so drift and contention hit both alike.
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      f.push(await timeTf(fast));
      o.push(await timeOrt());
    } else {
      o.push(await timeOrt());
      f.push(await timeTf(fast));
    }
  }
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
    ratioKeras: ks.median / os.median,
    maxAbsDiff,
  };
}

export function formatCase(r: CaseResult): string {
  const f = (v: number): string => v.toFixed(1).padStart(7);
  return [
    `${r.label}  (${r.params.toLocaleString("en-US")} params, ${r.runs} alternating runs)`,
    `  tfjs-wasm BN-folded  median ${f(r.tfjsFusedMs.median)} ms  p90 ${f(r.tfjsFusedMs.p90)} ms`,
    `  onnxruntime-web      median ${f(r.ortMs.median)} ms  p90 ${f(r.ortMs.p90)} ms`,
    `  ratio tfjs/ort       ${r.ratio.toFixed(2)}  (goal <= 1.00: ${r.ratio <= 1 ? "met" : "MISSED"})`,
    `  tfjs Keras graph     median ${f(r.tfjsKerasMs.median)} ms  (ratio ${r.ratioKeras.toFixed(2)}, unfused reference)`,
    `  fused vs Keras graph: max |diff| ${r.maxAbsDiff.toExponential(2)} (random weights give a near-uniform softmax; the real equivalence check is test/lib/tfjs/fold-bn.test.ts)`,
  ].join("\n");
}

export const CASES = [
  { label: "EfficientNet-B0 224", request: { preset: "b0" }, file: "efficientnet_b0.onnx" },
  { label: "MobileNetV2 224", request: { model: "mobilenetv2" }, file: "mobilenet_v2.onnx" },
] as const;
