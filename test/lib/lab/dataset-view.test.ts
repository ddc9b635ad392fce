import { describe, expect, test } from "vitest";

import { proceduralDataset } from "@/lib/lab/dataset";
import { describeBox, imageRgba, sampleIndices } from "@/lib/lab/dataset-view";

describe("dataset view helpers", () => {
  test("sampleIndices takes the first samples of each class in order", () => {
    expect(sampleIndices([2, 0, 2, 1, 2, 0], 4, 2)).toEqual([[1, 5], [3], [0, 2], []]);
    expect(sampleIndices([0, 0, 0], 1, 5)).toEqual([[0, 1, 2]]);
  });

  test("imageRgba holds the dataset's pixels as bytes, opaque", () => {
    const ds = proceduralDataset({ seed: 3, split: "test", count: 3, resolution: 8 });
    const rgba = imageRgba(ds, 2);
    expect(rgba.length).toBe(8 * 8 * 4);
    const base = 2 * 8 * 8 * 3;
    for (let p = 0; p < 64; p++) {
      for (let c = 0; c < 3; c++)
        expect(rgba[p * 4 + c]).toBe(Math.round(ds.images[base + p * 3 + c] * 255));
      expect(rgba[p * 4 + 3]).toBe(255);
    }
  });

  test("describeBox", () => {
    expect(describeBox({ x0: 0.125, y0: 0.3, x1: 0.449, y1: 1 })).toBe(
      "box 13% to 45% across, 30% to 100% down",
    );
  });
});
