import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { colormapAt, colormapLut, COLORMAPS } from "@/lib/image/colormap";
import { IMAGE_LIMITS, workingSize } from "@/lib/image/limits";
import { normalizePixels } from "@/lib/image/normalize";
import { compositeOverlay, heatmapRgba } from "@/lib/image/overlay";
import { peakInOriginal } from "@/lib/image/prepare";
import { gridCellToSource, planResize, resizeRgba, resizeToInput } from "@/lib/image/resize";
import { mapGridToImage } from "@/lib/image/upsample";

describe("resize plans and mapping back", () => {
  it("stretch covers the whole image; crop takes the centred region of the input's aspect", () => {
    expect(planResize(768, 576, 224, 224, "stretch").region).toEqual({
      x: 0,
      y: 0,
      width: 768,
      height: 576,
    });
    expect(planResize(768, 576, 224, 224, "crop").region).toEqual({
      x: 96,
      y: 0,
      width: 576,
      height: 576,
    });
    expect(planResize(352, 448, 224, 224, "crop").region).toEqual({
      x: 0,
      y: 48,
      width: 352,
      height: 352,
    });
  });

  it("grid cells map inside the region, centred (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom("stretch" as const, "crop" as const),
        fc.integer({ min: 1, max: 14 }),
        (w, h, mode, g) => {
          const plan = planResize(w, h, 224, 224, mode);
          const r = plan.region;
          expect(r.x).toBeGreaterThanOrEqual(0);
          expect(r.x + r.width).toBeLessThanOrEqual(w + 1e-6);
          expect(r.y + r.height).toBeLessThanOrEqual(h + 1e-6);
          const a = gridCellToSource(plan, 0, 0, g, g);
          const b = gridCellToSource(plan, g - 1, g - 1, g, g);
          expect(a.x + b.x).toBeCloseTo(2 * r.x + r.width, 6); // symmetric about the centre
          expect(a.y).toBeGreaterThan(r.y);
          expect(b.y).toBeLessThan(r.y + r.height);
        },
      ),
    );
  });

  it("a constant image resizes to the same constant; a ramp stays monotonic", () => {
    const img = { width: 300, height: 200, data: new Uint8ClampedArray(300 * 200 * 4).fill(77) };
    for (let i = 3; i < img.data.length; i += 4) img.data[i] = 255;
    const out = resizeToInput(img, planResize(300, 200, 224, 224, "crop"));
    expect(out.length).toBe(224 * 224 * 3);
    expect(out.reduce((m, v) => Math.max(m, Math.abs(v - 77)), 0)).toBeLessThan(1e-3);
    const ramp = { width: 1000, height: 2, data: new Uint8ClampedArray(1000 * 2 * 4) };
    for (let x = 0; x < 1000; x++)
      for (let y = 0; y < 2; y++) ramp.data.set([x / 4, 0, 0, 255], (y * 1000 + x) * 4);
    const r = resizeToInput(ramp, planResize(1000, 2, 10, 1, "stretch"));
    for (let i = 1; i < 10; i++) expect(r[i * 3]).toBeGreaterThan(r[(i - 1) * 3]);
    // Transparent pixels are flattened onto white.
    const clear = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
    expect(Array.from(resizeToInput(clear, planResize(2, 2, 1, 1, "stretch")))).toEqual([
      255, 255, 255,
    ]);
  });

  it("large images get a working copy of at most maxWorkingSide", () => {
    expect(workingSize(8000, 6000)).toMatchObject({
      width: IMAGE_LIMITS.maxWorkingSide,
      height: 1536,
    });
    expect(workingSize(640, 480).scale).toBe(1);
    const small = resizeRgba(
      { width: 40, height: 20, data: new Uint8ClampedArray(3200).fill(9) },
      10,
      5,
    );
    expect(small.data.every((v) => v === 9)).toBe(true);
  });

  it("maps a grid onto the image: NaN outside the crop, blocky = cells, smooth peaks at cell centres", () => {
    const plan = planResize(400, 200, 224, 224, "crop"); // region x 100..300
    const grid = new Float32Array([0, 0, 0, 1]); // 2x2, max bottom-right
    const blocky = mapGridToImage(grid, 2, 2, plan, 400, 200, "blocky");
    expect(Number.isNaN(blocky[0])).toBe(true);
    expect(Number.isNaN(blocky[399])).toBe(true);
    expect(blocky[150 * 400 + 250]).toBe(1);
    expect(blocky[50 * 400 + 150]).toBe(0);
    const smooth = mapGridToImage(grid, 2, 2, plan, 400, 200, "smooth");
    let best = -1,
      bi = 0;
    smooth.forEach((v, i) => {
      if (v > best) {
        best = v;
        bi = i;
      }
    });
    const peak = peakInOriginal(grid, 2, 2, plan, {
      scale: 1,
      originalWidth: 400,
      originalHeight: 200,
    });
    expect(peak).toEqual({ x: 250, y: 150 });
    expect(best).toBe(1);
    expect(smooth[peak.y * 400 + peak.x]).toBe(1);
    expect(bi % 400).toBeGreaterThanOrEqual(250);
  });

  it("preprocessing ranges", () => {
    const px = new Float32Array([0, 127.5, 255]);
    expect(Array.from(normalizePixels(px, "unit"))).toEqual([0, 0.5, 1]);
    expect(Array.from(normalizePixels(px, "symmetric"))).toEqual([-1, 0, 1]);
    const im = normalizePixels(
      new Float32Array([0.485 * 255, 0.456 * 255, 0.406 * 255]),
      "imagenet",
    );
    for (const v of im) expect(v).toBeCloseTo(0, 5);
  });
});

describe("colormaps and overlays", () => {
  it("match the reference endpoints of each map", () => {
    const at = (n: (typeof COLORMAPS)[number], t: number) =>
      colormapAt(n, t).map((v) => Math.round(v * 255));
    const near = (a: number[], b: number[], tol = 6) =>
      a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(tol));
    near(at("viridis", 0), [68, 1, 84]);
    near(at("viridis", 1), [253, 231, 37]);
    near(at("inferno", 0), [0, 0, 4]);
    near(at("inferno", 1), [252, 255, 164]);
    // Turbo uses Google's degree-5 polynomial, which is ~0.09 off the LUT at the very ends.
    near(at("turbo", 0), [48, 18, 59], 35);
    near(at("turbo", 1), [122, 4, 3], 25);
    near(at("turbo", 0.5), [164, 252, 60], 20);
    near(at("jet", 0), [0, 0, 128]);
    near(at("jet", 1), [128, 0, 0]);
    for (const c of COLORMAPS) expect(colormapLut(c).length).toBe(768);
    // Perceptual maps get brighter monotonically.
    for (const c of ["viridis", "inferno"] as const) {
      const lum = (t: number) =>
        colormapAt(c, t).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
      for (let t = 0.05; t <= 1; t += 0.05) expect(lum(t)).toBeGreaterThan(lum(t - 0.05));
    }
  });

  it("opacity and threshold", () => {
    const base = {
      width: 2,
      height: 1,
      data: new Uint8ClampedArray([10, 20, 30, 255, 40, 50, 60, 255]),
    };
    const values = new Float32Array([0.2, 1]);
    const none = compositeOverlay(base, values, { colormap: "jet", opacity: 0, threshold: 0 });
    expect(Array.from(none.data)).toEqual(Array.from(base.data));
    const full = compositeOverlay(base, values, { colormap: "jet", opacity: 1, threshold: 0.5 });
    expect(Array.from(full.data.slice(0, 4))).toEqual([10, 20, 30, 255]); // below threshold: photo
    expect(Array.from(full.data.slice(4, 7))).toEqual(
      Array.from(colormapLut("jet").slice(765, 768)),
    );
    const heat = heatmapRgba(new Float32Array([NaN, 0.1, 0.9]), 3, 1, "viridis", 0.5);
    expect([heat.data[3], heat.data[7], heat.data[11]]).toEqual([0, 0, 255]);
  });
});
