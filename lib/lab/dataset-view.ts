/** What a gallery of a Lab dataset shows: which samples, their pixels, their boxes in words. */
import type { Box, LabDataset } from "./dataset";

/** The first `perClass` indices of each class, in dataset order (fewer where a class has fewer). */
export function sampleIndices(
  labels: ArrayLike<number>,
  classCount: number,
  perClass: number,
): number[][] {
  const out: number[][] = Array.from({ length: classCount }, () => []);
  let full = 0;
  for (let i = 0; i < labels.length && full < classCount; i++) {
    const list = out[labels[i]];
    if (!list || list.length >= perClass) continue;
    list.push(i);
    if (list.length === perClass) full++;
  }
  return out;
}

/** Image `index` as 8-bit RGBA (res x res), for a canvas's ImageData. */
export function imageRgba(ds: LabDataset, index: number): Uint8ClampedArray<ArrayBuffer> {
  const n = ds.resolution * ds.resolution;
  const src = ds.images.subarray(index * n * 3, (index + 1) * n * 3);
  const out = new Uint8ClampedArray(n * 4);
  for (let p = 0; p < n; p++) {
    out[p * 4] = Math.round(src[p * 3] * 255);
    out[p * 4 + 1] = Math.round(src[p * 3 + 1] * 255);
    out[p * 4 + 2] = Math.round(src[p * 3 + 2] * 255);
    out[p * 4 + 3] = 255;
  }
  return out;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** A box in words, for screen readers: "box 12% to 45% across, 30% to 60% down". */
export function describeBox(b: Box): string {
  return `box ${pct(b.x0)} to ${pct(b.x1)} across, ${pct(b.y0)} to ${pct(b.y1)} down`;
}
