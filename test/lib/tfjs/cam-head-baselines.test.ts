/**
 * The CAM page's head detection on builder networks of the new baselines: EfficientNetV2's
 * GAP + dense head allows plain CAM; MobileNetV3's hidden dense layer (960 -> 1280) does not,
 * and the detector says why and falls back to the last spatial map for Grad-CAM.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";
import { buildModel } from "@/lib/tfjs/builder";
import { detectLayersHead } from "@/lib/tfjs/head-detect";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

describe("CAM head detection on builder networks", () => {
  it("MobileNetV3-Small: Grad-CAM on the last conv, plain CAM blocked by the hidden dense", async () => {
    const spec = calculate(
      parseRequest({ model: "mobilenetv3small", width: 0.5, resolution: 96, classes: 4 }),
    ).spec;
    const { model } = await buildModel(spec);
    const h = detectLayersHead(model);
    model.dispose();
    expect(h.head).toBeNull();
    expect(h.camBlocker).toMatch(/hidden layer/);
    expect(h.feature).toEqual({ name: "conv_1_act", shape: [3, 3, 576 / 2] });
    expect(h.numClasses).toBe(4);
  });

  it("EfficientNetV2-S: plain CAM on top_activation", async () => {
    const spec = calculate(
      parseRequest({
        model: "efficientnetv2s",
        width: 0.25,
        depth: 0.2,
        resolution: 64,
        classes: 3,
      }),
    ).spec;
    const { model } = await buildModel(spec);
    const h = detectLayersHead(model);
    model.dispose();
    expect(h.camBlocker).toBeNull();
    expect(h.head?.classifier).toBe("predictions");
    expect(h.feature.name).toBe("top_activation");
  });
});
