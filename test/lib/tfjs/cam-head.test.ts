/**
 * Head detection on small user-style models: which heads allow plain CAM, what the page says
 * when they do not, the user's layer override, and CAM == Grad-CAM up to scale for a dense
 * head with fused softmax (the pre-softmax path).
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import { createCamEngine } from "@/lib/tfjs/cam";
import { HeadDetectError } from "@/lib/tfjs/head-detect";

function net(
  head: "gap-dense" | "gap-dense-softmax" | "flatten" | "gmp" | "hidden" | "avgpool-conv",
): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3] });
  let x = tf.layers
    .conv2d({ filters: 8, kernelSize: 3, padding: "same", activation: "relu", name: "c1" })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers
    .conv2d({
      filters: 12,
      kernelSize: 3,
      strides: 2,
      padding: "same",
      activation: "relu",
      name: "c2",
    })
    .apply(x) as tf.SymbolicTensor;
  let y: tf.SymbolicTensor;
  switch (head) {
    case "gap-dense":
      y = tf.layers.globalAveragePooling2d({ name: "gap" }).apply(x) as tf.SymbolicTensor;
      y = tf.layers.dropout({ rate: 0.2 }).apply(y) as tf.SymbolicTensor;
      y = tf.layers.dense({ units: 5, name: "fc" }).apply(y) as tf.SymbolicTensor;
      y = tf.layers.activation({ activation: "softmax" }).apply(y) as tf.SymbolicTensor;
      break;
    case "gap-dense-softmax":
      y = tf.layers.globalAveragePooling2d({ name: "gap" }).apply(x) as tf.SymbolicTensor;
      y = tf.layers
        .dense({ units: 5, activation: "softmax", name: "fc" })
        .apply(y) as tf.SymbolicTensor;
      break;
    case "avgpool-conv":
      y = tf.layers.averagePooling2d({ poolSize: 8, name: "pool" }).apply(x) as tf.SymbolicTensor;
      y = tf.layers.conv2d({ filters: 5, kernelSize: 1, name: "fc" }).apply(y) as tf.SymbolicTensor;
      y = tf.layers.flatten().apply(y) as tf.SymbolicTensor;
      break;
    case "flatten":
      y = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
      y = tf.layers
        .dense({ units: 5, activation: "softmax", name: "fc" })
        .apply(y) as tf.SymbolicTensor;
      break;
    case "gmp":
      y = tf.layers.globalMaxPooling2d({ name: "gmp" }).apply(x) as tf.SymbolicTensor;
      y = tf.layers.dense({ units: 5, name: "fc" }).apply(y) as tf.SymbolicTensor;
      break;
    case "hidden":
      y = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
      y = tf.layers
        .dense({ units: 7, activation: "relu", name: "hid" })
        .apply(y) as tf.SymbolicTensor;
      y = tf.layers.dense({ units: 5, name: "fc" }).apply(y) as tf.SymbolicTensor;
      break;
  }
  return tf.model({ inputs: input, outputs: y });
}

const loaded = (m: tf.LayersModel) => ({
  format: "layers" as const,
  model: m,
  url: "test",
  weightBytes: 0,
});

beforeAll(async () => {
  await selectBackend({ prefer: "cpu" });
});

describe("head detection", () => {
  it("accepts GAP + dense, GAP + dense(softmax) and full-size AvgPool + 1x1 conv", () => {
    for (const h of ["gap-dense", "gap-dense-softmax", "avgpool-conv"] as const) {
      const m = net(h);
      const e = createCamEngine(loaded(m));
      expect(e.info.head, h).not.toBeNull();
      expect(e.info.feature).toEqual({ name: "c2", shape: [8, 8, 12] });
      expect(e.info.camBlocker).toBeNull();
      e.dispose();
      m.dispose();
    }
  });

  it("says why plain CAM is impossible, and still finds the last spatial map for Grad-CAM", () => {
    const why: Record<string, RegExp> = {
      flatten: /not fed by a global average pool/,
      gmp: /pools with max/,
      hidden: /not fed by a global average pool.*hidden layer/,
    };
    for (const [h, re] of Object.entries(why)) {
      const m = net(h as "flatten");
      const e = createCamEngine(loaded(m));
      expect(e.info.head).toBeNull();
      expect(e.info.camBlocker).toMatch(/^Plain CAM is impossible: /);
      expect(e.info.camBlocker).toMatch(re);
      expect(e.info.camBlocker).toMatch(/Grad-CAM and Grad-CAM\+\+ still work/);
      expect(e.info.feature.name).toBe("c2");
      e.dispose();
      m.dispose();
    }
  });

  it("lets the user pick another layer (Grad-CAM only) and names the choices for a bad pick", async () => {
    const m = net("gap-dense");
    const e = createCamEngine(loaded(m), { featureLayer: "c1" });
    expect(e.info.feature).toEqual({ name: "c1", shape: [16, 16, 8] });
    expect(e.info.camBlocker).toMatch(/you chose layer "c1".*apply only to "c2"/);
    const x = tf.randomUniform([1, 16, 16, 3], 0, 1, "float32", 3) as tf.Tensor4D;
    await expect(e.analyze(x, { method: "cam" })).rejects.toThrow(/Plain CAM is impossible/);
    const r = await e.analyze(x, { method: "gradcam" });
    expect([r.maps[0].width, r.maps[0].height]).toEqual([16, 16]);
    expect(() => createCamEngine(loaded(m), { featureLayer: "nope" })).toThrow(HeadDetectError);
    expect(() => createCamEngine(loaded(m), { featureLayer: "nope" })).toThrow(
      /choose one of: c2, c1/,
    );
    x.dispose();
    e.dispose();
    m.dispose();
  });

  it("refuses a model with no spatial map", () => {
    const input = tf.input({ shape: [10] });
    const m = tf.model({
      inputs: input,
      outputs: tf.layers.dense({ units: 3 }).apply(input) as tf.SymbolicTensor,
    });
    expect(() => createCamEngine(loaded(m))).toThrow(/no spatial feature map/);
    m.dispose();
  });
});

describe("CAM == Grad-CAM up to scale holds through every head form", () => {
  for (const h of ["gap-dense", "gap-dense-softmax", "avgpool-conv"] as const) {
    it(h, async () => {
      const m = net(h);
      const e = createCamEngine(loaded(m));
      const x = tf.randomUniform([1, 16, 16, 3], 0, 1, "float32", 11) as tf.Tensor4D;
      const before = tf.memory().numTensors;
      for (const c of [0, 3]) {
        const cam = await e.analyze(x, { method: "cam", classes: [c] });
        const grad = await e.analyze(x, { method: "gradcam", classes: [c] });
        const relu = cam.maps[0].raw.map((v) => Math.max(0, v) / 64);
        grad.maps[0].raw.forEach((g, i) => expect(g).toBeCloseTo(relu[i], 5));
      }
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      e.dispose();
      m.dispose();
    });
  }
});
