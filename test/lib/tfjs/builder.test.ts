import * as tf from "@tensorflow/tfjs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

import { MODEL_IDS, type ModelId } from "@/lib/arch/types";
import { calculate } from "@/lib/calculator";
import { parseRequest, type RawRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";
import {
  BuildCancelledError,
  buildModel,
  layerOutShape,
  type BuildProgress,
} from "@/lib/tfjs/builder";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

/** Builds, checks params and every layer's shape against the calculator, disposes, checks leaks. */
async function checkAgainstCalculator(raw: RawRequest): Promise<void> {
  const calc = calculate(parseRequest(raw));
  const before = tf.memory().numTensors;
  const { model } = await buildModel(calc.spec);
  try {
    expect(model.countParams()).toBe(calc.totals.trainableParams + calc.totals.nonTrainableParams);
    const trainable = model.trainableWeights.reduce(
      (s, w) => s + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
      0,
    );
    expect(trainable).toBe(calc.totals.trainableParams);
    // Hard activations are composed from standard layers (lib/tfjs/layers.ts): hard-sigmoid is
    // Rescaling + ReLU(max 1), hard-swish adds a Multiply; fused into a conv/dense, all follow it.
    const extra = calc.spec.layers.reduce((n, l) => {
      const own = l.op === "activation" ? 0 : 1;
      if (l.activation === "hardSigmoid") return n + 1 + own;
      if (l.activation === "hardSwish") return n + 2 + own;
      return n;
    }, 0);
    expect(model.layers.length).toBe(calc.spec.layers.length + extra);
    for (const l of calc.spec.layers) {
      expect(layerOutShape(model, l.name), l.name).toEqual([...l.outShape]);
    }
    expect(model.outputs[0]!.shape).toEqual([null, calc.spec.classes]);
  } finally {
    model.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
}

// Small widths/resolutions keep weight initialisation cheap; odd sizes exercise SAME padding.
const GRID: Record<ModelId, RawRequest[]> = {
  efficientnet: [
    { preset: "b0" },
    { width: 0.25, depth: 0.5, resolution: 33, classes: 7 },
    { width: 0.5, depth: 1.6, resolution: 97, classes: 10 },
    { phi: 1, resolution: undefined, classes: 3 },
  ],
  mobilenetv1: [
    { model: "mobilenetv1", width: 0.25, resolution: 129, classes: 5 },
    { model: "mobilenetv1", width: 0.6, depth: 1.5, resolution: 65, classes: 1000 },
  ],
  mobilenetv2: [
    { model: "mobilenetv2", width: 0.35, depth: 0.7, resolution: 95, classes: 2 },
    { model: "mobilenetv2", width: 1.3, depth: 1, resolution: 35, classes: 11 },
  ],
  resnet50: [
    { model: "resnet50", width: 0.125, depth: 0.5, resolution: 63, classes: 4 },
    { model: "resnet50", width: 0.25, depth: 1.2, resolution: 32, classes: 1 },
  ],
  mobilenetv3large: [
    { model: "mobilenetv3large" },
    { model: "mobilenetv3large", width: 0.35, depth: 1.5, resolution: 65, classes: 3 },
  ],
  mobilenetv3small: [
    { model: "mobilenetv3small", resolution: 97, classes: 10 },
    { model: "mobilenetv3small", width: 1.3, depth: 0.5, resolution: 33, classes: 2 },
  ],
  efficientnetv2s: [
    { model: "efficientnetv2s", width: 0.25, depth: 0.2, resolution: 65, classes: 5 },
    { model: "efficientnetv2s", width: 0.5, depth: 0.5, resolution: 33, classes: 10 },
  ],
  efficientnetv2m: [
    { model: "efficientnetv2m", width: 0.2, depth: 0.2, resolution: 47, classes: 3 },
  ],
  efficientnetv2l: [
    { model: "efficientnetv2l", width: 0.2, depth: 0.15, resolution: 35, classes: 3 },
  ],
};

describe("buildModel matches the calculator", () => {
  for (const model of MODEL_IDS) {
    for (const raw of GRID[model]) {
      it(`${model} ${JSON.stringify(raw)}`, () => checkAgainstCalculator(raw));
    }
  }

  it("any small configuration of any baseline (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MODEL_IDS),
        fc.double({ min: 0.1, max: 0.5, noNaN: true }),
        fc.double({ min: 0.2, max: 1.5, noNaN: true }),
        fc.integer({ min: 32, max: 80 }),
        fc.integer({ min: 1, max: 20 }),
        async (model, width, depth, resolution, classes) => {
          await checkAgainstCalculator({ model, width, depth, resolution, classes });
        },
      ),
      { numRuns: 6, seed: 5 },
    );
  });

  it("uses Keras application layer names", async () => {
    const calc = calculate(parseRequest({ width: 0.25, depth: 0.3, resolution: 32 }));
    const { model } = await buildModel(calc.spec);
    const names = model.layers.map((l) => l.name);
    model.dispose();
    for (const n of [
      "stem_conv",
      "stem_bn",
      "block1a_dwconv",
      "block1a_se_excite",
      "top_conv",
      "avg_pool",
      "predictions",
    ]) {
      expect(names).toContain(n);
    }
  });

  it("MobileNetV3's hard-swish and hard-sigmoid are Keras layers that tfjs serializes", async () => {
    const calc = calculate(parseRequest({ model: "mobilenetv3small", width: 0.5, resolution: 32 }));
    const { model } = await buildModel(calc.spec);
    const classes = new Map(model.layers.map((l) => [l.name, l.getClassName()]));
    model.dispose();
    // Stem: conv -> BN -> hard-swish = Rescaling(1/6, +0.5) -> ReLU(max 1) -> Multiply.
    expect(classes.get("conv_act_gate_rescale")).toBe("Rescaling");
    expect(classes.get("conv_act_gate")).toBe("ReLU");
    expect(classes.get("conv_act")).toBe("Multiply");
    // SE gate after the expand conv (which keeps its name and weights).
    expect(classes.get("expanded_conv_squeeze_excite_conv_1")).toBe("Conv2D");
    expect(classes.get("expanded_conv_squeeze_excite_conv_1_hard_sigmoid")).toBe("ReLU");
  });
});

describe("build progress and cancellation", () => {
  const spec = calculate(parseRequest({ width: 0.25, depth: 1, resolution: 64 })).spec;

  it("reports progress up to every layer", async () => {
    const seen: BuildProgress[] = [];
    const { model } = await buildModel(spec, { onProgress: (p) => seen.push(p), yieldEveryMs: 0 });
    model.dispose();
    expect(seen.length).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThan(seen[i - 1]!.done);
    expect(seen.at(-1)).toMatchObject({ done: spec.layers.length, total: spec.layers.length });
  });

  it("stops when aborted mid-build and frees every weight made so far", async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    let progressCalls = 0;
    const run = buildModel(spec, {
      yieldEveryMs: 0,
      signal: ctl.signal,
      onProgress: (p) => {
        progressCalls++;
        if (p.done >= 40) ctl.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(BuildCancelledError);
    expect(progressCalls).toBeLessThan(spec.layers.length);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("an already aborted signal builds nothing that survives", async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    ctl.abort();
    await expect(buildModel(spec, { signal: ctl.signal, yieldEveryMs: 0 })).rejects.toBeInstanceOf(
      BuildCancelledError,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
