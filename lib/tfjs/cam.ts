/**
 * Class activation maps on a loaded LayersModel or GraphModel.
 *
 *   const engine = createCamEngine(loaded, { labels: IMAGENET_LABELS });
 *   const r = await engine.analyze(input, { method: "gradcam", classes: "top", topK: 5 });
 *   r.top       -> [{ index, label, probability }]        (label space: 0 = "tench")
 *   r.maps[0]   -> { classIndex, grid: Float32Array 0..1, raw, width, height }
 *
 * The methods themselves are the entries of CAM_METHOD_TABLE (cam-methods.ts). Gradients
 * are taken only through the part of the network after the feature map (for the last conv
 * map: the head), on the backend of the forward pass; when that backend lacks a gradient
 * kernel (wasm before its depthwise/filter gradients are registered) the gradient alone is
 * recomputed on cpu and the result says so (`gradient.fallback`).
 *
 * Every call cleans up after itself: tensors in == tensors out (see the leak test).
 */
import * as tf from "@tensorflow/tfjs";

import { CAM_METHOD_TABLE, CamCancelled, type CamMethod, type MethodContext } from "./cam-methods";
import { detectGraphHead, detectLayersHead, type HeadInfo } from "./head-detect";
import { GradLayers } from "./grad-layers";
import { matchLabels, shortLabel } from "./labels";
import type { GraphNode, LoadedModel } from "./model-load";
import { registerWasmGradKernels } from "./wasm-grad";

// The method table lives in cam-methods.ts; re-exported for callers of the engine.
export { CAM_METHODS, isCamMethod, type CamMethod } from "./cam-methods";
export { CamCancelled };

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
  /** Where the gradient ran (methods with gradients only), and why not on the forward's backend. */
  readonly gradient: { readonly backend: string; readonly fallback: string | null } | null;
}

export interface AnalyzeRequest {
  readonly method: CamMethod;
  /** Label indices to map, or "top" for the top-1. */
  readonly classes?: readonly number[] | "top";
  readonly topK?: number;
  /** Masked inputs per forward pass for Score-CAM (default 16). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  /** Progress of batched methods (Score-CAM): forward passes done of total. */
  readonly onProgress?: (done: number, total: number) => void;
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
  /** Why the labels are "class 0", "class 1", ... (a label list of the wrong length), or null. */
  readonly labelNote: string | null;
  /** Output index of label 0 (1 for TF-Hub nets whose output 0 is "background"). */
  readonly classOffset: number;
  /** Pre-softmax scores of a batch, [n, outputs] (model output space). */
  logits(x: tf.Tensor4D): tf.Tensor2D;
  /** Plain forward pass: probabilities in label space. */
  predict(input: tf.Tensor4D): Promise<Float32Array>;
  analyze(input: tf.Tensor4D, req: AnalyzeRequest): Promise<CamAnalysis>;
  /** Releases engine-owned tensors (the model itself belongs to the caller). */
  dispose(): void;
}

export interface EngineOptions {
  readonly labels?: readonly string[];
  /**
   * Labels the user gave explicitly: a list that fits neither N nor N-1 outputs is refused
   * (CamError) instead of replaced by "class i".
   */
  readonly strictLabels?: boolean;
  /** Backend for gradients the forward backend lacks kernels for (default "cpu"). */
  readonly gradientFallback?: string;
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

/** The k most probable classes, by one pass keeping a short sorted list (sorting every class cost ~1 ms in a browser). */
function topK(probs: Float32Array, labels: readonly string[], k: number): TopClass[] {
  const idx: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    if (idx.length === k && !(probs[i] > probs[idx[k - 1]])) continue;
    let at = idx.length;
    while (at > 0 && probs[i] > probs[idx[at - 1]]) at--;
    idx.splice(at, 0, i);
    if (idx.length > k) idx.pop();
  }
  return idx.map((i) => ({ index: i, label: labels[i] ?? `class ${i}`, probability: probs[i] }));
}

type Layer = tf.layers.Layer;

interface Labelling {
  readonly labels: readonly string[];
  readonly offset: number;
  readonly note: string | null;
}

/** Shared by both engine kinds: the parts that differ per model format. */
interface Runner {
  forward(input: tf.Tensor4D): { features: tf.Tensor4D; probs: tf.Tensor1D };
  /** Logit `outIndex` as a function of the feature map (only the part after the map runs). */
  scoreOf(input: tf.Tensor4D, f: tf.Tensor4D, outIndex: number): tf.Scalar;
  logits(x: tf.Tensor4D): tf.Tensor2D;
  predictProbs(x: tf.Tensor4D): tf.Tensor1D;
  /** Gradient kernels the part after the feature map needs (checked before running). */
  readonly gradKernels: readonly string[];
  dispose?(): void;
}

/** Gradient kernels per op of the part after the map (the ones a backend may lack). */
function gradKernelsFor(ops: Iterable<string>): string[] {
  const need = new Set<string>();
  for (const op of ops) {
    if (/depthwise/i.test(op)) need.add("DepthwiseConv2dNativeBackpropInput");
    else if (/conv2d/i.test(op)) need.add("Conv2DBackpropInput");
    // Fused graph ops differentiate their filter too (tfjs computes every input's gradient).
    if (/^_?Fused/i.test(op))
      need.add(
        /depthwise/i.test(op) ? "DepthwiseConv2dNativeBackpropFilter" : "Conv2DBackpropFilter",
      );
  }
  return [...need];
}

function isMissingKernel(e: unknown): e is Error {
  return (
    e instanceof Error && /not registered for (the )?backend|kernel .* not found/i.test(e.message)
  );
}

function makeEngine(
  format: "layers" | "graph",
  info: HeadInfo,
  inputSize: readonly [number, number],
  lab: Labelling,
  camWeights: tf.Tensor2D | null,
  runner: Runner,
  fallbackBackend: string,
): CamEngine {
  let weights = camWeights;
  const { labels, offset } = lab;

  async function analyze(input: tf.Tensor4D, req: AnalyzeRequest): Promise<CamAnalysis> {
    const spec = CAM_METHOD_TABLE[req.method];
    if (!spec) throw new CamError(`unknown method ${String(req.method)}`);
    if (spec.needsLinearHead && !weights) {
      throw new CamError(
        info.camBlocker ?? "Plain CAM is impossible for this model; use Grad-CAM.",
      );
    }
    const t0 = now();
    const { features, probs } = runner.forward(input);
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
    const top = topK(probsData, labels, Math.max(1, Math.min(req.topK ?? 5, probsData.length)));
    const classes =
      req.classes === undefined || req.classes === "top" ? [top[0].index] : req.classes;
    const maps: CamMap[] = [];
    let gradient: CamAnalysis["gradient"] = null;
    try {
      for (const c of classes) {
        if (!Number.isInteger(c) || c < 0 || c >= probsData.length) {
          throw new CamError(
            `class ${c} is out of range: the model has classes 0..${probsData.length - 1}`,
          );
        }
        const outIndex = c + offset;
        const gradOf = () =>
          tf.tidy(
            () =>
              tf.grad((f: tf.Tensor) => runner.scoreOf(input, f as tf.Tensor4D, outIndex))(
                features,
              ) as tf.Tensor4D,
          );
        const ctx: MethodContext = {
          tf,
          input,
          features,
          outIndex,
          camWeights: weights,
          batchSize: req.batchSize ?? 16,
          signal: req.signal,
          onProgress: req.onProgress,
          logits: (x) => runner.logits(x),
          gradients: async () => {
            const here = tf.getBackend();
            // Checked first: a backward pass that fails half way leaves its saved tensors.
            const missing = runner.gradKernels.filter((k) => !tf.getKernel(k, here));
            let reason: string | null = null;
            if (missing.length && here !== fallbackBackend) {
              reason = `the layers after ${info.feature.name} need ${missing.join(", ")}, which the ${here} backend lacks; gradient computed on ${fallbackBackend}`;
            } else {
              try {
                const g = gradOf();
                gradient = { backend: here, fallback: null };
                return g;
              } catch (e) {
                if (!isMissingKernel(e) || here === fallbackBackend) throw e;
                reason = `${e.message.replace(/\.$/, "")}; gradient computed on ${fallbackBackend}`;
              }
            }
            // Only the gradient moves (tensors follow lazily); the forward pass stays put.
            {
              await tf.setBackend(fallbackBackend);
              try {
                const g = gradOf();
                gradient = { backend: fallbackBackend, fallback: reason };
                return g;
              } finally {
                await tf.setBackend(here);
              }
            }
          },
        };
        const map = await spec.compute(ctx);
        const raw = (await map.data()) as Float32Array;
        map.dispose();
        const [, h, w] = features.shape;
        maps.push({
          classIndex: c,
          method: req.method,
          width: w,
          height: h,
          raw,
          grid: minMax(raw),
        });
      }
    } finally {
      features.dispose();
    }
    const t2 = now();
    return {
      probs: probsData,
      top,
      maps,
      timings: { forwardMs: t1 - t0, mapMs: t2 - t1 },
      gradient,
    };
  }

  return {
    format,
    info,
    inputSize,
    labels,
    labelNote: lab.note,
    classOffset: offset,
    logits: (x) => runner.logits(x),
    async predict(input) {
      const p = runner.predictProbs(input);
      const d = (await p.data()) as Float32Array;
      p.dispose();
      return d;
    },
    analyze,
    dispose() {
      weights?.dispose();
      weights = null;
      runner.dispose?.();
    },
  };
}

/** Layers whose output depends on `from` (model.layers is in topological order). */
function downstreamLayers(model: tf.LayersModel, from: Layer): Layer[] {
  const dep = new Set<Layer>([from]);
  for (const l of model.layers)
    if ((l.inboundNodes[0]?.inboundLayers ?? []).some((x) => dep.has(x))) dep.add(l);
  dep.delete(from);
  return [...dep];
}

/** Ops of graph nodes whose value depends on node `from`. */
function downstreamOps(nodes: readonly GraphNode[], from: string): string[] {
  const strip = (x: string) => x.replace(/^\^/, "").replace(/:\d+$/, "");
  const dep = new Set([from]);
  for (let changed = true; changed;) {
    changed = false;
    for (const n of nodes)
      if (!dep.has(n.name) && (n.input ?? []).some((i) => dep.has(strip(i)))) {
        dep.add(n.name);
        changed = true;
      }
  }
  return nodes.filter((n) => n.name !== from && dep.has(n.name)).map((n) => n.op);
}

function createLayersEngine(
  model: tf.LayersModel,
  info: HeadInfo,
  lab: Labelling,
  fallbackBackend: string,
): CamEngine {
  const { offset } = lab;
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const featLayer = byName.get(info.feature.name)!;
  const logitsLayer = byName.get(info.logits)!;
  // Sub-model sharing the layers: one forward pass gives both the map and the scores.
  const both = tf.model({
    inputs: model.inputs,
    outputs: [featLayer.output as tf.SymbolicTensor, model.outputs[0]],
  });
  const fusedSoftmax =
    (logitsLayer.getConfig() as { activation?: unknown }).activation === "softmax";
  // Batched logits (Score-CAM): up to the classifier's input when softmax is fused into it.
  const logitsModel = tf.model({
    inputs: model.inputs,
    outputs: (fusedSoftmax ? logitsLayer.input : logitsLayer.output) as tf.SymbolicTensor,
  });
  let camWeights: tf.Tensor2D | null = null;
  if (info.head) {
    const cls = byName.get(info.head.classifier)!;
    const k = cls.getWeights()[0];
    camWeights = tf.keep(k.reshape([info.head.channels, info.head.classes]) as tf.Tensor2D);
  }
  const inShape = model.inputs[0].shape;
  const after = downstreamLayers(model, featLayer);
  const ops = new GradLayers();
  ops.prepare(after); // engine-owned, like camWeights: each call leaves no tensor behind

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
        if (l === logitsLayer && fusedSoftmax) out = ops.linearPart(l, ins[0]);
        else out = ops.apply(l, ins[0]) ?? (l.apply(arg) as tf.Tensor);
      }
      memo.set(l.name, out);
      return out;
    };
    return val(logitsLayer);
  };

  return makeEngine(
    "layers",
    info,
    [inShape[1] ?? 224, inShape[2] ?? 224],
    lab,
    camWeights,
    {
      forward: (input) => {
        const [f, o] = both.predict(input) as tf.Tensor[];
        const probs = tf.tidy(() => toProbs(o, info.outputIsSoftmax).slice(offset));
        o.dispose();
        return { features: f as tf.Tensor4D, probs: probs as tf.Tensor1D };
      },
      scoreOf: (x, f, outIndex) => logitsFrom(x, f).reshape([-1]).slice([outIndex], [1]).sum(),
      gradKernels: gradKernelsFor(after.map((l) => l.getClassName())),
      dispose: () => ops.dispose(),
      logits: (x) =>
        tf.tidy(() => {
          const y = logitsModel.predict(x) as tf.Tensor;
          const z = fusedSoftmax ? ops.linearPart(logitsLayer, y) : y;
          return z.reshape([x.shape[0], -1]) as tf.Tensor2D;
        }),
      predictProbs: (input) =>
        tf.tidy(() => {
          const out = model.predict(input) as tf.Tensor;
          return toProbs(out, info.outputIsSoftmax).slice(offset) as tf.Tensor1D;
        }),
    },
    fallbackBackend,
  );
}

function createGraphEngine(
  model: tf.GraphModel,
  info: HeadInfo,
  lab: Labelling,
  inputName: string,
  inputSize: readonly [number, number],
  fallbackBackend: string,
  nodes: readonly GraphNode[],
): CamEngine {
  const { offset } = lab;
  let camWeights: tf.Tensor2D | null = null;
  if (info.head) {
    const k = model.weights[info.head.classifier]?.[0];
    if (!k) throw new CamError(`classifier weight ${info.head.classifier} not found in the graph`);
    camWeights = tf.keep(k.reshape([info.head.channels, info.head.classes]) as tf.Tensor2D);
  }
  return makeEngine(
    "graph",
    info,
    inputSize,
    lab,
    camWeights,
    {
      forward: (input) => {
        const [f, o] = model.execute({ [inputName]: input }, [
          info.feature.name,
          info.output,
        ]) as tf.Tensor[];
        const probs = tf.tidy(() => toProbs(o, info.outputIsSoftmax).slice(offset));
        o.dispose();
        return { features: f as tf.Tensor4D, probs: probs as tf.Tensor1D };
      },
      scoreOf: (x, f, outIndex) => {
        const out = model.execute(
          { [inputName]: x, [info.feature.name]: f },
          info.logits,
        ) as tf.Tensor;
        return out.reshape([-1]).slice([outIndex], [1]).sum();
      },
      gradKernels: gradKernelsFor(downstreamOps(nodes, info.feature.name)),
      logits: (x) =>
        tf.tidy(() => {
          const out = model.execute({ [inputName]: x }, info.logits) as tf.Tensor;
          return out.reshape([x.shape[0], -1]) as tf.Tensor2D;
        }),
      predictProbs: (input) =>
        tf.tidy(() => {
          const out = model.execute({ [inputName]: input }, info.output) as tf.Tensor;
          return toProbs(out, info.outputIsSoftmax).slice(offset) as tf.Tensor1D;
        }),
    },
    fallbackBackend,
  );
}

function labelling(numOutputs: number, opts: EngineOptions): Labelling {
  const m = matchLabels(numOutputs, opts.labels ?? null);
  if (m.note && opts.strictLabels) throw new CamError(m.note);
  return m;
}

/** Build the CAM engine for a loaded model (detects the feature map and head). */
export function createCamEngine(loaded: LoadedModel, opts: EngineOptions = {}): CamEngine {
  registerWasmGradKernels(); // idempotent: deeper layers' gradients on wasm too
  const fallback = opts.gradientFallback ?? "cpu";
  if (loaded.format === "layers") {
    const info = detectLayersHead(loaded.model, opts.featureLayer);
    return createLayersEngine(loaded.model, info, labelling(info.numClasses, opts), fallback);
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
  return createGraphEngine(
    model,
    info,
    labelling(info.numClasses, opts),
    input.name,
    size,
    fallback,
    loaded.nodes,
  );
}

/** "Egyptian cat (0.61)" style summary used by CLI messages. */
export function describeTop(t: TopClass): string {
  return `${shortLabel(t.label)} (${t.probability.toFixed(3)})`;
}
