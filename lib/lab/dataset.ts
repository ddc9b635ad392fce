/**
 * The Lab's dataset: what networks train and are tested on. Two kinds share one shape
 * (`LabDataset`): the procedural dataset made here, and a person's own folder of photos
 * (folder-dataset.ts).
 *
 * The procedural dataset is drawn, not stored: image i of a split is a vector scene
 * (data/scene.ts) that follows only from (seed, split, i), rasterised with analytic
 * antialiasing (data/raster.ts) at whatever resolution is asked. A 128 px rendering
 * therefore holds detail a 64 px one lacks, as a photo taken closer would; see
 * data/scene.ts for how the ten classes make resolution, depth and width each matter.
 */
import { drawLayer, fillBackground } from "./data/raster";
import { Rng } from "./data/rng";
import { CLASS_NAMES, describeScene, type Scene } from "./data/scene";
import { Sha256 } from "./data/sha256";

/** Normalised 0..1 image coordinates, x right, y down. */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export type Split = "train" | "val" | "test";
export const SPLITS: readonly Split[] = ["train", "val", "test"];

export interface LabDataset {
  readonly kind: "procedural" | "folder";
  readonly classes: readonly string[];
  /** Square images, H = W = resolution. */
  readonly resolution: number;
  readonly count: number;
  /** count * res * res * 3, RGB in 0..1, NHWC. */
  readonly images: Float32Array;
  /** count entries, each in 0..classes.length-1. */
  readonly labels: Int32Array;
  /** Per image: the object's box(es); null when unknown (folders). */
  readonly boxes: readonly (readonly Box[])[] | null;
  readonly seed: number;
  /**
   * Hex SHA-256 of the images as bytes (round(v * 255)) followed by the labels (int32
   * little-endian): identifies the dataset's content.
   */
  readonly sha256: string;
  /** Which split this is (procedural only). */
  readonly split?: Split;
}

export type LabDatasetErrorCode =
  "bad-option" | "too-large" | "too-few-classes" | "no-images" | "too-many-files";

/** A dataset that cannot be made; `message` names the problem (shown as is by UI and CLI). */
export class LabDatasetError extends Error {
  readonly code: LabDatasetErrorCode;
  constructor(code: LabDatasetErrorCode, message: string) {
    super(message);
    this.name = "LabDatasetError";
    this.code = code;
  }
}

export const PROCEDURAL_CLASSES: readonly string[] = CLASS_NAMES;

export const DATASET_LIMITS = {
  minResolution: 8,
  maxResolution: 1024,
  maxCount: 1_000_000,
  /** Largest images array, in floats (512 MB), so a typo cannot exhaust a tab's memory. */
  maxFloats: 2 ** 27,
} as const;

/** Stream numbers: the split's images, and the split's label shuffles. */
const SPLIT_STREAM: Readonly<Record<Split, number>> = { train: 1, val: 2, test: 3 };
const LABEL_STREAM = 0x100;

export function checkResolution(resolution: unknown, what = "resolution"): number {
  const { minResolution: lo, maxResolution: hi } = DATASET_LIMITS;
  if (
    typeof resolution !== "number" ||
    !Number.isInteger(resolution) ||
    resolution < lo ||
    resolution > hi
  ) {
    throw new LabDatasetError(
      "bad-option",
      `${what} must be a whole number of pixels from ${lo} to ${hi}; got ${String(resolution)}.`,
    );
  }
  return resolution;
}

export function checkSeed(seed: unknown): number {
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new LabDatasetError(
      "bad-option",
      `seed must be a whole number from 0 to 4294967295; got ${String(seed)}.`,
    );
  }
  return seed;
}

export function checkSize(count: number, resolution: number): void {
  const floats = count * resolution * resolution * 3;
  if (floats > DATASET_LIMITS.maxFloats) {
    throw new LabDatasetError(
      "too-large",
      `${count} images at ${resolution} px need ${Math.round((floats * 4) / 2 ** 20)} MB; the limit is ${(DATASET_LIMITS.maxFloats * 4) / 2 ** 20} MB. Use fewer images or a lower resolution.`,
    );
  }
}

/**
 * Label of image `index` of a split. Labels come in shuffled blocks of one of each class,
 * so every prefix of a split is balanced to within one image per class, and a label does
 * not depend on how many images are asked for.
 */
export function proceduralLabel(seed: number, split: Split, index: number): number {
  const n = CLASS_NAMES.length;
  const block = Math.floor(index / n);
  return Rng.forItem(seed, LABEL_STREAM + SPLIT_STREAM[split], block).permutation(n)[index % n];
}

/** The vector scene of one image (independent of resolution). */
export function proceduralScene(seed: number, split: Split, index: number): Scene {
  return describeScene(
    Rng.forItem(seed, SPLIT_STREAM[split], index),
    proceduralLabel(seed, split, index),
  );
}

/** The object's box, clipped to the image. */
export function sceneBox(scene: Scene): Box {
  const c = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
  const e = scene.extent;
  return { x0: c(e.x0), y0: c(e.y0), x1: c(e.x1), y1: c(e.y1) };
}

/**
 * Draw a scene at `res` px into `out` (RGB interleaved, from `offset`). With `objectMask`
 * (res * res), the object's coverage per pixel is written there too.
 */
export function renderScene(
  scene: Scene,
  res: number,
  out: Float32Array,
  offset = 0,
  objectMask?: Float32Array,
): void {
  fillBackground(out, offset, res, scene.background);
  for (const layer of scene.distractors) drawLayer(out, offset, res, layer);
  for (const layer of scene.object) drawLayer(out, offset, res, layer, objectMask);
  // Lighting: a brightness ramp across the image and a colour cast.
  const [gr, gg, gb] = scene.gain;
  for (let j = 0; j < res; j++) {
    const ly = scene.light + scene.ly * ((j + 0.5) / res - 0.5);
    for (let i = 0; i < res; i++) {
      const l = ly + scene.lx * ((i + 0.5) / res - 0.5);
      const o = offset + (j * res + i) * 3;
      out[o] = clamp01(out[o] * l * gr);
      out[o + 1] = clamp01(out[o + 1] * l * gg);
      out[o + 2] = clamp01(out[o + 2] * l * gb);
    }
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** The dataset's identifying hash: images as bytes (rounded), then labels (int32 LE). */
export function datasetSha256(images: Float32Array, labels: Int32Array): string {
  const sha = new Sha256();
  const chunk = new Uint8Array(65536);
  for (let start = 0; start < images.length; start += chunk.length) {
    const n = Math.min(chunk.length, images.length - start);
    for (let k = 0; k < n; k++) {
      const v = images[start + k];
      // Math.round(v * 255) for v in 0..1, without the call (this loop sees every value).
      chunk[k] = v <= 0 ? 0 : v >= 1 ? 255 : (v * 255 + 0.5) | 0;
    }
    sha.update(chunk.subarray(0, n));
  }
  const lb = new Uint8Array(labels.length * 4);
  const dv = new DataView(lb.buffer);
  for (let i = 0; i < labels.length; i++) dv.setInt32(i * 4, labels[i], true);
  sha.update(lb);
  return sha.hex();
}

/**
 * `count` images of one split of the procedural dataset at `resolution` px. Image i is the
 * same whatever `count` is, and the splits never share an image.
 */
export function proceduralDataset(opts: {
  seed: number;
  split: Split;
  count: number;
  resolution: number;
  /** Called every 64 images and at the end with (images done, count). */
  onProgress?: (done: number, total: number) => void;
}): LabDataset {
  const seed = checkSeed(opts.seed);
  const res = checkResolution(opts.resolution);
  if (!SPLITS.includes(opts.split)) {
    throw new LabDatasetError(
      "bad-option",
      `split must be one of ${SPLITS.join(", ")}; got ${String(opts.split)}.`,
    );
  }
  const count = opts.count;
  if (!Number.isInteger(count) || count < 1 || count > DATASET_LIMITS.maxCount) {
    throw new LabDatasetError(
      "bad-option",
      `count must be a whole number from 1 to ${DATASET_LIMITS.maxCount}; got ${String(count)}.`,
    );
  }
  checkSize(count, res);
  const per = res * res * 3;
  const images = new Float32Array(count * per);
  const labels = new Int32Array(count);
  const boxes: Box[][] = [];
  for (let i = 0; i < count; i++) {
    const scene = proceduralScene(seed, opts.split, i);
    renderScene(scene, res, images, i * per);
    labels[i] = scene.label;
    boxes.push([sceneBox(scene)]);
    if (opts.onProgress && ((i + 1) % 64 === 0 || i + 1 === count)) opts.onProgress(i + 1, count);
  }
  return {
    kind: "procedural",
    classes: PROCEDURAL_CLASSES,
    resolution: res,
    count,
    images,
    labels,
    boxes,
    seed,
    sha256: datasetSha256(images, labels),
    split: opts.split,
  };
}
