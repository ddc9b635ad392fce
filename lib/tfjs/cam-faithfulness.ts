/**
 * Faithfulness of one map, as shown on /cam and printed by `cam --faithfulness`:
 * deletion and insertion curves with their areas (Petsiuk et al. 2018; measures in
 * cam-metrics.ts) at the model's input resolution, and, given an object box, the pointing-game
 * hit and the share of the map's energy inside the box (Wang et al. 2020, Score-CAM sec. 4.2).
 */
import * as tf from "@tensorflow/tfjs";

import type { WorkingImage } from "../image/decoded";
import { peakInOriginal } from "../image/prepare";
import type { ResizePlan } from "../image/resize";
import { mapGridToImage } from "../image/upsample";
import { CamCancelled } from "./cam-methods";
import { boxBlur, type Box, deletionInsertion, pointingHit } from "./cam-metrics";

export interface Faithfulness {
  /** Area under the class-probability curve as the most salient pixels are removed (lower = better). */
  readonly deletion: number;
  /** ... as they are revealed on a blurred image (higher = better). */
  readonly insertion: number;
  readonly deletionCurve: readonly number[];
  readonly insertionCurve: readonly number[];
  readonly box: { readonly hit: boolean; readonly energy: number } | null;
}

export interface FaithfulnessRequest {
  /** Preprocessed model input (HWC, height x width x 3). */
  readonly input: Float32Array;
  readonly width: number;
  readonly height: number;
  /** The map, 0..1, gridWidth x gridHeight. */
  readonly grid: Float32Array;
  readonly gridWidth: number;
  readonly gridHeight: number;
  /** Probability of the mapped class for an HWC input. */
  readonly prob: (x: Float32Array) => Promise<number>;
  readonly steps?: number;
  /** Object box in original-image pixels, with what is needed to map into it. */
  readonly box?: { readonly box: Box; readonly plan: ResizePlan; readonly image: WorkingImage };
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Share of the (non-negative) map's mass inside the box, over the image it covers. */
export function boxEnergy(values: ArrayLike<number>, width: number, height: number, box: Box) {
  let inside = 0;
  let total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x];
      if (!(v > 0)) continue; // NaN outside a crop, zeros
      total += v;
      if (x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) inside += v;
    }
  }
  return total > 0 ? inside / total : 0;
}

export async function faithfulness(req: FaithfulnessRequest): Promise<Faithfulness> {
  const { width: W, height: H } = req;
  const steps = req.steps ?? 16;
  const identity: ResizePlan = {
    srcWidth: W,
    srcHeight: H,
    dstWidth: W,
    dstHeight: H,
    mode: "stretch",
    region: { x: 0, y: 0, width: W, height: H },
  };
  const saliency = mapGridToImage(
    req.grid,
    req.gridWidth,
    req.gridHeight,
    identity,
    W,
    H,
    "smooth",
  );
  const blurred = boxBlur(req.input, W, H, Math.max(1, Math.round(W / 20)));
  const total = 2 * (steps + 1);
  let done = 0;
  const di = await deletionInsertion(req.input, blurred, saliency, steps, async (x) => {
    if (req.signal?.aborted) throw new CamCancelled();
    const p = await req.prob(x);
    req.onProgress?.(++done, total);
    await new Promise<void>((r) => setTimeout(r, 0)); // lets a cancel message in
    return p;
  });
  let box: Faithfulness["box"] = null;
  if (req.box) {
    const { box: b, plan, image } = req.box;
    const peak = peakInOriginal(req.grid, req.gridWidth, req.gridHeight, plan, image);
    // Energy on the working copy of the image; the box scaled from original pixels.
    const iw = image.image.width;
    const ih = image.image.height;
    const values = mapGridToImage(req.grid, req.gridWidth, req.gridHeight, plan, iw, ih, "smooth");
    const s = iw / image.originalWidth;
    const scaled = { x0: b.x0 * s, y0: b.y0 * s, x1: b.x1 * s, y1: b.y1 * s };
    box = { hit: pointingHit(peak, b), energy: boxEnergy(values, iw, ih, scaled) };
  }
  return { ...di, box };
}

/** `prob` for faithfulness(): one forward pass per call through `predict`. */
export function classProb(
  predict: (x: tf.Tensor4D) => Promise<Float32Array>,
  width: number,
  height: number,
  classIndex: number,
): (x: Float32Array) => Promise<number> {
  return async (x) => {
    const t = tf.tensor4d(x, [1, height, width, 3]);
    try {
      return (await predict(t))[classIndex];
    } finally {
      t.dispose();
    }
  };
}
