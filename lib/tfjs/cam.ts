/**
 * Class activation maps on a loaded LayersModel or GraphModel.
 *
 *   const engine = createCamEngine(loaded, { labels: IMAGENET_LABELS });
 *   const r = await engine.analyze(input, { method: "cam", classes: "top", topK: 5 });
 *   r.top       -> [{ index, label, probability }]        (label space: 0 = "tench")
 *   r.maps[0]   -> { classIndex, grid: Float32Array 0..1, raw, width, height }
 *
 * Methods: CAM (Zhou et al. 2016: the classifier's weights applied to the last feature map,
 * one forward pass + a [HW x C] x [C] product), Grad-CAM (Selvaraju et al. 2017: channel
 * weights = spatial mean of d(logit)/d(features), then ReLU) and Grad-CAM++ (Chattopadhay
 * et al. 2018, closed form with exponential scores as in pytorch-grad-cam). Gradients need a
 * backend with gradient kernels (cpu, webgl); wasm has none, so the caller switches backend.
 *
 * Every call cleans up after itself: tensors in == tensors out (see the leak test).
 */
import * as tf from "@tensorflow/tfjs";

import { detectGraphHead, detectLayersHead, type HeadInfo } from "./head-detect";
import { shortLabel } from "./labels";
import type { LoadedModel } from "./model-load";

export type CamMethod = "cam" | "gradcam" | "gradcam++";
export const CAM_METHODS: readonly CamMethod[] = ["cam", "gradcam", "gradcam++"];
export const CAM_METHOD_LABELS: Readonly<Record<CamMethod, string>> = {
  cam: "CAM",
  gradcam: "Grad-CAM",
  "gradcam++": "Grad-CAM++",
};

export function isCamMethod(v: unknown): v is CamMethod {
  return typeof v === "string" && (CAM_METHODS as readonly string[]).includes(v);
}

export interface TopClass {
  readonly index: number;
  readonly label: string;
  readonly probability: number;
}

export interface CamMap {
  readonly classIndex: number;
  readonly method: CamMethod;
  readonly width: number;
  readonly height: number;
  /** Min-max normalised to 0..1, row-major. */
  readonly grid: Float32Array;
  /** Before normalisation (CAM: may be negative; Grad-CAM(++): after ReLU). */
  readonly raw: Float32Array;
}

export interface CamAnalysis {
  /** Probabilities in label space (length = number of labels the model's outputs cover). */
  readonly probs: Float32Array;
  readonly top: readonly TopClass[];
  readonly maps: readonly CamMap[];
  readonly timings: { readonly forwardMs: number; readonly mapMs: number };
}

export interface AnalyzeRequest {
  readonly method: CamMethod;
  /** Label indices to map, or "top" for the top-1. */
  readonly classes?: readonly number[] | "top";
  readonly topK?: number;
}

export class CamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CamError";
  }
}

export interface CamEngine {
  readonly format: "layers" | "graph";
  readonly info: HeadInfo;
  /** Model input [height, width]. */
  readonly inputSize: readonly [number, number];
  readonly labels: readonly string[];
  /** Output index of label 0 (1 for TF-Hub nets whose output 0 is "background"). */
  readonly classOffset: number;
  /** Plain forward pass: probabilities in label space. */
  predict(input: tf.Tensor4D): Promise<Float32Array>;
  analyze(input: tf.Tensor4D, req: AnalyzeRequest): Promise<CamAnalysis>;
  /** Releases engine-owned tensors (the model itself belongs to the caller). */
  dispose(): void;
}

export interface EngineOptions {
  readonly labels?: readonly string[];
  /** Feature layer/node chosen by the user instead of the detected one. */
  readonly featureLayer?: string | null;
  /** Input size when the model leaves it open (fully convolutional models). */
  readonly defaultInputSize?: number;
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Row-major min-max normalisation; constant maps become zeros. */
function minMax(raw: Float32Array): Float32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of raw) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const out = new Float32Array(raw.length);
  const span = hi - lo;
  if (span > 0 && Number.isFinite(span))
    for (let i = 0; i < raw.length; i++) out[i] = (raw[i] - lo) / span;
  return out;
}

/** Softmax unless the values already are a probability vector. */
function toProbs(out: tf.Tensor, isSoftmax: boolean): tf.Tensor1D {
  const flat = out.reshape([-1]) as tf.Tensor1D;
  return isSoftmax ? flat : tf.softmax(flat);
}

function topK(probs: Float32Array, labels: readonly string[], k: number): TopClass[] {
  const idx = Array.from(probs.keys()).sort((a, b) => probs[b] - probs[a]);
  return idx
    .slice(0, k)
    .map((i) => ({ index: i, label: labels[i] ?? `class ${i}`, probability: probs[i] }));
}

/** Grad-CAM / Grad-CAM++ maps from features [1,h,w,C] and d(score)/d(features). */
function gradMap(
  features: tf.Tensor4D,
  grads: tf.Tensor4D,
  method: "gradcam" | "gradcam++",
): tf.Tensor2D {
  return tf.tidy(() => {
    let weights: tf.Tensor;
    if (method === "gradcam") {
      weights = grads.mean([1, 2], true);
    } else {
      const g2 = grads.square();
      const g3 = g2.mul(grads);
      const sumA = features.sum([1, 2], true);
      const denom = g2.mul(2).add(sumA.mul(g3));
      const safe = tf.where(denom.notEqual(0), denom, tf.onesLike(denom));
      const aij = g2.div(safe);
      weights = aij.mul(grads.relu()).sum([1, 2], true);
    }
    const [, h, w] = features.shape;
    return features.mul(weights).sum(-1).relu().reshape([h, w]) as tf.Tensor2D;
  });
}

type Layer = tf.layers.Layer;

/** Pre-softmax output of a dense / 1x1-conv layer whose activation is fused softmax. */
function linearPart(layer: Layer, x: tf.Tensor): tf.Tensor {
  const [kernel, bias] = layer.getWeights();
  const cls = layer.getClassName();
  let y: tf.Tensor;
  if (cls === "Dense") {
    const x2 = x.rank === 2 ? x : x.reshape([-1, x.shape[x.rank - 1]]);
    y = tf.matMul(x2 as tf.Tensor2D, kernel as tf.Tensor2D);
  } else if (cls === "Conv2D") {
    y = tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, 1, "same");
  } else {
    throw new CamError(`cannot take the pre-softmax output of ${cls} "${layer.name}"`);
  }
  return bias ? y.add(bias) : y;
}

function createLayersEngine(
  model: tf.LayersModel,
  info: HeadInfo,
  labels: readonly string[],
  offset: number,
): CamEngine {
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const featLayer = byName.get(info.feature.name)!;
  const logitsLayer = byName.get(info.logits)!;
  // Sub-model sharing the layers: one forward pass gives both the map and the scores.
  const both = tf.model({
    inputs: model.inputs,
    outputs: [featLayer.output as tf.SymbolicTensor, model.outputs[0]],
  });
  let camWeights: tf.Tensor2D | null = null;
  if (info.head) {
    const cls = byName.get(info.head.classifier)!;
    const k = cls.getWeights()[0];
    camWeights = tf.keep(k.reshape([info.head.channels, info.head.classes]) as tf.Tensor2D);
  }
  const inShape = model.inputs[0].shape;

  /** Logits as a function of the feature map (the model evaluated eagerly from there). */
  const logitsFrom = (x: tf.Tensor4D, f: tf.Tensor4D): tf.Tensor => {
    const memo = new Map<string, tf.Tensor>();
    const val = (l: Layer): tf.Tensor => {
      if (l === featLayer) return f;
      const m = memo.get(l.name);
      if (m) return m;
      let out: tf.Tensor;
      if (l.getClassName() === "InputLayer") out = x;
      else {
        const ins = (l.inboundNodes[0]?.inboundLayers ?? []).map(val);
        const arg = ins.length === 1 ? ins[0] : ins;
        const act = (l.getConfig() as { activation?: unknown }).activation;
        if (l === logitsLayer && act === "softmax") out = linearPart(l, ins[0]);
        else out = l.apply(arg) as tf.Tensor;
      }
      memo.set(l.name, out);
      return out;
    };
    return val(logitsLayer);
  };

  return {
    format: "layers",
    info,
    inputSize: [inShape[1] ?? 224, inShape[2] ?? 224],
    labels,
    classOffset: offset,
    async predict(input) {
      const p = tf.tidy(() => {
        const out = model.predict(input) as tf.Tensor;
        return toProbs(out, info.outputIsSoftmax).slice(offset);
      });
      const d = (await p.data()) as Float32Array;
      p.dispose();
      return d;
    },
    async analyze(input, req) {
      return runAnalysis(input, req, {
        forward: () => {
          const [f, o] = both.predict(input) as tf.Tensor[];
          const probs = tf.tidy(() => toProbs(o, info.outputIsSoftmax).slice(offset));
          o.dispose();
          return { features: f as tf.Tensor4D, probs: probs as tf.Tensor1D };
        },
        camWeights,
        scoreOf: (f, outIndex) => logitsFrom(input, f).reshape([-1]).gather([outIndex]).sum(),
        info,
        labels,
        offset,
      });
    },
    dispose() {
      camWeights?.dispose();
      camWeights = null;
    },
  };
}

function createGraphEngine(
  model: tf.GraphModel,
  info: HeadInfo,
  labels: readonly string[],
  offset: number,
  inputName: string,
  inputSize: readonly [number, number],
): CamEngine {
  let camWeights: tf.Tensor2D | null = null;
  if (info.head) {
    const k = model.weights[info.head.classifier]?.[0];
    if (!k) throw new CamError(`classifier weight ${info.head.classifier} not found in the graph`);
    camWeights = tf.keep(k.reshape([info.head.channels, info.head.classes]) as tf.Tensor2D);
  }
  return {
    format: "graph",
    info,
    inputSize,
    labels,
    classOffset: offset,
    async predict(input) {
      const p = tf.tidy(() => {
        const out = model.execute({ [inputName]: input }, info.output) as tf.Tensor;
        return toProbs(out, info.outputIsSoftmax).slice(offset);
      });
      const d = (await p.data()) as Float32Array;
      p.dispose();
      return d;
    },
    async analyze(input, req) {
      return runAnalysis(input, req, {
        forward: () => {
          const [f, o] = model.execute({ [inputName]: input }, [
            info.feature.name,
            info.output,
          ]) as tf.Tensor[];
          const probs = tf.tidy(() => toProbs(o, info.outputIsSoftmax).slice(offset));
          o.dispose();
          return { features: f as tf.Tensor4D, probs: probs as tf.Tensor1D };
        },
        camWeights,
        scoreOf: (f, outIndex) => {
          const out = model.execute(
            { [inputName]: input, [info.feature.name]: f },
            info.logits,
          ) as tf.Tensor;
          return out.reshape([-1]).gather([outIndex]).sum();
        },
        info,
        labels,
        offset,
      });
    },
    dispose() {
      camWeights?.dispose();
      camWeights = null;
    },
  };
}

interface Runner {
  forward(): { features: tf.Tensor4D; probs: tf.Tensor1D };
  camWeights: tf.Tensor2D | null;
  scoreOf(f: tf.Tensor4D, outIndex: number): tf.Scalar;
  info: HeadInfo;
  labels: readonly string[];
  offset: number;
}

async function runAnalysis(
  input: tf.Tensor4D,
  req: AnalyzeRequest,
  r: Runner,
): Promise<CamAnalysis> {
  if (req.method === "cam" && !r.camWeights) {
    throw new CamError(
      r.info.camBlocker ?? "Plain CAM is impossible for this model; use Grad-CAM.",
    );
  }
  if (req.method !== "cam" && tf.getBackend() === "wasm") {
    throw new CamError(
      `${CAM_METHOD_LABELS[req.method]} needs gradients, which the wasm backend lacks; switch to cpu or webgl.`,
    );
  }
  const t0 = now();
  const { features, probs } = r.forward();
  let probsData: Float32Array;
  try {
    probsData = (await probs.data()) as Float32Array;
  } catch (e) {
    features.dispose();
    probs.dispose();
    throw e;
  }
  probs.dispose();
  const t1 = now();
  const labels = r.labels;
  const top = topK(probsData, labels, Math.max(1, Math.min(req.topK ?? 5, probsData.length)));
  const classes = req.classes === undefined || req.classes === "top" ? [top[0].index] : req.classes;
  const maps: CamMap[] = [];
  try {
    for (const c of classes) {
      if (!Number.isInteger(c) || c < 0 || c >= probsData.length) {
        throw new CamError(
          `class ${c} is out of range: the model has classes 0..${probsData.length - 1}`,
        );
      }
      const outIndex = c + r.offset;
      const [, h, w] = features.shape;
      let map: tf.Tensor2D;
      if (req.method === "cam") {
        const W = r.camWeights!;
        map = tf.tidy(() => {
          const C = features.shape[3];
          const wc = W.slice([0, outIndex], [C, 1]);
          return features
            .reshape([h * w, C])
            .matMul(wc)
            .reshape([h, w]) as tf.Tensor2D;
        });
      } else {
        const grads = tf.tidy(
          () =>
            tf.grad((f: tf.Tensor) => r.scoreOf(f as tf.Tensor4D, outIndex))(
              features,
            ) as tf.Tensor4D,
        );
        map = gradMap(features, grads, req.method);
        grads.dispose();
      }
      const raw = (await map.data()) as Float32Array;
      map.dispose();
      maps.push({ classIndex: c, method: req.method, width: w, height: h, raw, grid: minMax(raw) });
    }
  } finally {
    features.dispose();
  }
  const t2 = now();
  return { probs: probsData, top, maps, timings: { forwardMs: t1 - t0, mapMs: t2 - t1 } };
}

/** Output index offset between the model's classes and the labels (TF-Hub: background at 0). */
function labelOffset(numClasses: number, labels: readonly string[]): number {
  return numClasses === labels.length + 1 ? 1 : 0;
}

function fillLabels(labels: readonly string[] | undefined, n: number): string[] {
  return Array.from({ length: n }, (_, i) => labels?.[i] ?? `class ${i}`);
}

/** Build the CAM engine for a loaded model (detects the feature map and head). */
export function createCamEngine(loaded: LoadedModel, opts: EngineOptions = {}): CamEngine {
  if (loaded.format === "layers") {
    const info = detectLayersHead(loaded.model, opts.featureLayer);
    const offset = opts.labels ? labelOffset(info.numClasses, opts.labels) : 0;
    return createLayersEngine(
      loaded.model,
      info,
      fillLabels(opts.labels, info.numClasses - offset),
      offset,
    );
  }
  const model = loaded.model;
  if (model.inputs.length !== 1) {
    throw new CamError(`The graph has ${model.inputs.length} inputs; CAM needs one image input.`);
  }
  if (model.outputs.length < 1) throw new CamError("The graph has no output node.");
  const input = model.inputs[0];
  const shape = (input.shape ?? [-1, -1, -1, 3]).map((d) => (d == null || d < 0 ? -1 : d));
  if (shape.length !== 4 || (shape[3] !== 3 && shape[3] !== -1)) {
    throw new CamError(
      `The graph's input ${input.name} has shape [${shape.join(", ")}]; an image input [1, H, W, 3] is needed.`,
    );
  }
  const size: [number, number] = [
    shape[1] > 0 ? shape[1] : (opts.defaultInputSize ?? 224),
    shape[2] > 0 ? shape[2] : (opts.defaultInputSize ?? 224),
  ];
  const outputName = model.outputs[0].name.replace(/:\d+$/, "");
  // One probe execution gives every node's output shape (needed to find spatial maps).
  const names = loaded.nodes
    .filter((n) => n.op !== "Const" && n.op !== "Placeholder" && n.op !== "NoOp")
    .map((n) => n.name);
  const shapes = new Map<string, number[]>();
  tf.tidy(() => {
    const probe = tf.zeros([1, size[0], size[1], 3]);
    const outs = model.execute({ [input.name]: probe }, names) as tf.Tensor[];
    names.forEach((n, i) => shapes.set(n, outs[i].shape));
  });
  const info = detectGraphHead(
    loaded.nodes,
    outputName,
    shapes,
    (n) => model.weights[n]?.[0]?.shape ?? null,
    opts.featureLayer,
  );
  const offset = opts.labels ? labelOffset(info.numClasses, opts.labels) : 0;
  return createGraphEngine(
    model,
    info,
    fillLabels(opts.labels, info.numClasses - offset),
    offset,
    input.name,
    size,
  );
}

/** "Egyptian cat (0.61)" style summary used by CLI messages. */
export function describeTop(t: TopClass): string {
  return `${shortLabel(t.label)} (${t.probability.toFixed(3)})`;
}
