import { describe, expect, test } from "vitest";

import { LabDatasetError, proceduralDataset } from "@/lib/lab/dataset";
import { splitDataset, subsetDataset } from "@/lib/lab/dataset-split";

const ds = proceduralDataset({ seed: 5, split: "train", count: 53, resolution: 8 });

describe("dataset splits", () => {
  test("subsetDataset copies images, labels and boxes in order, with its own hash", () => {
    const sub = subsetDataset(ds, [7, 2, 7]);
    const per = 8 * 8 * 3;
    expect(sub.count).toBe(3);
    expect(Array.from(sub.labels)).toEqual([ds.labels[7], ds.labels[2], ds.labels[7]]);
    expect(Array.from(sub.images.subarray(per, 2 * per))).toEqual(
      Array.from(ds.images.subarray(2 * per, 3 * per)),
    );
    expect(sub.boxes).toEqual([ds.boxes![7], ds.boxes![2], ds.boxes![7]]);
    expect(sub.sha256).not.toBe(ds.sha256);
    expect(
      subsetDataset(
        ds,
        Array.from({ length: 53 }, (_, i) => i),
      ).sha256,
    ).toBe(ds.sha256);
    expect(() => subsetDataset(ds, [53])).toThrow(/outside 0..52/);
  });

  test("splitDataset: disjoint, complete, stratified, deterministic from the seed", () => {
    const a = splitDataset(ds, { test: 0.2, val: 0.1, seed: 1 });
    const b = splitDataset(ds, { test: 0.2, val: 0.1, seed: 1 });
    const c = splitDataset(ds, { test: 0.2, val: 0.1, seed: 2 });
    expect(a.test.sha256).toBe(b.test.sha256);
    expect(c.test.sha256).not.toBe(a.test.sha256);
    expect(a.train.count + a.val.count + a.test.count).toBe(53);
    // Every class (5 or 6 images each) has test images and keeps training images.
    for (let cls = 0; cls < 10; cls++) {
      expect(a.test.labels.includes(cls)).toBe(true);
      expect(a.train.labels.includes(cls)).toBe(true);
    }
    // Disjoint: each image's bytes appear in one split only.
    const key = (d: typeof ds, i: number) => d.images.subarray(i * 192, (i + 1) * 192).join(",");
    const seen = new Set<string>();
    for (const d of [a.train, a.val, a.test]) {
      for (let i = 0; i < d.count; i++) {
        expect(seen.has(key(d, i))).toBe(false);
        seen.add(key(d, i));
      }
    }
  });

  test("bad shares are refused", () => {
    expect(() => splitDataset(ds, { test: 0.6, val: 0.4, seed: 0 })).toThrow(LabDatasetError);
    expect(() => splitDataset(ds, { test: -0.1, val: 0, seed: 0 })).toThrow(/shares/);
    expect(() => splitDataset(ds, { test: Number.NaN, val: 0, seed: 0 })).toThrow(/shares/);
  });
});
