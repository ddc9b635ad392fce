import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";
import { buildModel } from "@/lib/tfjs/builder";
import { codeSnippets, exportTfjs, kerasConfigJson } from "@/lib/tfjs/export";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

describe("export", () => {
  it("tfjs artifacts load back into the same model with the same outputs", async () => {
    const calc = calculate(parseRequest({ width: 0.25, depth: 0.5, resolution: 48, classes: 5 }));
    const { model } = await buildModel(calc.spec);
    const a = await exportTfjs(model);
    const json = JSON.parse(a.modelJson) as {
      format: string;
      modelTopology: unknown;
      weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
    };
    expect(json.format).toBe("layers-model");
    expect(json.weightsManifest[0]!.paths).toEqual(["weights.bin"]);
    expect(a.weightsBin.byteLength).toBe(4 * calc.totals.totalParams);

    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology as tf.io.ModelArtifacts["modelTopology"],
        weightSpecs: json.weightsManifest[0]!.weights as tf.io.WeightsManifestEntry[],
        weightData: a.weightsBin,
      }),
    );
    expect(loaded.countParams()).toBe(model.countParams());
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    const x = tf.randomUniform([1, 48, 48, 3], 0, 1, "float32", 2);
    const y1 = (model.predict(x) as tf.Tensor).dataSync();
    const y2 = (loaded.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(y2)).toEqual(Array.from(y1));
    tf.dispose(x);
    loaded.dispose();
    model.dispose();
  });

  it("Keras JSON config names every layer with Keras classes and SAME padding", async () => {
    const calc = calculate(
      parseRequest({ model: "mobilenetv2", width: 0.35, resolution: 64, classes: 3 }),
    );
    const { model } = await buildModel(calc.spec);
    const cfg = JSON.parse(kerasConfigJson(model)) as {
      class_name: string;
      keras_version: string;
      config: { layers: { class_name: string; name: string; config: { padding?: string } }[] };
    };
    model.dispose();
    expect(cfg.keras_version).toMatch(/tfjs-layers/);
    expect(cfg.config.layers.length).toBe(calc.spec.layers.length);
    const byName = new Map(cfg.config.layers.map((l) => [l.name, l]));
    expect(byName.get("Conv1")?.class_name).toBe("Conv2D");
    expect(byName.get("block_1_depthwise")?.class_name).toBe("DepthwiseConv2D");
    expect(byName.get("block_1_depthwise")?.config.padding).toBe("same");
    expect(byName.get("bn_Conv1")?.class_name).toBe("BatchNormalization");
    expect(byName.get("predictions")?.class_name).toBe("Dense");
  });

  it("code snippets carry the configuration", () => {
    const b3 = codeSnippets(calculate(parseRequest({ preset: "b3", classes: 10 })).spec);
    expect(b3.find((s) => s.id === "keras")!.code).toContain("EfficientNetB3(");
    expect(b3.find((s) => s.id === "keras")!.code).toContain("classes=10");
    const custom = codeSnippets(calculate(parseRequest({ phi: 2.5, classes: 100 })).spec);
    const k = custom.find((s) => s.id === "keras")!.code;
    expect(k).toContain("width_coefficient=1.26906");
    expect(k).toContain("depth_coefficient=1.57744");
    expect(k).toContain("default_size=318");
    const p = custom.find((s) => s.id === "pytorch")!.code;
    expect(p).toContain("width_mult=1.26906");
    expect(p).toContain("num_classes=100");
    const r = codeSnippets(calculate(parseRequest({ model: "resnet50", width: 2 })).spec);
    expect(r.find((s) => s.id === "pytorch")!.notes.join(" ")).toMatch(/width_per_group/);
  });

  it("snippets name the real Keras and torchvision constructors of the new baselines", () => {
    const get = (raw: Record<string, unknown>, id: string) =>
      codeSnippets(calculate(parseRequest(raw)).spec).find((s) => s.id === id)!;
    expect(get({ model: "mobilenetv3large" }, "keras").code).toContain(
      "keras.applications.MobileNetV3Large(",
    );
    expect(get({ model: "mobilenetv3small" }, "pytorch").code).toContain("mobilenet_v3_small(");
    // Keras's V3 differs from torchvision's at alpha != 1: the note says so.
    expect(get({ model: "mobilenetv3large", width: 0.75 }, "keras").notes.join(" ")).toMatch(
      /alpha != 1/,
    );
    expect(get({ model: "efficientnetv2m" }, "keras").code).toContain(
      'model_name="efficientnetv2-m"',
    );
    expect(get({ model: "efficientnetv2l" }, "pytorch").code).toContain("efficientnet_v2_l(");
    expect(get({ model: "efficientnetv2s", width: 1.5 }, "pytorch").code).toContain(
      "last_channel=1920",
    );
  });

  it("MobileNetV3 (hard-swish, hard-sigmoid) survives the tfjs round trip with the same outputs", async () => {
    const calc = calculate(
      parseRequest({ model: "mobilenetv3small", width: 0.5, resolution: 48, classes: 5 }),
    );
    const before = tf.memory().numTensors;
    const { model } = await buildModel(calc.spec);
    const a = await exportTfjs(model);
    const json = JSON.parse(a.modelJson) as {
      modelTopology: tf.io.ModelArtifacts["modelTopology"];
      weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
    };
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0]!.weights,
        weightData: a.weightsBin,
      }),
    );
    expect(loaded.countParams()).toBe(calc.totals.totalParams);
    const x = tf.randomUniform([1, 48, 48, 3], -2, 2, "float32", 4);
    const y1 = model.predict(x) as tf.Tensor;
    const y2 = loaded.predict(x) as tf.Tensor;
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y1.dataSync()));
    tf.dispose([x, y1, y2]);
    loaded.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
