import { describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import {
  datasetSeed,
  DEFAULT_EXPERIMENT,
  parseExperiment,
  parseStrategies,
  planRuns,
} from "@/lib/lab/experiment";
import { labHref, labQuery, parseLabQuery, runLinks, experimentOf } from "@/lib/lab/state";
import { describeRecipe, learningRateAt, RECIPE } from "@/lib/lab/recipe";
import { ConfigError } from "@/lib/scaling/request";

function optionOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e.option;
    throw e;
  }
  throw new Error("no error");
}

describe("experiment definition", () => {
  it("refuses bad values, naming the option", () => {
    expect(optionOf(() => parseExperiment({ model: "vgg" }))).toBe("model");
    expect(optionOf(() => parseExperiment({ baseWidth: "abc" }))).toBe("base-width");
    expect(optionOf(() => parseExperiment({ baseDepth: -1 }))).toBe("base-depth");
    expect(optionOf(() => parseExperiment({ baseResolution: 16 }))).toBe("base-resolution");
    expect(optionOf(() => parseExperiment({ baseResolution: 64.5 }))).toBe("base-resolution");
    expect(optionOf(() => parseExperiment({ budget: "phi=1" }))).toBe("budget");
    expect(optionOf(() => parseExperiment({ budget: "0.5x" }))).toBe("budget");
    expect(optionOf(() => parseExperiment({ budget: "lots" }))).toBe("budget");
    expect(optionOf(() => parseExperiment({ strategies: "depth,magic" }))).toBe("strategies");
    expect(optionOf(() => parseExperiment({ strategies: "depth,depth" }))).toBe("strategies");
    expect(optionOf(() => parseExperiment({ epochs: 0 }))).toBe("epochs");
    expect(optionOf(() => parseExperiment({ seeds: 11 }))).toBe("seeds");
    expect(optionOf(() => parseExperiment({ trainImages: 1 }))).toBe("train-images");
    expect(optionOf(() => parseExperiment({ dataSeed: 1.5 }))).toBe("data-seed");
  });

  it("draws the dataset with the first seed unless a data seed is given", () => {
    const d = parseExperiment({ seed: 4 });
    expect(d.dataSeed).toBeUndefined();
    expect(datasetSeed(d)).toBe(4);
    const e = parseExperiment({ seed: 4, dataSeed: "1" });
    expect(e.dataSeed).toBe(1);
    expect(datasetSeed(e)).toBe(1);
  });

  it("keeps strategies in table order and accepts MAC budgets", () => {
    expect(parseStrategies("compound, base")).toEqual(["base", "compound"]);
    const d = parseExperiment({ budget: "8M" });
    expect(d.budget).toEqual({ kind: "macs", macs: 8e6 });
  });

  it("plans one run per strategy and seed, solved at the budget with the calculator's counts", () => {
    const def = parseExperiment({ seeds: 2, seed: 5 });
    const plan = planRuns(def, 10);
    expect(plan.runs).toHaveLength(10);
    expect(plan.runs.map((r) => r.id).slice(0, 5)).toEqual([
      "base-s5",
      "depth-s5",
      "width-s5",
      "resolution-s5",
      "compound-s5",
    ]);
    expect(plan.targetMacs).toBeCloseTo(2 * plan.base.macs, 6);
    for (const r of plan.runs) {
      const calc = calculate({
        model: def.model,
        classes: 10,
        scaling: { kind: "explicit", width: r.width, depth: r.depth, resolution: r.resolution },
      });
      expect(r.macs).toBe(calc.totals.macs);
      expect(r.totalParams).toBe(calc.totals.totalParams);
      if (r.strategy === "base") expect(r.macs).toBe(plan.base.macs);
      else expect(Math.abs(r.macs / plan.targetMacs - 1)).toBeLessThan(0.15);
    }
    const byS = Object.fromEntries(
      plan.runs.filter((r) => r.seed === 5).map((r) => [r.strategy, r]),
    );
    expect(byS.depth!.width).toBe(def.baseWidth);
    expect(byS.depth!.depth).toBeGreaterThan(def.baseDepth);
    expect(byS.width!.width).toBeGreaterThan(def.baseWidth);
    expect(byS.resolution!.resolution).toBeGreaterThan(def.baseResolution);
    expect(byS.compound!.resolution).toBeGreaterThan(def.baseResolution);
    expect(byS.compound!.depth).toBeGreaterThan(def.baseDepth);
  });

  it("plans the ablations as compound with one dimension held at the base, at the budget", () => {
    const def = parseExperiment({
      budget: "4x",
      strategies: "compound,no-depth,no-width,no-resolution",
    });
    expect(DEFAULT_EXPERIMENT.strategies).toEqual([
      "base",
      "depth",
      "width",
      "resolution",
      "compound",
    ]);
    const plan = planRuns(def, 10);
    const by = Object.fromEntries(plan.runs.map((r) => [r.strategy, r]));
    for (const s of ["compound", "no-depth", "no-width", "no-resolution"])
      expect(Math.abs(by[s]!.macs / plan.targetMacs - 1)).toBeLessThan(0.15);
    const c = by.compound!;
    expect(by["no-depth"]!.depth).toBe(def.baseDepth);
    expect(by["no-depth"]!.width).toBeGreaterThan(def.baseWidth);
    expect(by["no-depth"]!.resolution).toBeGreaterThan(def.baseResolution);
    expect(by["no-width"]!.width).toBe(def.baseWidth);
    expect(by["no-width"]!.depth).toBeGreaterThan(def.baseDepth);
    expect(by["no-width"]!.resolution).toBeGreaterThan(def.baseResolution);
    expect(by["no-resolution"]!.resolution).toBe(def.baseResolution);
    expect(by["no-resolution"]!.width).toBeGreaterThan(def.baseWidth);
    expect(by["no-resolution"]!.depth).toBeGreaterThan(def.baseDepth);
    // Without one dimension the other two grow further than in compound to meet the budget.
    expect(by["no-depth"]!.resolution).toBeGreaterThan(c.resolution);
    expect(by["no-resolution"]!.width).toBeGreaterThan(c.width);
  });

  it("states the recipe, and its schedule warms up then decays", () => {
    const lrs = Array.from({ length: 100 }, (_, i) => learningRateAt(RECIPE, i, 100));
    expect(lrs[0]).toBeLessThan(lrs[5]!);
    expect(Math.max(...lrs)).toBeCloseTo(RECIPE.learningRate, 6);
    expect(lrs[99]).toBeCloseTo(RECIPE.learningRate * RECIPE.finalLrShare, 6);
    expect(describeRecipe(RECIPE, 6, 32).join(" ")).toMatch(
      /Adam.*classifier 0\.001.*cosine.*6 epochs, batch 32.*flip.*label smoothing/s,
    );
  });
});

describe("/lab URL state", () => {
  it("round-trips and corrects bad values with notes", () => {
    const p = parseLabQuery(
      "?model=resnet50&width=0.5&runs=base,compound&epochs=abc&resolution=8&runs2=1",
    );
    expect(p.values.model).toBe("resnet50");
    expect(p.values.runs).toEqual(["base", "compound"]);
    expect(p.values.epochs).toBe(DEFAULT_EXPERIMENT.epochs);
    expect(p.values.resolution).toBe(32);
    expect(p.notes.map((n) => n.key).sort()).toEqual(["epochs", "resolution", "runs2"]);
    const again = parseLabQuery(labQuery(p.values));
    expect(again.values).toEqual(p.values);
    expect(again.notes).toEqual([]);
    const bad = parseLabQuery("?runs=magic");
    expect(bad.values.runs).toHaveLength(5);
    expect(bad.notes.map((n) => n.message).join()).toMatch(/magic/);
  });

  it("turns a page state into an experiment and builds the links", () => {
    const def = experimentOf(parseLabQuery("?budget=4&seeds=3").values);
    expect(def.budget).toEqual({ kind: "multiple", factor: 4 });
    expect(def.seeds).toBe(3);
    expect(labHref({ model: "efficientnet", width: 1.1, depth: 1.2, resolution: 260 })).toBe(
      "/lab?model=efficientnet&width=1.1&depth=1.2&resolution=260",
    );
    expect(runLinks("efficientnet", { width: 0.25, depth: 0.5, resolution: 64 }, 10).build).toBe(
      "/build?model=efficientnet&width=0.25&depth=0.5&resolution=64&classes=10",
    );
  });
});
