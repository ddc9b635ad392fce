import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { MODEL_IDS } from "@/lib/arch/types";
import { calculate } from "@/lib/calculator";
import { compoundCoefficients, flopsBase } from "@/lib/scaling/compound";
import {
  axisValues,
  DEFAULT_GRID,
  explorerHref,
  GridSearch,
  gridSize,
  parseGridSpec,
  runGrid,
  sortGridRows,
} from "@/lib/scaling/grid";
import { macsOf } from "@/lib/scaling/invert";
import { ConfigError } from "@/lib/scaling/request";
import { SeparableCost } from "@/lib/scaling/separable";

describe("SeparableCost equals building the network", () => {
  for (const model of MODEL_IDS) {
    it(`${model}: MACs and params on random configurations`, () => {
      const cost = new SeparableCost(model);
      fc.assert(
        fc.property(
          fc.double({ min: 0.05, max: 3, noNaN: true }),
          fc.double({ min: 0.05, max: 5, noNaN: true }),
          fc.integer({ min: 32, max: 600 }),
          (w, d, r) => {
            const v = cost.cost(w, d, r);
            const t = calculate({
              model,
              classes: 1000,
              scaling: { kind: "explicit", width: w, depth: d, resolution: r },
            }).totals;
            expect(v).toEqual({
              macs: t.macs,
              trainableParams: t.trainableParams,
              totalParams: t.totalParams,
            });
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});

describe("grid search", () => {
  it("the default grid contains the paper's triple (1.2, 1.1, 1.15; product 1.92)", () => {
    const g = runGrid(DEFAULT_GRID);
    const paper = g.rows.filter((r) => r.isPaper);
    expect(paper).toHaveLength(1);
    const p = paper[0]!;
    expect([p.alpha, p.beta, p.gamma]).toEqual([1.2, 1.1, 1.15]);
    expect(p.product).toBeCloseTo(1.92027, 5);
    const k = compoundCoefficients("efficientnet", 1);
    expect(p.resolution).toBe(k.resolution);
    expect(p.macs).toBe(macsOf("efficientnet", k.width, k.depth, k.resolution));
    expect(p.multiplier).toBeCloseTo(p.macs / macsOf("efficientnet", 1, 1, 224), 12);
    expect(g.paper).toEqual({ onGrid: true, feasible: true });
  });

  it("tolerance 0.08 keeps the paper's triple, 0.07 drops it", () => {
    const around = { alpha: "1.1:1.3:0.05", beta: "1:1.2:0.05", gamma: "1.1:1.2:0.05" };
    expect(runGrid(parseGridSpec({ ...around, tolerance: 0.08 })).rows.some((r) => r.isPaper)).toBe(
      true,
    );
    const g = runGrid(parseGridSpec({ ...around, tolerance: 0.07 }));
    expect(g.rows.some((r) => r.isPaper)).toBe(false);
    expect(g.paper).toEqual({ onGrid: true, feasible: false });
  });

  it("keeps exactly the triples within tolerance, each with its real phi = 1 network", () => {
    const spec = parseGridSpec({
      model: "mobilenetv2",
      alpha: "1:2:0.1",
      beta: "1:1.5:0.1",
      gamma: "1:1.5:0.1",
      tolerance: 0.15,
    });
    const g = runGrid(spec);
    let expected = 0;
    for (const a of axisValues(spec.alpha))
      for (const b of axisValues(spec.beta))
        for (const c of axisValues(spec.gamma))
          if (Math.abs(flopsBase(a, b, c) - 2) <= 0.15) expected++;
    expect(g.rows.length).toBe(expected);
    expect(g.total).toBe(11 * 6 * 6);
    const base = macsOf("mobilenetv2", 1, 1, 224);
    for (const r of g.rows) {
      expect(Math.abs(r.product - 2)).toBeLessThanOrEqual(0.15 + 1e-12);
      const k = compoundCoefficients("mobilenetv2", 1, r.alpha, r.beta, r.gamma);
      const calc = calculate({
        model: "mobilenetv2",
        classes: 1000,
        scaling: { kind: "explicit", width: k.width, depth: k.depth, resolution: k.resolution },
      });
      expect(r.macs).toBe(calc.totals.macs);
      expect(r.params).toBe(calc.totals.trainableParams);
      expect(r.multiplier).toBeCloseTo(r.macs / base, 12);
    }
    // Equal network ids mean identical networks.
    const byId = new Map<number, number>();
    for (const r of g.rows) {
      const m = byId.get(r.network);
      if (m !== undefined) expect(r.macs).toBe(m);
      byId.set(r.network, r.macs);
    }
  });

  it("runs incrementally: chunks give the same rows, progress only grows", () => {
    const spec = parseGridSpec({
      alpha: "1:1.6:0.02",
      beta: "1:1.3:0.02",
      gamma: "1:1.3:0.02",
      tolerance: 0.1,
    });
    const s = new GridSearch(spec);
    let last = -1;
    let calls = 0;
    while (!s.finished) {
      const p = s.next(997);
      expect(p.done).toBeGreaterThan(last);
      expect(p.done).toBeLessThanOrEqual(p.total);
      last = p.done;
      calls++;
    }
    expect(calls).toBe(Math.ceil(gridSize(spec) / 997));
    expect(s.result().rows).toEqual(runGrid(spec).rows);
    expect(s.progress().networks).toBeLessThanOrEqual(s.rows.length);
  });

  it("sorts rows and links each to the explorer", () => {
    const g = runGrid(DEFAULT_GRID);
    const sorted = sortGridRows(g.rows, "multiplier", true);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i - 1]!.multiplier).toBeGreaterThanOrEqual(sorted[i]!.multiplier);
    // The explorer's canonical link (lib/state/explorer.ts): the paper's constants are implied.
    expect(explorerHref("resnet50", { alpha: 1.2, beta: 1.1, gamma: 1.15 })).toBe(
      "/?model=resnet50&phi=1",
    );
    expect(explorerHref("resnet50", { alpha: 1.3, beta: 1.1, gamma: 1.1 })).toBe(
      "/?model=resnet50&phi=1&alpha=1.3&gamma=1.1",
    );
  });
});

describe("parseGridSpec rejects bad input naming the option", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ alpha: "1:2" }, ""],
    [{ alpha: "0.5:2:0.1" }, "alpha-range"],
    [{ beta: "1:5:0.1" }, "beta-range"],
    [{ gamma: "2:1:0.1" }, "gamma-range"],
    [{ gamma: "1:2:0" }, "gamma-range"],
    [{ alpha: "a:b:c" }, "alpha-range"],
    [{ alpha: "1" }, "alpha-range"],
    [{ step: "-1" }, "step"],
    [{ step: "0.0001" }, "step"],
    [{ tolerance: "x" }, "tolerance"],
    [{ tolerance: -1 }, "tolerance"],
    [{ model: "vgg" }, "model"],
    [{ target: 0 }, "target"],
    [{ classes: 1.5 }, "classes"],
  ];
  it.each(cases)("%j", (raw, option) => {
    if (option === "") {
      expect(() => parseGridSpec(raw)).not.toThrow();
      return;
    }
    let err: unknown;
    try {
      parseGridSpec(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).option).toBe(option);
    expect((err as Error).message).toMatch(/allowed|expected/);
  });
});
