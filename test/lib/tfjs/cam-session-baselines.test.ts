/**
 * The CAM worker's logic (CamSession) on the builder networks of the newer baselines
 * (MobileNetV3-Small/-Large, EfficientNetV2-S): built from the calculator's spec with random
 * weights at 96 px (the real architectures, a lower input to keep it quick), a real photo,
 * a Grad-CAM map of the last spatial map's size (96 / 32 = 3 x 3) computed on wasm, and no
 * tensor left behind once the model is unloaded.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";

import { type CamBody, camSession, imageBuffer } from "./cam-fixtures";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

const RESOLUTION = 96;

describe("CamSession on the newer baselines' builder networks", () => {
  it.each(["mobilenetv3small", "mobilenetv3large", "efficientnetv2s"])(
    "%s: Grad-CAM map of the last spatial map's size, on wasm, no leak",
    async (model) => {
      const session = camSession();
      // Any error reply fails the test with its text.
      const send = async (m: CamBody) => {
        const r = await session.send(m);
        if (r.type === "error") throw new Error(JSON.stringify(r));
        return r;
      };
      await send({ type: "init" });
      await send({ type: "decode", imageId: "d", name: "dog.jpg", bytes: imageBuffer("dog.jpg") });
      const before = tf.memory().numTensors;
      const request = { model, resolution: RESOLUTION };
      const loaded = await send({ type: "load", key: "b", source: { kind: "builder", request } });
      if (loaded.type !== "loaded") throw new Error(loaded.type);
      expect(loaded.summary.randomWeights).toBe(true);
      expect(loaded.summary.inputSize).toEqual([RESOLUTION, RESOLUTION]);
      // The detected map is the spec's last spatial layer (total stride 32).
      const last = calculate(parseRequest(request)).spec.layers.filter(
        (l) => l.outShape.length === 3,
      );
      const side = Math.ceil(RESOLUTION / 32);
      expect(loaded.summary.feature.shape.slice(0, 2)).toEqual([side, side]);
      expect(loaded.summary.feature.shape[2]).toBe(last.at(-1)!.outShape[2]);

      const r = await send({
        type: "analyze",
        key: "b",
        imageId: "d",
        method: "gradcam",
        classes: "top",
        resize: "stretch",
        preprocess: "imagenet",
      });
      if (r.type !== "result") throw new Error(r.type);
      expect(r.gradient).toEqual({ backend: "wasm", fallback: null });
      const m = r.maps[0];
      expect([m.width, m.height]).toEqual([side, side]);
      expect(m.grid).toHaveLength(side * side);
      expect(m.grid.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
      expect(r.probs).toHaveLength(1000);
      expect(r.top[0].index).toBe(m.classIndex);

      await send({ type: "unload", key: "b" });
      expect(tf.memory().numTensors).toBe(before);
      session.s.dispose();
    },
    180_000,
  );
});
