/**
 * Subsets of a Lab dataset, and a seeded, stratified train/validation/test split for datasets
 * that do not come in splits (a folder of photos). Procedural datasets are generated per
 * split instead (proceduralDataset's `split`), which keeps each split independent of the
 * others' sizes.
 */
import { Rng } from "./data/rng";
import { datasetSha256, type LabDataset, LabDatasetError, type Split } from "./dataset";

/** The images at `indices`, in that order, as a dataset of its own (with its own hash). */
export function subsetDataset(ds: LabDataset, indices: readonly number[]): LabDataset {
  const per = ds.resolution * ds.resolution * 3;
  const images = new Float32Array(indices.length * per);
  const labels = new Int32Array(indices.length);
  indices.forEach((src, k) => {
    if (!Number.isInteger(src) || src < 0 || src >= ds.count) {
      throw new RangeError(`subsetDataset: index ${src} is outside 0..${ds.count - 1}`);
    }
    images.set(ds.images.subarray(src * per, (src + 1) * per), k * per);
    labels[k] = ds.labels[src];
  });
  return {
    ...ds,
    count: indices.length,
    images,
    labels,
    boxes: ds.boxes ? indices.map((i) => ds.boxes![i]) : null,
    sha256: datasetSha256(images, labels),
  };
}

/**
 * Split each class's images at random (from `seed`) into test, validation and train, in
 * those shares (at least one test image per class that has two or more). Every image lands
 * in exactly one split.
 */
export function splitDataset(
  ds: LabDataset,
  opts: { readonly test: number; readonly val: number; readonly seed: number },
): Record<Split, LabDataset> {
  const ok = (v: number) => Number.isFinite(v) && v >= 0 && v < 1;
  if (!ok(opts.test) || !ok(opts.val) || opts.test + opts.val >= 1) {
    throw new LabDatasetError(
      "bad-option",
      `test and validation shares must be in 0..1 and leave some images to train on; got ${opts.test} and ${opts.val}.`,
    );
  }
  const byClass: number[][] = ds.classes.map(() => []);
  for (let i = 0; i < ds.count; i++) byClass[ds.labels[i]].push(i);
  const parts: Record<Split, number[]> = { train: [], val: [], test: [] };
  byClass.forEach((list, c) => {
    const order = Rng.forItem(opts.seed, 0x5e1, c).permutation(list.length);
    const n = list.length;
    const nTest = n >= 2 ? Math.max(1, Math.round(n * opts.test)) : 0;
    const nVal = Math.min(n - nTest - 1, Math.round(n * opts.val));
    order.forEach((o, k) => {
      const split = k < nTest ? "test" : k < nTest + Math.max(0, nVal) ? "val" : "train";
      parts[split].push(list[o]);
    });
  });
  for (const p of Object.values(parts)) p.sort((a, b) => a - b);
  return {
    train: subsetDataset(ds, parts.train),
    val: subsetDataset(ds, parts.val),
    test: subsetDataset(ds, parts.test),
  };
}
