/**
 * Where an experiment's images come from: the procedural dataset (rendered at any
 * resolution, splits disjoint by seed) or a person's folder (one subfolder per class,
 * decoded at each resolution asked for, split deterministically by seed). Renders are cached
 * per resolution, since several runs share one.
 */
import { datasetSeed, type ExperimentDef } from "./experiment";
import { proceduralDataset, PROCEDURAL_CLASSES } from "./dataset";
import { folderDataset, type FolderFile, type ImageDecoder } from "./folder-dataset";
import type { ImageSet } from "./images";
import { mulberry32, permutation } from "./rng";

export interface Splits {
  readonly train: ImageSet;
  readonly val: ImageSet;
  readonly test: ImageSet;
}

/** What the results and `--json` say about the data. */
export interface DatasetInfo {
  readonly kind: "procedural" | "folder";
  readonly classes: readonly string[];
  readonly trainImages: number;
  readonly testImages: number;
  readonly seed: number;
  /** SHA-256 of the training split's rendered bytes at the base resolution. */
  readonly sha256: string;
  /** Folder datasets: files that could not be read, with the reason. */
  readonly skipped?: readonly string[];
}

export type { FolderFile };

export interface DataSource {
  readonly kind: "procedural" | "folder";
  readonly classes: readonly string[];
  splits(resolution: number): Promise<Splits>;
  info(baseResolution: number): Promise<DatasetInfo>;
}

/** All seeds of an experiment share one dataset, drawn with `datasetSeed(def)`. */
export function proceduralSource(def: ExperimentDef): DataSource {
  const cache = new Map<number, Promise<Splits & { sha256: string }>>();
  const render = (resolution: number) => {
    let p = cache.get(resolution);
    if (!p) {
      p = Promise.resolve().then(() => {
        const mk = (split: "train" | "val" | "test", count: number) =>
          proceduralDataset({ seed: datasetSeed(def), split, count, resolution });
        const train = mk("train", def.trainImages);
        return {
          train,
          val: mk("val", def.valImages),
          test: mk("test", def.testImages),
          sha256: train.sha256,
        };
      });
      cache.set(resolution, p);
    }
    return p;
  };
  return {
    kind: "procedural",
    classes: PROCEDURAL_CLASSES,
    splits: render,
    info: async (r) => ({
      kind: "procedural",
      classes: PROCEDURAL_CLASSES,
      trainImages: def.trainImages,
      testImages: def.testImages,
      seed: datasetSeed(def),
      sha256: (await render(r)).sha256,
    }),
  };
}

/** Copies the listed images of a set into a new set. */
export function subset(s: ImageSet, idx: ArrayLike<number>): ImageSet {
  const px = s.resolution * s.resolution * 3;
  const images = new Float32Array(idx.length * px);
  const labels = new Int32Array(idx.length);
  const boxes = s.boxes ? ([] as (typeof s.boxes)[number][]) : null;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    images.set(s.images.subarray(i * px, (i + 1) * px), k * px);
    labels[k] = s.labels[i]!;
    boxes?.push(s.boxes![i]!);
  }
  return { classes: s.classes, resolution: s.resolution, count: idx.length, images, labels, boxes };
}

/** Test and validation shares of a folder (the rest trains). */
export const FOLDER_SPLIT = { test: 0.2, val: 0.1 } as const;

/**
 * A person's folder, split by the experiment's seed: 20% test, 10% validation, the rest
 * training (each at least one image). Needs `classes` known up front, so it is async.
 */
export async function folderSource(
  files: readonly FolderFile[],
  def: ExperimentDef,
  decode: ImageDecoder,
): Promise<DataSource> {
  const first = await folderDataset(files, {
    resolution: def.baseResolution,
    seed: datasetSeed(def),
    decode,
  });
  const classes = first.dataset.classes;
  const n = first.dataset.count;
  if (n < 3)
    throw new Error(
      `the folder has ${n} readable image${n === 1 ? "" : "s"}; at least 3 are needed (train, validation, test)`,
    );
  const order = permutation(n, mulberry32(datasetSeed(def)));
  const nTest = Math.max(1, Math.round(n * FOLDER_SPLIT.test));
  const nVal = Math.max(1, Math.round(n * FOLDER_SPLIT.val));
  const test = order.subarray(0, nTest);
  const val = order.subarray(nTest, nTest + nVal);
  const train = order.subarray(nTest + nVal);
  const cache = new Map<number, Promise<Splits>>();
  const split = (d: ImageSet): Splits => ({
    train: subset(d, train),
    val: subset(d, val),
    test: subset(d, test),
  });
  cache.set(def.baseResolution, Promise.resolve(split(first.dataset)));
  const splits = (resolution: number): Promise<Splits> => {
    let p = cache.get(resolution);
    if (!p) {
      p = folderDataset(files, { resolution, seed: datasetSeed(def), decode }).then((r) =>
        split(r.dataset),
      );
      cache.set(resolution, p);
    }
    return p;
  };
  return {
    kind: "folder",
    classes,
    splits,
    info: async () => ({
      kind: "folder",
      classes,
      trainImages: train.length,
      testImages: test.length,
      seed: datasetSeed(def),
      sha256: first.dataset.sha256,
      skipped: first.skipped.map((s) => `${s.path}: ${s.reason}`),
    }),
  };
}
