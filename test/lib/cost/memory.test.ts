import { describe, expect, it } from "vitest";

import { buildNetwork } from "@/lib/arch/interpret";
import type { LayerSpec, ModelId } from "@/lib/arch/types";
import { peakActivationElements } from "@/lib/cost/memory";

/** Only what the memory pass reads. */
const layer = (name: string, inputs: string[]): LayerSpec =>
  ({ name, inputs }) as unknown as LayerSpec;

/**
 * The definition, step by step: after layer i runs, every output j <= i whose last
 * consumer (found by searching the whole list) has not yet run, or is i itself, is live.
 */
function naivePeak(layers: readonly LayerSpec[], sizes: readonly number[]) {
  const lastUse = layers.map((l, j) => {
    let last = j;
    layers.forEach((m, k) => {
      if (m.inputs.includes(l.name)) last = Math.max(last, k);
    });
    return last;
  });
  let peak = 0;
  let atLayer = 0;
  for (let i = 0; i < layers.length; i++) {
    let live = 0;
    for (let j = 0; j <= i; j++) if (lastUse[j]! >= i) live += sizes[j]!;
    if (live > peak) {
      peak = live;
      atLayer = i;
    }
  }
  return { peak, atLayer };
}

describe("peak activation memory", () => {
  it("holds a residual branch until its add, by hand", () => {
    // input 10 -> a 20 -> b 5 -> add(a, b) 20
    const layers = [
      layer("input", []),
      layer("a", ["input"]),
      layer("b", ["a"]),
      layer("add", ["a", "b"]),
    ];
    // Step a: input + a = 30; step b: a + b = 25; step add: a + b + add = 45.
    expect(peakActivationElements(layers, [10, 20, 5, 20])).toEqual({ peak: 45, atLayer: 3 });
  });

  it("finds inputs far back (past the short scan) as well as near ones", () => {
    // A chain of 100 layers with a skip from layer 1 into layer 90 and from 5 into 50.
    const layers = Array.from({ length: 100 }, (_, i) =>
      layer(
        `l${i}`,
        i === 0 ? [] : i === 90 ? ["l89", "l1"] : i === 50 ? ["l49", "l5"] : [`l${i - 1}`],
      ),
    );
    const sizes = layers.map((_, i) => 1 + ((i * 37) % 11));
    const got = peakActivationElements(layers, sizes);
    expect(got).toEqual(naivePeak(layers, sizes));
    // l1 is held until layer 90: it is part of every step in between.
    const withoutSkip = peakActivationElements(
      layers.map((l, i) => (i === 90 ? layer("l90", ["l89"]) : l)),
      sizes,
    );
    expect(got.peak).toBeGreaterThan(withoutSkip.peak);
  });

  const models: ModelId[] = ["efficientnet", "mobilenetv1", "mobilenetv2", "resnet50"];
  it.each(models)("%s: equals the definition at several sizes", (model) => {
    for (const [width, depth, resolution] of [
      [1, 1, 224],
      [0.5, 2.2, 97],
      [1.8, 1.4, 301],
    ] as const) {
      const spec = buildNetwork({ model, width, depth, resolution, classes: 1000 });
      const sizes = spec.layers.map((l) => l.outShape.reduce((a, b) => a * b, 1));
      expect(peakActivationElements(spec.layers, sizes)).toEqual(naivePeak(spec.layers, sizes));
    }
  });
});
