import { createHash } from "node:crypto";

import { describe, expect, test } from "vitest";

import {
  type LabDataset,
  LabDatasetError,
  PROCEDURAL_CLASSES,
  proceduralDataset,
  proceduralLabel,
  proceduralScene,
  renderScene,
  sceneBox,
  type Split,
} from "@/lib/lab/dataset";

const imageOf = (ds: LabDataset, i: number) => {
  const per = ds.resolution * ds.resolution * 3;
  return ds.images.subarray(i * per, (i + 1) * per);
};

/** Element-wise equality (vitest's deep equality is slow on large typed arrays). */
function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const bytesOf = (a: Float32Array) => Uint8Array.from(a, (v) => Math.round(v * 255));

function render(seed: number, split: Split, i: number, res: number) {
  const scene = proceduralScene(seed, split, i);
  const img = new Float32Array(res * res * 3);
  const mask = new Float32Array(res * res);
  renderScene(scene, res, img, 0, mask);
  return { scene, img, mask };
}

describe("procedural dataset", () => {
  test("ten named classes", () => {
    expect(PROCEDURAL_CLASSES.length).toBe(10);
    expect(new Set(PROCEDURAL_CLASSES).size).toBe(10);
  });

  test("same seed: same bytes and hash; another seed: other bytes and hash", () => {
    const a = proceduralDataset({ seed: 5, split: "train", count: 30, resolution: 32 });
    const b = proceduralDataset({ seed: 5, split: "train", count: 30, resolution: 32 });
    const c = proceduralDataset({ seed: 6, split: "train", count: 30, resolution: 32 });
    expect(same(b.images, a.images)).toBe(true);
    expect(same(b.labels, a.labels)).toBe(true);
    expect(b.sha256).toBe(a.sha256);
    expect(c.sha256).not.toBe(a.sha256);
    for (let i = 0; i < 30; i++) expect(same(imageOf(c, i), imageOf(a, i))).toBe(false);
    expect(a.images.length).toBe(30 * 32 * 32 * 3);
    expect(a.images.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  test("the hash is SHA-256 of the rounded image bytes followed by int32 LE labels", () => {
    const ds = proceduralDataset({ seed: 9, split: "val", count: 7, resolution: 16 });
    const labels = new Uint8Array(new Int32Array(ds.labels).buffer); // little-endian hosts
    const h = createHash("sha256").update(bytesOf(ds.images)).update(labels).digest("hex");
    expect(ds.sha256).toBe(h);
    expect(ds.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("image i does not depend on how many images are asked for", () => {
    const small = proceduralDataset({ seed: 2, split: "test", count: 5, resolution: 24 });
    const large = proceduralDataset({ seed: 2, split: "test", count: 23, resolution: 24 });
    for (let i = 0; i < 5; i++) expect(same(imageOf(large, i), imageOf(small, i))).toBe(true);
    expect(large.labels.subarray(0, 5)).toEqual(small.labels);
  });

  test("progress is reported every 64 images and at the end", () => {
    const seen: [number, number][] = [];
    proceduralDataset({
      seed: 1,
      split: "val",
      count: 150,
      resolution: 8,
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen).toEqual([
      [64, 150],
      [128, 150],
      [150, 150],
    ]);
  });

  test("train, validation and test share no image", () => {
    const seen = new Map<string, string>();
    for (const split of ["train", "val", "test"] as const) {
      const ds = proceduralDataset({ seed: 1, split, count: 150, resolution: 16 });
      for (let i = 0; i < ds.count; i++) {
        const h = createHash("sha256")
          .update(bytesOf(imageOf(ds, i)))
          .digest("hex");
        expect(seen.get(h), `${split} ${i}`).toBeUndefined();
        seen.set(h, `${split} ${i}`);
      }
    }
    expect(seen.size).toBe(450);
  });

  test("classes are balanced to within one image in every prefix", () => {
    for (const split of ["train", "test"] as const) {
      const counts = new Array(10).fill(0);
      for (let i = 0; i < 137; i++) {
        counts[proceduralLabel(3, split, i)]++;
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }
    }
    const ds = proceduralDataset({ seed: 3, split: "train", count: 60, resolution: 8 });
    const counts = new Array(10).fill(0);
    for (const l of ds.labels) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(6));
  });

  test("boxes lie inside the image and are tight around the object's drawn pixels", () => {
    for (const res of [32, 64, 128]) {
      for (let i = 0; i < 60; i++) {
        const { scene, mask } = render(4, "train", i, res);
        const box = sceneBox(scene);
        expect(box.x0).toBeGreaterThanOrEqual(0);
        expect(box.y0).toBeGreaterThanOrEqual(0);
        expect(box.x1).toBeLessThanOrEqual(1);
        expect(box.y1).toBeLessThanOrEqual(1);
        expect(box.x1 - box.x0).toBeGreaterThan(0.05);
        expect(box.y1 - box.y0).toBeGreaterThan(0.05);
        // Extent of the pixels the object covers (any coverage), in pixel edges.
        let x0 = res,
          y0 = res,
          x1 = 0,
          y1 = 0;
        for (let y = 0; y < res; y++) {
          for (let x = 0; x < res; x++) {
            if (mask[y * res + x] > 0) {
              x0 = Math.min(x0, x);
              y0 = Math.min(y0, y);
              x1 = Math.max(x1, x + 1);
              y1 = Math.max(y1, y + 1);
            }
          }
        }
        const what = `image ${i} (${PROCEDURAL_CLASSES[scene.label]}) at ${res} px`;
        expect(Math.abs(x0 - box.x0 * res), what).toBeLessThanOrEqual(1);
        expect(Math.abs(y0 - box.y0 * res), what).toBeLessThanOrEqual(1);
        expect(Math.abs(x1 - box.x1 * res), what).toBeLessThanOrEqual(1);
        expect(Math.abs(y1 - box.y1 * res), what).toBeLessThanOrEqual(1);
      }
    }
  });

  test("the dataset's boxes are the scenes' boxes", () => {
    const ds = proceduralDataset({ seed: 4, split: "train", count: 12, resolution: 16 });
    expect(ds.boxes).not.toBeNull();
    ds.boxes!.forEach((b, i) => expect(b).toEqual([sceneBox(proceduralScene(4, "train", i))]));
  });

  test("a 128 px rendering box-downsampled to 64 px matches the 64 px rendering", () => {
    let total = 0;
    const n = 40;
    for (let i = 0; i < n; i++) {
      const hi = render(8, "val", i, 128).img;
      const lo = render(8, "val", i, 64).img;
      let sum = 0;
      for (let y = 0; y < 64; y++) {
        for (let x = 0; x < 64; x++) {
          for (let c = 0; c < 3; c++) {
            const at = (yy: number, xx: number) => hi[(yy * 128 + xx) * 3 + c];
            const down =
              (at(2 * y, 2 * x) +
                at(2 * y, 2 * x + 1) +
                at(2 * y + 1, 2 * x) +
                at(2 * y + 1, 2 * x + 1)) /
              4;
            sum += Math.abs(down - lo[(y * 64 + x) * 3 + c]);
          }
        }
      }
      const mae = sum / (64 * 64 * 3);
      expect(mae, `image ${i}`).toBeLessThan(0.02);
      total += mae;
    }
    expect(total / n).toBeLessThan(0.008);
  });

  test("a higher resolution holds fine texture that a lower one loses", () => {
    // Contrast of the texture inside the striped and dotted discs: the standard deviation of
    // the object's fully covered pixels, at 32 and at 128 px.
    const spread = (img: Float32Array, mask: Float32Array) => {
      let s = 0,
        s2 = 0,
        n = 0;
      for (let p = 0; p < mask.length; p++) {
        if (mask[p] < 1) continue;
        const v = (img[p * 3] + img[p * 3 + 1] + img[p * 3 + 2]) / 3;
        s += v;
        s2 += v * v;
        n++;
      }
      return Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2));
    };
    let checked = 0;
    for (let i = 0; checked < 12; i++) {
      const name = PROCEDURAL_CLASSES[proceduralLabel(11, "train", i)];
      if (name !== "striped" && name !== "dotted") continue;
      const lo = render(11, "train", i, 32);
      const hi = render(11, "train", i, 128);
      expect(spread(hi.img, hi.mask), `image ${i}`).toBeGreaterThan(1.5 * spread(lo.img, lo.mask));
      checked++;
    }
  });

  test("bad options are refused with a message naming the option", () => {
    const ok = { seed: 1, split: "train" as const, count: 2, resolution: 16 };
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ resolution: 4 }, /resolution must be .* 8 to 1024; got 4/],
      [{ resolution: 31.5 }, /resolution/],
      [{ resolution: Number.NaN }, /resolution/],
      [{ count: 0 }, /count must be/],
      [{ count: 2.5 }, /count/],
      [{ seed: -1 }, /seed must be/],
      [{ seed: 1.5 }, /seed/],
      [{ split: "dev" }, /split must be one of train, val, test; got dev/],
      [{ count: 100_000, resolution: 1024 }, /MB; the limit is 512 MB/],
    ];
    for (const [patch, msg] of bad) {
      const run = () => proceduralDataset({ ...ok, ...patch } as typeof ok);
      expect(run).toThrow(LabDatasetError);
      expect(run).toThrow(msg);
    }
  });
});
