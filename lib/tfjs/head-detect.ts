/**
 * Finds, in a loaded model, the last spatial feature map and the classifier head that plain
 * CAM (Zhou et al. 2016) needs: feature map -> global average pool -> [reshape/flatten/
 * dropout] -> ONE linear layer (dense, or 1x1 conv on a 1x1 map) -> [softmax/reshape].
 * When the head is anything else, says why CAM cannot be used (Grad-CAM still works).
 */
import type * as tf from "@tensorflow/tfjs";

import type { GraphNode } from "./model-load";

export interface SpatialMap {
  /** Layer name (LayersModel) or node name (GraphModel). */
  readonly name: string;
  /** [height, width, channels]. */
  readonly shape: readonly [number, number, number];
}

export interface LinearHead {
  readonly kind: "dense" | "conv1x1";
  /** Layer or weight node holding the [C, K] (or [1, 1, C, K]) kernel. */
  readonly classifier: string;
  /** Bias layer/weight node (graph models keep it separately), or null. */
  readonly bias: string | null;
  readonly pool: string;
  readonly channels: number;
  readonly classes: number;
}

export interface HeadInfo {
  /** The map CAM/Grad-CAM are computed on. */
  readonly feature: SpatialMap;
  /** Every spatial map (h*w > 1), last first: choices for a user override. */
  readonly candidates: readonly SpatialMap[];
  /** The linear head on `feature`, or null when plain CAM is impossible. */
  readonly head: LinearHead | null;
  /** Why plain CAM is impossible (null when it is possible). */
  readonly camBlocker: string | null;
  /** Name of the model output tensor/node. */
  readonly output: string;
  /** Pre-softmax scores for gradients: a node name (graph) / layer name (layers). */
  readonly logits: string;
  /** Whether the model's output is already a softmax. */
  readonly outputIsSoftmax: boolean;
  readonly numClasses: number;
}

export class HeadDetectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HeadDetectError";
  }
}

// --- LayersModel ----------------------------------------------------------------------------

type Layer = tf.layers.Layer;

function inbound(layer: Layer): Layer[] {
  const node = layer.inboundNodes[0];
  return node ? node.inboundLayers : [];
}

function config(layer: Layer): Record<string, unknown> {
  return layer.getConfig() as Record<string, unknown>;
}

function spatialShape(layer: Layer): readonly [number, number, number] | null {
  const s = layer.outputShape;
  if (!Array.isArray(s) || s.length !== 4 || Array.isArray(s[0])) return null;
  const [, h, w, c] = s as (number | null)[];
  if (h == null || w == null || c == null) return null;
  return [h, w, c];
}

const TRANSPARENT = new Set([
  "Reshape",
  "Flatten",
  "Dropout",
  "SpatialDropout1D",
  "GaussianDropout",
  "AlphaDropout",
]);

function isSoftmax(layer: Layer): boolean {
  const cls = layer.getClassName();
  if (cls === "Softmax") return true;
  return cls === "Activation" && config(layer).activation === "softmax";
}

function isLinearAct(layer: Layer): boolean {
  const a = config(layer).activation;
  return a === undefined || a === null || a === "linear";
}

/**
 * Applies the user's feature-map override (LayersModel layer or GraphModel node) and says
 * whether plain CAM is still possible: the classifier's weights fit only the pooled map.
 */
function chooseFeature(
  kind: "layer" | "node",
  detected: SpatialMap,
  candidates: SpatialMap[],
  detectedHead: LinearHead | null,
  detectedBlocker: string | null,
  override: string | null | undefined,
): Pick<HeadInfo, "feature" | "candidates" | "head" | "camBlocker"> {
  let feature = detected;
  let head = detectedHead;
  let blocker = detectedBlocker;
  if (override && override !== feature.name) {
    const c = candidates.find((x) => x.name === override);
    if (!c) {
      throw new HeadDetectError(
        `There is no spatial ${kind} named "${override}"; choose one of: ${candidates
          .slice(0, 8)
          .map((x) => x.name)
          .join(", ")}${candidates.length > 8 ? ", ..." : ""}.`,
      );
    }
    if (head) {
      blocker = `you chose ${kind} "${override}", but the classifier's weights apply only to "${feature.name}", the map feeding the global pool`;
    }
    head = null;
    feature = c;
  }
  return {
    feature,
    candidates,
    head,
    camBlocker: head
      ? null
      : `Plain CAM is impossible: ${blocker ?? "no linear head found"}. Grad-CAM and Grad-CAM++ still work.`,
  };
}

export function detectLayersHead(model: tf.LayersModel, override?: string | null): HeadInfo {
  if (model.outputs.length !== 1) {
    throw new HeadDetectError(
      `The model has ${model.outputs.length} outputs; CAM needs a single classification output.`,
    );
  }
  const candidates: SpatialMap[] = [];
  for (const l of model.layers) {
    const s = spatialShape(l);
    if (s && s[0] * s[1] > 1) candidates.push({ name: l.name, shape: s });
  }
  candidates.reverse();
  if (candidates.length === 0) {
    throw new HeadDetectError(
      "The model has no spatial feature map (no 4-D layer output larger than 1 x 1): class activation maps need one.",
    );
  }
  const outLayer = model.outputLayers[0];
  const outShape = model.outputs[0].shape;
  const numClasses = outShape[outShape.length - 1] ?? 0;

  // Walk back from the output through the head.
  let l: Layer = outLayer;
  let outputIsSoftmax = false;
  let logits = outLayer.name;
  let blocker: string | null = null;
  let head: LinearHead | null = null;
  let featureLayer: Layer | null = null;
  const single = (x: Layer): Layer | null => {
    const ins = inbound(x);
    return ins.length === 1 ? ins[0] : null;
  };
  const step = (x: Layer): Layer | null => single(x);
  // 1. trailing reshape / softmax.
  for (let guard = 0; guard < 50; guard++) {
    if (isSoftmax(l)) {
      outputIsSoftmax = true;
      const prev = step(l);
      if (!prev) break;
      logits = prev.name;
      l = prev;
      continue;
    }
    if (TRANSPARENT.has(l.getClassName())) {
      const prev = step(l);
      if (!prev) break;
      if (!outputIsSoftmax) logits = prev.name;
      l = prev;
      continue;
    }
    break;
  }
  // 2. the linear classifier.
  const cls = l.getClassName();
  const cfg = config(l);
  let kind: LinearHead["kind"] | null = null;
  if (cls === "Dense") kind = "dense";
  else if (cls === "Conv2D") {
    const k = cfg.kernelSize as number[] | number;
    const ks = Array.isArray(k) ? k : [k, k];
    const inS = inbound(l)[0] ? spatialShape(inbound(l)[0]) : null;
    if (ks[0] === 1 && ks[1] === 1 && (!inS || (inS[0] === 1 && inS[1] === 1))) kind = "conv1x1";
  }
  if (!kind) {
    blocker = `the layer before the output is ${cls} "${l.name}", not a dense or 1x1-conv classifier`;
  } else {
    const act = cfg.activation;
    if (act === "softmax") {
      outputIsSoftmax = true;
    } else if (!isLinearAct(l)) {
      blocker = `the classifier "${l.name}" has a ${String(act)} activation; CAM needs a linear classifier`;
    }
    if (!blocker) {
      const classifier = l;
      // 3. transparent layers, then the global average pool.
      let p = single(l);
      while (p && TRANSPARENT.has(p.getClassName())) p = single(p);
      if (!p) {
        blocker = `the classifier "${l.name}" has several inputs`;
      } else {
        const pc = p.getClassName();
        const before = single(p);
        const bShape = before ? spatialShape(before) : null;
        let isGap = pc === "GlobalAveragePooling2D";
        if (pc === "AveragePooling2D" && bShape) {
          const ps = config(p).poolSize as number[] | number;
          const pp = Array.isArray(ps) ? ps : [ps, ps];
          isGap = pp[0] === bShape[0] && pp[1] === bShape[1];
        }
        if (pc === "GlobalMaxPooling2D" || pc === "MaxPooling2D") {
          blocker = `the head pools with max ("${p.name}"); CAM assumes global AVERAGE pooling`;
        } else if (!isGap) {
          blocker = `the classifier "${l.name}" is not fed by a global average pool (found ${pc} "${p.name}"), e.g. there is a hidden layer in the head`;
        } else if (!before || !bShape) {
          blocker = `the pool "${p.name}" is not fed by a single spatial feature map`;
        } else {
          featureLayer = before;
          const kernelShape = classifier.getWeights()[0]?.shape ?? [];
          head = {
            kind,
            classifier: classifier.name,
            bias: (cfg.useBias as boolean | undefined) === false ? null : classifier.name,
            pool: p.name,
            channels: kernelShape[kernelShape.length - 2] ?? bShape[2],
            classes: kernelShape[kernelShape.length - 1] ?? numClasses,
          };
          if (act === "softmax") logits = classifier.name;
        }
      }
    }
  }

  let feature: SpatialMap;
  if (featureLayer) {
    const s = spatialShape(featureLayer)!;
    feature = { name: featureLayer.name, shape: s };
  } else {
    feature = candidates[0];
  }
  return {
    ...chooseFeature("layer", feature, candidates, head, blocker, override),
    output: outLayer.name,
    logits,
    outputIsSoftmax,
    numClasses,
  };
}

// --- GraphModel -------------------------------------------------------------------------------

const G_TRANSPARENT = new Set(["Identity", "Squeeze", "Reshape", "StopGradient"]);

/**
 * Graph heads: feature -> Mean(axes 1,2) or AvgPool -> [Squeeze/Reshape] ->
 * Conv2D(1x1) or MatMul -> BiasAdd/Add(const) -> [Squeeze/Reshape/Softmax].
 * `shapes` gives node output shapes (from one probe execution), `constShape` weight shapes.
 */
export function detectGraphHead(
  nodes: readonly GraphNode[],
  outputName: string,
  shapes: ReadonlyMap<string, readonly number[]>,
  constShape: (name: string) => readonly number[] | null,
  override?: string | null,
): HeadInfo {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const strip = (s: string) => s.replace(/^\^/, "").replace(/:\d+$/, "");
  const dataInputs = (n: GraphNode) => (n.input ?? []).filter((s) => !s.startsWith("^")).map(strip);
  const isConst = (name: string) => byName.get(name)?.op === "Const";

  const candidates: SpatialMap[] = [];
  for (const n of nodes) {
    const s = shapes.get(n.name);
    if (n.op !== "Const" && s && s.length === 4 && s[1] * s[2] > 1) {
      candidates.push({ name: n.name, shape: [s[1], s[2], s[3]] });
    }
  }
  candidates.reverse();
  if (candidates.length === 0) {
    throw new HeadDetectError(
      "The graph has no spatial feature map (no 4-D node output larger than 1 x 1).",
    );
  }
  const outShape = shapes.get(outputName) ?? [];
  const numClasses = outShape[outShape.length - 1] ?? 0;

  let n = byName.get(outputName);
  let outputIsSoftmax = false;
  let logits = outputName;
  let blocker: string | null = null;
  let head: LinearHead | null = null;
  let featureName: string | null = null;
  const prevData = (x: GraphNode) => {
    const ins = dataInputs(x).filter((i) => !isConst(i));
    return ins.length === 1 ? byName.get(ins[0]) : undefined;
  };
  for (let g = 0; n && g < 20; g++) {
    if (n.op === "Softmax") {
      outputIsSoftmax = true;
      const p = prevData(n);
      if (!p) break;
      logits = p.name;
      n = p;
    } else if (G_TRANSPARENT.has(n.op)) {
      const p = prevData(n);
      if (!p) break;
      n = p;
    } else break;
  }
  let bias: string | null = null;
  if (n && (n.op === "BiasAdd" || n.op === "Add" || n.op === "AddV2")) {
    bias = dataInputs(n).find(isConst) ?? null;
    n = prevData(n);
  }
  if (!n || (n.op !== "Conv2D" && n.op !== "MatMul")) {
    blocker = `the node before the output is ${n ? `${n.op} "${n.name}"` : "missing"}, not a 1x1 conv or matmul classifier`;
  } else {
    const kernel = dataInputs(n).find(isConst) ?? null;
    const ks = kernel ? constShape(kernel) : null;
    const classifier = n;
    if (!kernel || !ks) {
      blocker = `the classifier "${n.name}" has no constant weight`;
    } else if (n.op === "Conv2D" && (ks.length !== 4 || ks[0] !== 1 || ks[1] !== 1)) {
      blocker = `the classifier conv "${n.name}" is ${ks[0]}x${ks[1]}, not 1x1`;
    } else {
      let p = prevData(n);
      while (p && G_TRANSPARENT.has(p.op)) p = prevData(p);
      const before = p ? prevData(p) : undefined;
      const bShape = before ? shapes.get(before.name) : undefined;
      const isGap = p && (p.op === "Mean" || (p.op === "AvgPool" && bShape));
      if (p && p.op === "Max") {
        blocker = `the head pools with max ("${p.name}"); CAM assumes global AVERAGE pooling`;
      } else if (!isGap || !before || !bShape || bShape.length !== 4) {
        blocker = `the classifier "${classifier.name}" is not fed by a global average pool of a spatial map`;
      } else {
        featureName = before.name;
        head = {
          kind: n.op === "Conv2D" ? "conv1x1" : "dense",
          classifier: kernel,
          bias,
          pool: p!.name,
          channels: ks[ks.length - 2],
          classes: ks[ks.length - 1],
        };
      }
    }
  }
  const feature: SpatialMap =
    featureName && shapes.get(featureName)
      ? {
          name: featureName,
          shape: [
            shapes.get(featureName)![1],
            shapes.get(featureName)![2],
            shapes.get(featureName)![3],
          ],
        }
      : candidates[0];
  return {
    ...chooseFeature("node", feature, candidates, head, blocker, override),
    output: outputName,
    logits,
    outputIsSoftmax,
    numClasses,
  };
}
