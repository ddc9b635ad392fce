/**
 * The Lab's test images as /cam images (lib/lab/cam-images.ts): the Lab's own pixels and boxes
 * at any size, boxes inside the image and tight around the object's drawn pixels, the same
 * bytes for the same seed, the dataset a saved network records, and bad options named.
 */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, test } from "vitest";

import {
  DEFAULT_LAB_CAM_DATASET,
  LAB_CAM_IMAGES,
  labCamImages,
  labDatasetFromMetadata,
} from "@/lib/lab/cam-images";
import {
  LabDatasetError,
  PROCEDURAL_CLASSES,
  proceduralDataset,
  proceduralScene,
  renderScene,
} from "@/lib/lab/dataset";
import { LAB_DEFAULTS } from "@/lib/lab/defaults";
import { type SaveContext, setLabMetadata } from "@/lib/lab/runner";

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe("labCamImages", () => {
  test("four 224 px test images by default, RGBA, each with its class", () => {
    const imgs = labCamImages({ seed: 1 });
    expect(imgs).toHaveLength(LAB_CAM_IMAGES.count);
    const ds = proceduralDataset({ seed: 1, split: "test", count: 4, resolution: 8 });
    imgs.forEach((im, i) => {
      expect(im.index).toBe(i);
      expect(im.split).toBe("test");
      expect([im.width, im.height]).toEqual([224, 224]);
      expect(im.rgba.length).toBe(224 * 224 * 4);
      expect(im.classIndex).toBe(ds.labels[i]);
      expect(im.className).toBe(PROCEDURAL_CLASSES[ds.labels[i]]);
      expect(im.name).toBe(`lab-s1-test${i}-${im.className}`);
      for (let p = 3; p < im.rgba.length; p += 4) if (im.rgba[p] !== 255) throw new Error("alpha");
    });
  });

  test("the pixels are the Lab's rendering of the same scene, as bytes", () => {
    for (const size of [32, 97]) {
      const [im] = labCamImages({ seed: 3, start: 5, count: 1, size });
      const rgb = new Float32Array(size * size * 3);
      renderScene(proceduralScene(3, "test", 5), size, rgb);
      for (let k = 0, q = 0; k < rgb.length; k += 3, q += 4) {
        for (let c = 0; c < 3; c++) {
          if (im.rgba[q + c] !== Math.round(rgb[k + c] * 255))
            throw new Error(`pixel ${k / 3} channel ${c} at ${size} px`);
        }
      }
    }
  });

  test("boxes lie inside the image and are tight around the object's drawn pixels", () => {
    for (const size of [32, 64, 224]) {
      const imgs = labCamImages({ seed: 4, count: 30, size });
      for (const im of imgs) {
        const { x0, y0, x1, y1 } = im.box;
        expect([x0, y0, x1, y1].every(Number.isInteger)).toBe(true);
        expect(x0).toBeGreaterThanOrEqual(0);
        expect(y0).toBeGreaterThanOrEqual(0);
        expect(x1).toBeLessThanOrEqual(size);
        expect(y1).toBeLessThanOrEqual(size);
        expect(x1 - x0).toBeGreaterThan(0.05 * size);
        expect(y1 - y0).toBeGreaterThan(0.05 * size);
        // The object's coverage per pixel, from the renderer itself.
        const mask = new Float32Array(size * size);
        renderScene(
          proceduralScene(4, "test", im.index),
          size,
          new Float32Array(size * size * 3),
          0,
          mask,
        );
        let mx0 = size,
          my0 = size,
          mx1 = 0,
          my1 = 0;
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            if (mask[y * size + x] > 0) {
              mx0 = Math.min(mx0, x);
              my0 = Math.min(my0, y);
              mx1 = Math.max(mx1, x + 1);
              my1 = Math.max(my1, y + 1);
            }
          }
        }
        const what = `${im.name} at ${size} px`;
        expect(Math.abs(mx0 - x0), what).toBeLessThanOrEqual(1);
        expect(Math.abs(my0 - y0), what).toBeLessThanOrEqual(1);
        expect(Math.abs(mx1 - x1), what).toBeLessThanOrEqual(1);
        expect(Math.abs(my1 - y1), what).toBeLessThanOrEqual(1);
      }
    }
  });

  test("same seed, same bytes and boxes; another seed or start, other images", () => {
    const a = labCamImages({ seed: 7, count: 3, size: 48 });
    const b = labCamImages({ seed: 7, count: 3, size: 48 });
    const c = labCamImages({ seed: 8, count: 3, size: 48 });
    const d = labCamImages({ seed: 7, start: 1, count: 2, size: 48 });
    for (let i = 0; i < 3; i++) {
      expect(same(b[i].rgba, a[i].rgba)).toBe(true);
      expect(b[i].box).toEqual(a[i].box);
      expect(same(c[i].rgba, a[i].rgba)).toBe(false);
    }
    // Image i does not depend on where the list starts.
    expect(same(d[0].rgba, a[1].rgba)).toBe(true);
    expect(d[1].box).toEqual(a[2].box);
  });

  test("bad options are refused with a message naming them", () => {
    const bad: [Parameters<typeof labCamImages>[0], RegExp][] = [
      [{ seed: -1 }, /^seed must be a whole number from 0 to 4294967295; got -1\.$/],
      [{ seed: 1.5 }, /^seed .* got 1\.5\.$/],
      [{ seed: 1, size: 4 }, /^size must be a whole number of pixels from 8 to 1024; got 4\.$/],
      [{ seed: 1, size: NaN }, /^size .* got NaN\.$/],
      [{ seed: 1, count: 0 }, /^count must be a whole number from 1 to 64; got 0\.$/],
      [{ seed: 1, count: 65 }, /^count .* got 65\.$/],
      [{ seed: 1, start: -3 }, /^start must be a whole number from 0 to \d+; got -3\.$/],
      [{ seed: 1, split: "dev" as "test" }, /^split must be one of train, val, test; got dev\.$/],
    ];
    for (const [opts, msg] of bad) {
      let err: unknown = null;
      try {
        labCamImages(opts);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(opts)).toBeInstanceOf(LabDatasetError);
      expect((err as Error).message).toMatch(msg);
    }
  });
});

describe("labDatasetFromMetadata", () => {
  const ctx = (kind: "procedural" | "folder", classes = PROCEDURAL_CLASSES): SaveContext => ({
    experimentId: "e1",
    classes,
    dataset: { kind, seed: 42 },
    run: {
      id: "base-s43",
      strategy: "base",
      seed: 43,
      width: 0.25,
      depth: 0.25,
      resolution: 64,
    } as SaveContext["run"],
    testAccuracy: 0.2,
  });
  /** What the Lab writes into a saved model (setLabMetadata), read back from a real model. */
  const saved = (c: SaveContext) => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    try {
      setLabMetadata(m, c);
      return m.getUserDefinedMetadata();
    } finally {
      m.dispose();
    }
  };

  test("a Lab network's procedural dataset: its seed (not the run's) and resolution", () => {
    expect(labDatasetFromMetadata(saved(ctx("procedural")))).toEqual({
      seed: 42,
      resolution: 64,
      origin: "model",
    });
  });

  test("none for a folder dataset, other classes, older or foreign metadata", () => {
    expect(labDatasetFromMetadata(saved(ctx("folder")))).toBeNull();
    expect(labDatasetFromMetadata(saved(ctx("procedural", ["cat", "dog"])))).toBeNull();
    const old = { labels: [...PROCEDURAL_CLASSES], lab: { seed: 1, resolution: 32 } };
    expect(labDatasetFromMetadata(old)).toBeNull();
    for (const m of [
      undefined,
      null,
      "x",
      { labels: ["a"] },
      { labels: [...PROCEDURAL_CLASSES], lab: { dataset: { kind: "procedural", seed: -1 } } },
      { labels: [...PROCEDURAL_CLASSES], lab: { dataset: { kind: "procedural", seed: "1" } } },
    ])
      expect(labDatasetFromMetadata(m), JSON.stringify(m)).toBeNull();
  });

  test("the default dataset is the Lab's default seed", () => {
    expect(DEFAULT_LAB_CAM_DATASET).toEqual({
      seed: LAB_DEFAULTS.seed,
      resolution: null,
      origin: "default",
    });
  });
});
