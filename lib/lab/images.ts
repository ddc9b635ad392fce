/**
 * The slice of a dataset the trainer and scorer read (lib/lab/dataset.ts's LabDataset and the
 * folder dataset both have it): NHWC RGB floats in 0..1, integer labels, optional boxes.
 */
import type { Box } from "../tfjs/cam-metrics";

export interface ImageSet {
  readonly classes: readonly string[];
  readonly resolution: number;
  readonly count: number;
  readonly images: Float32Array;
  readonly labels: Int32Array;
  /** Per image, its objects' boxes in 0..1 image coordinates; null when unknown. */
  readonly boxes: readonly (readonly Box[])[] | null;
}

/** Throws when the arrays do not have the sizes the header says. */
export function checkImageSet(s: ImageSet, what: string): void {
  const px = s.resolution * s.resolution * 3;
  if (s.images.length !== s.count * px) {
    throw new Error(
      `${what}: ${s.images.length} floats for ${s.count} images of ${s.resolution} px`,
    );
  }
  if (s.labels.length !== s.count)
    throw new Error(`${what}: ${s.labels.length} labels for ${s.count} images`);
  for (const l of s.labels) {
    if (l < 0 || l >= s.classes.length)
      throw new Error(`${what}: label ${l} outside 0..${s.classes.length - 1}`);
  }
}

/** One image's pixels (a view, no copy). */
export function imageAt(s: ImageSet, i: number): Float32Array {
  const px = s.resolution * s.resolution * 3;
  return s.images.subarray(i * px, (i + 1) * px);
}

/**
 * Copies `indices` into a batch buffer, with augmentation: optional left-right mirror and a
 * shift by (dx, dy) pixels with edges repeated. `aug(i)` gives each sample's choice.
 */
export function fillBatch(
  s: ImageSet,
  indices: ArrayLike<number>,
  out: Float32Array,
  aug?: (k: number) => { flip: boolean; dx: number; dy: number },
): void {
  const r = s.resolution;
  const px = r * r * 3;
  for (let k = 0; k < indices.length; k++) {
    const src = imageAt(s, indices[k]!);
    const o = k * px;
    if (!aug) {
      out.set(src, o);
      continue;
    }
    const { flip, dx, dy } = aug(k);
    for (let y = 0; y < r; y++) {
      const sy = Math.min(r - 1, Math.max(0, y - dy));
      for (let x = 0; x < r; x++) {
        let sx = Math.min(r - 1, Math.max(0, x - dx));
        if (flip) sx = r - 1 - sx;
        const si = (sy * r + sx) * 3;
        const di = o + (y * r + x) * 3;
        out[di] = src[si]!;
        out[di + 1] = src[si + 1]!;
        out[di + 2] = src[si + 2]!;
      }
    }
  }
}
