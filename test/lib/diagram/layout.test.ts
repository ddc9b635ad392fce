import { describe, expect, test } from "vitest";

import { calculate, calculateBaseline } from "@/lib/calculator";
import { diagramScale, layoutDiagram, stageChannels, stageResolution } from "@/lib/diagram/layout";

const b0 = calculateBaseline("efficientnet");
const b7 = calculate({
  model: "efficientnet",
  classes: 1000,
  scaling: { kind: "preset", preset: "b7" },
});

describe("diagram layout", () => {
  test("one column per stage, one slab per block, heights follow resolution", () => {
    const g = layoutDiagram(b0.stages, null, { maxSlabs: 100 });
    expect(g.baseline).toBeNull();
    expect(g.current.stages).toHaveLength(b0.stages.length);
    for (const [i, s] of g.current.stages.entries()) {
      const spec = b0.stages[i]!;
      expect(s.slabs).toHaveLength(spec.repeats);
      expect(s.elided).toBe(false);
      // Slabs of a stage share one size and are centred on the midline.
      for (const slab of s.slabs) {
        expect(slab.h).toBeCloseTo(s.slabs[0]!.h);
        expect(slab.y + slab.h / 2).toBeCloseTo(g.midY);
      }
    }
    // Stem (112 px) is the tallest; 7x7 stages are 16x shorter (linear in resolution).
    const h = g.current.stages.map((s) => s.slabs[0]!.h);
    expect(h[0]).toBeCloseTo(150);
    expect(h[7]! / h[0]!).toBeCloseTo(7 / 112);
    // Width grows with channels (sqrt).
    const w = g.current.stages.map((s) => s.slabs[0]!.w);
    expect(w[8]! / w[7]!).toBeCloseTo(Math.sqrt(1280 / 320));
  });

  test("columns never overlap and everything fits in the box", () => {
    const g = layoutDiagram(b7.stages, b0.stages);
    for (let i = 1; i < g.columns.length; i++) {
      expect(g.columns[i]!.x).toBeGreaterThanOrEqual(g.columns[i - 1]!.x + g.columns[i - 1]!.width);
    }
    for (const net of [g.current, g.baseline!]) {
      for (const s of net.stages) {
        for (const slab of s.slabs) {
          expect(slab.x).toBeGreaterThanOrEqual(0);
          expect(slab.x + slab.w).toBeLessThanOrEqual(g.width);
          expect(slab.y).toBeGreaterThanOrEqual(0);
          expect(slab.y + slab.h).toBeLessThanOrEqual(g.height);
        }
      }
    }
  });

  test("baseline overlay shares scale and columns; scaled net is bigger in every stage", () => {
    const g = layoutDiagram(b7.stages, b0.stages);
    expect(g.scale).toEqual(diagramScale(b7.stages, b0.stages));
    for (const [i, s] of g.current.stages.entries()) {
      const b = g.baseline!.stages[i]!;
      expect(s.x).toBe(b.x);
      expect(s.slabs[0]!.h).toBeGreaterThan(b.slabs[0]!.h);
      expect(s.slabs[0]!.w).toBeGreaterThanOrEqual(b.slabs[0]!.w);
      expect(s.repeats).toBeGreaterThanOrEqual(b.repeats);
    }
  });

  test("long stages are elided but keep their true block count", () => {
    const deep = calculate({
      model: "resnet50",
      classes: 1000,
      scaling: { kind: "explicit", width: 1, depth: 8, resolution: 224 },
    });
    const g = layoutDiagram(deep.stages, null, { maxSlabs: 8 });
    const s = g.current.stages.find((x) => x.repeats === 48)!;
    expect(s.elided).toBe(true);
    expect(s.slabs).toHaveLength(7);
    expect(s.ellipsisX).toBeGreaterThan(s.slabs[5]!.x);
    expect(s.ellipsisX).toBeLessThan(s.slabs[6]!.x);
  });

  test("head is drawn by its input feature map", () => {
    const head = b0.stages.at(-1)!;
    expect(head.kind).toBe("head");
    expect(stageResolution(head)).toBe(7);
    expect(stageChannels(head)).toBe(1280);
  });
});
