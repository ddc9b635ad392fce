import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildNetwork } from "@/lib/arch/interpret";
import { blockLetter } from "@/lib/arch/naming";
import { MODEL_IDS, type ModelId } from "@/lib/arch/types";

describe("buildNetwork produces a well-formed graph", () => {
  it("unique names, inputs defined earlier, shapes chained, for random configurations", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODEL_IDS),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.integer({ min: 32, max: 700 }),
        (model: ModelId, width, depth, resolution) => {
          const spec = buildNetwork({ model, width, depth, resolution, classes: 10 });
          const seen = new Map<string, readonly number[]>();
          for (const l of spec.layers) {
            expect(seen.has(l.name), l.name).toBe(false);
            expect(l.name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
            for (const src of l.inputs) expect(seen.has(src), `${l.name} <- ${src}`).toBe(true);
            if (l.inputs.length) expect(seen.get(l.inputs[0]!)).toEqual(l.inShape);
            if (l.op === "add" || l.op === "multiply") {
              const [a, b] = l.inputs.map((n) => seen.get(n)!);
              // multiply broadcasts the SE gate [1, 1, C] over [H, W, C].
              expect(a![a!.length - 1]).toBe(b![b!.length - 1]);
              if (l.op === "add") expect(a).toEqual(b);
            }
            seen.set(l.name, l.outShape);
          }
          const last = spec.layers[spec.layers.length - 1]!;
          expect(last.outShape).toEqual([10]);
          expect(spec.stages.length).toBeGreaterThan(2);
          // Stage rows chain: each starts where the previous ended.
          for (let i = 1; i < spec.stages.length; i++) {
            expect(spec.stages[i]!.inRes).toEqual(spec.stages[i - 1]!.outRes);
            expect(spec.stages[i]!.inChannels).toBe(spec.stages[i - 1]!.outChannels);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it("EfficientNet-B0 stage rows are paper table 1", () => {
    const s = buildNetwork({
      model: "efficientnet",
      width: 1,
      depth: 1,
      resolution: 224,
      classes: 1000,
    }).stages;
    expect(s.map((r) => [r.operator, r.inRes[0], r.outChannels, r.repeats])).toEqual([
      ["Conv3x3", 224, 32, 1],
      ["MBConv1, k3x3", 112, 16, 1],
      ["MBConv6, k3x3", 112, 24, 2],
      ["MBConv6, k5x5", 56, 40, 2],
      ["MBConv6, k3x3", 28, 80, 3],
      ["MBConv6, k5x5", 14, 112, 3],
      ["MBConv6, k5x5", 14, 192, 4],
      ["MBConv6, k3x3", 7, 320, 1],
      ["Conv1x1 & Pooling & FC", 7, 1280, 1],
    ]);
  });

  it("layer names follow Keras applications", () => {
    const names = (m: ModelId): string[] =>
      buildNetwork({ model: m, width: 1, depth: 1, resolution: 224, classes: 1000 }).layers.map(
        (l) => l.name,
      );
    expect(names("efficientnet")).toEqual(
      expect.arrayContaining([
        "stem_conv",
        "block1a_dwconv",
        "block2b_add",
        "block6d_se_excite",
        "top_conv",
        "predictions",
      ]),
    );
    expect(names("mobilenetv1")).toEqual(
      expect.arrayContaining([
        "conv1",
        "conv_dw_1",
        "conv_pw_13_relu",
        "conv_preds",
        "predictions",
      ]),
    );
    expect(names("mobilenetv2")).toEqual(
      expect.arrayContaining([
        "Conv1",
        "expanded_conv_project_BN",
        "block_16_project",
        "Conv_1",
        "out_relu",
      ]),
    );
    expect(names("resnet50")).toEqual(
      expect.arrayContaining([
        "conv1_conv",
        "pool1_pool",
        "conv2_block1_0_conv",
        "conv5_block3_out",
        "avg_pool",
      ]),
    );
    expect([0, 25, 26, 27, 701].map(blockLetter)).toEqual(["a", "z", "aa", "ab", "zz"]);
  });
});
