import { describe, expect, it } from "vitest";

import { chanceScores, scoreMap, upsampleGrid } from "@/lib/lab/cam-map";

describe("CAM scores against boxes", () => {
  it("upsamples a grid bilinearly between cell centres, edges clamped", () => {
    const m = upsampleGrid([0, 1, 0, 1], 2, 2, 4);
    expect(Array.from(m.subarray(0, 4))).toEqual([0, 0.25, 0.75, 1]);
    expect(Array.from(m.subarray(12, 16))).toEqual([0, 0.25, 0.75, 1]);
  });

  it("scores the pointing game and the energy inside the box", () => {
    const size = 10;
    const map = new Float32Array(size * size);
    map[2 * size + 2] = 1; // peak at pixel (2, 2)
    map[8 * size + 8] = 0.5;
    const inside = scoreMap(map, size, [{ x0: 0, y0: 0, x1: 0.4, y1: 0.4 }]);
    expect(inside.hit).toBe(true);
    expect(inside.energy).toBeCloseTo(1 / 1.5, 6);
    const outside = scoreMap(map, size, [{ x0: 0.6, y0: 0.6, x1: 1, y1: 1 }]);
    expect(outside.hit).toBe(false);
    expect(outside.energy).toBeCloseTo(0.5 / 1.5, 6);
    expect(scoreMap(new Float32Array(100), size, [{ x0: 0, y0: 0, x1: 1, y1: 1 }]).energy).toBe(0);
  });

  it("gives the chance level: a flat map's energy and a random peak's hit rate", () => {
    for (const [size, boxes] of [
      [10, [{ x0: 0, y0: 0, x1: 0.4, y1: 0.4 }]],
      [32, [{ x0: 0.21, y0: 0.33, x1: 0.68, y1: 0.9 }]],
      [
        37,
        [
          { x0: 0.1, y0: 0.1, x1: 0.3, y1: 0.2 },
          { x0: 0.5, y0: 0.5, x1: 0.95, y1: 0.7 },
        ],
      ],
    ] as const) {
      const c = chanceScores(size, boxes);
      // A flat map through scoreMap; the hit rate over every possible one-pixel peak.
      expect(c.energy).toBeCloseTo(
        scoreMap(new Float32Array(size * size).fill(1), size, boxes).energy,
        9,
      );
      let hits = 0;
      for (let i = 0; i < size * size; i++) {
        const m = new Float32Array(size * size);
        m[i] = 1;
        if (scoreMap(m, size, boxes).hit) hits++;
      }
      expect(c.pointing).toBeCloseTo(hits / (size * size), 9);
      expect(c.pointing).toBeGreaterThan(c.energy); // the one-pixel tolerance
    }
    // Half the image: half its pixels.
    expect(chanceScores(8, [{ x0: 0, y0: 0, x1: 0.5, y1: 1 }]).energy).toBe(0.5);
  });
});
