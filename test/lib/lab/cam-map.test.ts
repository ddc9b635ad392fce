import { describe, expect, it } from "vitest";

import {
  centreMap,
  chanceScores,
  fixedMapScores,
  gridPeak,
  scoreGrid,
  upsampleGrid,
} from "@/lib/lab/cam-map";

describe("CAM scores against boxes", () => {
  it("upsamples a grid bilinearly between cell centres, edges clamped", () => {
    const m = upsampleGrid([0, 1, 0, 1], 2, 2, 4);
    expect(Array.from(m.subarray(0, 4))).toEqual([0, 0.25, 0.75, 1]);
    expect(Array.from(m.subarray(12, 16))).toEqual([0, 0.25, 0.75, 1]);
  });

  it("scores the pointing game at the largest cell and the energy of the upsampled map", () => {
    const size = 16;
    const grid = new Array<number>(16).fill(0);
    grid[1 * 4 + 1] = 1; // cell (1, 1): centre at pixel (6, 6)
    grid[3 * 4 + 3] = 0.5;
    expect(gridPeak(grid, 4, 4, size)).toEqual({ x: 6, y: 6 });
    const map = upsampleGrid(grid, 4, 4, size);
    const box = { x0: 0.25, y0: 0.25, x1: 0.5, y1: 0.5 }; // pixels 4..8
    let total = 0;
    let inBox = 0;
    map.forEach((v, i) => {
      total += v;
      const x = (i % size) + 0.5;
      const y = Math.floor(i / size) + 0.5;
      if (x >= 4 && x <= 8 && y >= 4 && y <= 8) inBox += v;
    });
    const s = scoreGrid(grid, 4, 4, size, [box]);
    expect(s.hit).toBe(true);
    expect(s.energy).toBeCloseTo(inBox / total, 9);
    // One pixel of tolerance: a box ending one pixel short of the peak still counts, two do not.
    expect(scoreGrid(grid, 4, 4, size, [{ x0: 0, y0: 0, x1: 5 / 16, y1: 5 / 16 }]).hit).toBe(true);
    expect(scoreGrid(grid, 4, 4, size, [{ x0: 0, y0: 0, x1: 4 / 16, y1: 4 / 16 }]).hit).toBe(false);
    expect(scoreGrid(new Array<number>(16).fill(0), 4, 4, size, [box]).energy).toBe(0);
  });

  it("points at a coarse map's cell centre, not at the image corner its upsampled plateau reaches", () => {
    // 2 x 2 map, largest top-left: the upsampled map is flat at its maximum over pixels 0..8,
    // and the first pixel of that plateau is the image's corner.
    const size = 32;
    const grid = [1, 0.2, 0.3, 0.1];
    const map = upsampleGrid(grid, 2, 2, size);
    expect(map[0]).toBe(1);
    expect(gridPeak(grid, 2, 2, size)).toEqual({ x: 8, y: 8 });
    const box = { x0: 0.15, y0: 0.15, x1: 0.4, y1: 0.4 }; // around pixel (8, 8), far from (0, 0)
    expect(scoreGrid(grid, 2, 2, size, [box]).hit).toBe(true);
  });

  it("gives the chance level: a flat map's energy and a random cell's hit rate", () => {
    for (const [g, size, boxes] of [
      [2, 32, [{ x0: 0.1, y0: 0.1, x1: 0.3, y1: 0.3 }]],
      [3, 37, [{ x0: 0.21, y0: 0.33, x1: 0.68, y1: 0.9 }]],
      [
        4,
        63,
        [
          { x0: 0.1, y0: 0.1, x1: 0.3, y1: 0.2 },
          { x0: 0.5, y0: 0.5, x1: 0.95, y1: 0.7 },
        ],
      ],
    ] as const) {
      const c = chanceScores(g, g, size, boxes);
      // Through scoreGrid: a flat map, and every one-hot map.
      expect(c.energy).toBeCloseTo(
        scoreGrid(new Array<number>(g * g).fill(1), g, g, size, boxes).energy,
        9,
      );
      let hits = 0;
      for (let i = 0; i < g * g; i++) {
        const m = new Array<number>(g * g).fill(0);
        m[i] = 1;
        if (scoreGrid(m, g, g, size, boxes).hit) hits++;
      }
      expect(c.pointing).toBeCloseTo(hits / (g * g), 12);
    }
    expect(chanceScores(2, 2, 32, [{ x0: 0.1, y0: 0.1, x1: 0.3, y1: 0.3 }]).pointing).toBe(0.25);
    // Half the image: half its pixels.
    expect(chanceScores(2, 2, 8, [{ x0: 0, y0: 0, x1: 0.5, y1: 1 }]).energy).toBe(0.5);
  });

  it("fixed maps: each cell's hit rate, the best, and a centre map's energy, as scoreGrid scores them", () => {
    // Three images: a central box, a top-left one, a central one again (3 x 3 map, 30 px).
    const images = [
      [{ x0: 0.35, y0: 0.35, x1: 0.65, y1: 0.65 }],
      [{ x0: 0, y0: 0, x1: 0.3, y1: 0.3 }],
      [{ x0: 0.4, y0: 0.3, x1: 0.6, y1: 0.7 }],
    ];
    const f = fixedMapScores(3, 3, 30, images);
    expect(f.perCell).toHaveLength(9);
    // The centre cell (centre 15, 15) hits the two central boxes; the top-left (5, 5) the other.
    expect(f.perCell[4]).toBeCloseTo(2 / 3, 12);
    expect(f.perCell[0]).toBeCloseTo(1 / 3, 12);
    expect(f.bestCell).toBeCloseTo(2 / 3, 12);
    for (let k = 0; k < 9; k++) {
      const oneHot = new Array<number>(9).fill(0);
      oneHot[k] = 1;
      const hits = images.filter((b) => scoreGrid(oneHot, 3, 3, 30, b).hit).length;
      expect(f.perCell[k]).toBeCloseTo(hits / 3, 12);
    }
    const centre = centreMap(3, 3);
    expect(centre[4]).toBe(1);
    expect(centre[0]).toBeCloseTo(1 / 3, 12);
    const energy = images.reduce((s, b) => s + scoreGrid(centre, 3, 3, 30, b).energy, 0) / 3;
    expect(f.centreEnergy).toBeCloseTo(energy, 12);
    // A centre-peaked map puts more of its energy in central boxes than a flat map does.
    expect(scoreGrid(centre, 3, 3, 30, images[0]!).energy).toBeGreaterThan(
      chanceScores(3, 3, 30, images[0]!).energy,
    );
    expect(fixedMapScores(2, 2, 8, [])).toEqual({
      perCell: [0, 0, 0, 0],
      bestCell: 0,
      centreEnergy: 0,
    });
  });
});
