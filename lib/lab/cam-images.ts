/**
 * The Lab's procedural test images as /cam images: 8-bit RGBA at a chosen size, the object's
 * box in image pixels (the same `Box` a box drawn on /cam is, so it is scored by the same
 * code) and the true class. The pixels and boxes come from the Lab's own generator
 * (dataset.ts): image i of a split is the scene the Lab trained or tested on, drawn at `size`.
 *
 * Which dataset: the one a Lab network records in its saved metadata (`lab.dataset`, written
 * by runner.ts's setLabMetadata), else the Lab's default (seed LAB_DEFAULTS.seed).
 */
import type { Box } from "../tfjs/cam-metrics";
import {
  checkResolution,
  checkSeed,
  LabDatasetError,
  PROCEDURAL_CLASSES,
  proceduralScene,
  renderScene,
  sceneBox,
  SPLITS,
  type Split,
} from "./dataset";
import { LAB_DEFAULTS } from "./defaults";

export interface LabCamImage {
  /** A name for lists and downloads, e.g. "lab-s1-test3-ring". */
  readonly name: string;
  readonly seed: number;
  readonly split: Split;
  /** Index in the split (the Lab's test image i is index i of "test"). */
  readonly index: number;
  readonly width: number;
  readonly height: number;
  /** width * height * 4 bytes, RGBA, alpha 255. */
  readonly rgba: Uint8ClampedArray;
  /**
   * The object's box in image pixels, edges rounded outward to whole pixels (within one pixel
   * of the object's drawn pixels). A procedural image holds one object, so one box.
   */
  readonly box: Box;
  readonly classIndex: number;
  readonly className: string;
}

/** The procedural dataset a set of CAM images comes from, and why that one. */
export interface LabCamDataset {
  readonly seed: number;
  /** The resolution the network was trained at (null for the default dataset). */
  readonly resolution: number | null;
  /** "model": recorded in a network's metadata; "default": the Lab's default dataset. */
  readonly origin: "model" | "default";
}

export const LAB_CAM_IMAGES = {
  /** ImageNet models' input, and the scale the pointing game's 15 px tolerance was set for. */
  size: 224,
  /** Images per press of "Add Lab test images". */
  count: 4,
  maxCount: 64,
} as const;

export const DEFAULT_LAB_CAM_DATASET: LabCamDataset = {
  seed: LAB_DEFAULTS.seed,
  resolution: null,
  origin: "default",
};

/**
 * The procedural dataset recorded in a Lab network's userDefinedMetadata
 * ({ labels, lab: { resolution, dataset: { kind, seed } } }), or null when the model records
 * none, was trained on a folder (no boxes), or names other classes.
 */
export function labDatasetFromMetadata(meta: unknown): LabCamDataset | null {
  if (!meta || typeof meta !== "object") return null;
  const { labels, lab } = meta as { labels?: unknown; lab?: unknown };
  if (!lab || typeof lab !== "object") return null;
  const { dataset, resolution } = lab as { dataset?: unknown; resolution?: unknown };
  if (!dataset || typeof dataset !== "object") return null;
  const { kind, seed } = dataset as { kind?: unknown; seed?: unknown };
  if (kind !== "procedural") return null;
  if (
    !Array.isArray(labels) ||
    labels.length !== PROCEDURAL_CLASSES.length ||
    labels.some((l, i) => l !== PROCEDURAL_CLASSES[i])
  )
    return null;
  try {
    return {
      seed: checkSeed(seed),
      resolution: typeof resolution === "number" ? checkResolution(resolution) : null,
      origin: "model",
    };
  } catch {
    return null;
  }
}

/**
 * `count` images of a split (default: the test split, from image `start`), each drawn at
 * `size` x `size` px with its box and class. Same arguments, same bytes. Bad arguments throw
 * a LabDatasetError naming the option.
 */
export function labCamImages(opts: {
  seed: number;
  start?: number;
  count?: number;
  size?: number;
  split?: Split;
}): LabCamImage[] {
  const seed = checkSeed(opts.seed);
  const size = checkResolution(opts.size ?? LAB_CAM_IMAGES.size, "size");
  const split = opts.split ?? "test";
  if (!SPLITS.includes(split))
    throw new LabDatasetError(
      "bad-option",
      `split must be one of ${SPLITS.join(", ")}; got ${String(split)}.`,
    );
  const count = opts.count ?? LAB_CAM_IMAGES.count;
  if (!Number.isInteger(count) || count < 1 || count > LAB_CAM_IMAGES.maxCount)
    throw new LabDatasetError(
      "bad-option",
      `count must be a whole number from 1 to ${LAB_CAM_IMAGES.maxCount}; got ${String(count)}.`,
    );
  const start = opts.start ?? 0;
  if (!Number.isInteger(start) || start < 0 || start > 2 ** 31 - 1 - count)
    throw new LabDatasetError(
      "bad-option",
      `start must be a whole number from 0 to ${2 ** 31 - 1 - count}; got ${String(start)}.`,
    );

  const rgb = new Float32Array(size * size * 3);
  const out: LabCamImage[] = [];
  for (let index = start; index < start + count; index++) {
    const scene = proceduralScene(seed, split, index);
    renderScene(scene, size, rgb);
    const rgba = new Uint8ClampedArray(size * size * 4);
    for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
      // renderScene clamps to 0..1; bytes as the dataset's hash reads them (round(v * 255)).
      rgba[q] = Math.round(rgb[p] * 255);
      rgba[q + 1] = Math.round(rgb[p + 1] * 255);
      rgba[q + 2] = Math.round(rgb[p + 2] * 255);
      rgba[q + 3] = 255;
    }
    const b = sceneBox(scene);
    const className = PROCEDURAL_CLASSES[scene.label];
    out.push({
      name: `lab-s${seed}-${split}${index}-${className}`,
      seed,
      split,
      index,
      width: size,
      height: size,
      rgba,
      box: {
        x0: Math.floor(b.x0 * size),
        y0: Math.floor(b.y0 * size),
        x1: Math.ceil(b.x1 * size),
        y1: Math.ceil(b.y1 * size),
      },
      classIndex: scene.label,
      className,
    });
  }
  return out;
}
