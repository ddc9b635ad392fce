/**
 * Labels that belong to the model: names only when their count fits the outputs (N, or N+1
 * with a leading background), else "class i" with a note; metadata labels; a 5-class
 * model never borrows ImageNet's names.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import { CamError, createCamEngine } from "@/lib/tfjs/cam";
import { IMAGENET_LABELS, labelsFromMetadata, matchLabels } from "@/lib/tfjs/labels";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

describe("matchLabels", () => {
  it("fits N outputs, N+1 with background first, and otherwise names classes by index", () => {
    expect(matchLabels(1000, IMAGENET_LABELS)).toMatchObject({ offset: 0, note: null });
    expect(matchLabels(1001, IMAGENET_LABELS)).toMatchObject({ offset: 1, note: null });
    const m = matchLabels(5, IMAGENET_LABELS);
    expect(m.labels).toEqual(["class 0", "class 1", "class 2", "class 3", "class 4"]);
    expect(m.note).toMatch(/1000 names but the model has 5 outputs/);
    expect(matchLabels(3, null)).toEqual({
      labels: ["class 0", "class 1", "class 2"],
      offset: 0,
      note: null,
    });
  });

  it("reads labels from userDefinedMetadata, ignoring anything else", () => {
    expect(labelsFromMetadata({ labels: ["a", "b"] })).toEqual(["a", "b"]);
    expect(labelsFromMetadata({ labels: ["a", 3] })).toBeNull();
    expect(labelsFromMetadata({ labels: [] })).toBeNull();
    expect(labelsFromMetadata(null)).toBeNull();
    expect(labelsFromMetadata({ classes: ["a"] })).toBeNull();
  });
});

describe("a 5-class model", () => {
  const tiny = () => {
    const input = tf.input({ shape: [32, 32, 3] });
    const c = tf.layers
      .conv2d({ filters: 8, kernelSize: 3, strides: 2, activation: "relu" })
      .apply(input);
    const p = tf.layers.globalAveragePooling2d({}).apply(c);
    const out = tf.layers.dense({ units: 5, activation: "softmax" }).apply(p) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: out });
  };

  it("gets class 0..4 and a note with ImageNet's labels; is refused with a user's wrong list", async () => {
    const model = tiny();
    const loaded = { format: "layers" as const, model, url: "mem", weightBytes: 0 };
    const e = createCamEngine(loaded, { labels: IMAGENET_LABELS });
    expect(e.labels).toEqual(["class 0", "class 1", "class 2", "class 3", "class 4"]);
    expect(e.labelNote).toMatch(/model has 5 outputs/);
    const x = tf.randomUniform([1, 32, 32, 3]) as tf.Tensor4D;
    const r = await e.analyze(x, { method: "cam" });
    expect(r.top[0].label).toMatch(/^class [0-4]$/);
    e.dispose();
    expect(() => createCamEngine(loaded, { labels: ["a", "b"], strictLabels: true })).toThrow(
      CamError,
    );
    const named = createCamEngine(loaded, {
      labels: ["a", "b", "c", "d", "e"],
      strictLabels: true,
    });
    expect(named.labels).toEqual(["a", "b", "c", "d", "e"]);
    named.dispose();
    x.dispose();
    model.dispose();
  });
});
