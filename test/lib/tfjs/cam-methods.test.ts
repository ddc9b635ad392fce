/**
 * The method registry on the real ImageNet MobileNet v1 0.25 and the real photos: every
 * method passes the pointing game on hand-annotated boxes; Grad-CAM runs on wasm (the
 * gradient goes through the head only); Score-CAM follows pytorch-grad-cam (checked against
 * a direct re-computation), reports progress and cancels; LayerCAM works on an earlier layer
 * on wasm (the project's depthwise gradient kernels), equal to cpu, and leaks nothing.
 */
import type { Server } from "node:http";

import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { decodeImageNode } from "@/lib/image/decode-node";
import type { DecodedImage } from "@/lib/image/decoded";
import { peakInOriginal, prepareInput } from "@/lib/image/prepare";
import { selectBackend } from "@/lib/tfjs/backends";
import { type CamEngine, type CamMap, createCamEngine } from "@/lib/tfjs/cam";
import {
  CAM_METHOD_TABLE,
  CAM_METHODS,
  CamCancelled,
  isCamMethod,
  methodForModel,
} from "@/lib/tfjs/cam-methods";
import { pointingHit, spearman } from "@/lib/tfjs/cam-metrics";
import { IMAGENET_LABELS } from "@/lib/tfjs/labels";
import { type LoadedModel, loadModel, mobilenetV1Url } from "@/lib/tfjs/model-load";

import { BOXES, readImage, startServer } from "./cam-fixtures";

let server: Server;
let layers: LoadedModel;
let graph: LoadedModel;
let engine: CamEngine;
let gEngine: CamEngine;
const photos = new Map<string, DecodedImage>();

const inputOf = (img: DecodedImage, pre: "symmetric" | "unit" = "symmetric") => {
  const p = prepareInput(img.image, {
    width: 224,
    height: 224,
    resize: "stretch",
    preprocess: pre,
  });
  return { x: tf.tensor4d(p.data, [1, 224, 224, 3]), plan: p.plan };
};

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
  let base: string;
  ({ server, base } = await startServer());
  layers = await loadModel(mobilenetV1Url(0.25, `${base}/tfjs`));
  graph = await loadModel(`${base}/graph/model.json`);
  engine = createCamEngine(layers, { labels: IMAGENET_LABELS });
  gEngine = createCamEngine(graph, { labels: IMAGENET_LABELS });
  for (const n of ["dog.jpg", "person.jpg"]) photos.set(n, await decodeImageNode(readImage(n), n));
});

afterAll(async () => {
  engine?.dispose();
  gEngine?.dispose();
  layers?.model.dispose();
  graph?.model.dispose();
  await new Promise<void>((ok) => server.close(() => ok()));
});

/**
 * Score-CAM of the malamute (249) on dog.jpg at the default layer: 256 masked passes, needed
 * by both the pointing game and the recipe check, so computed once (whichever runs first).
 */
let dogScoreCam: Promise<{
  map: CamMap;
  progress: { done: number; total: number }[];
  tensorsBefore: number;
  tensorsAfter: number;
}> | null = null;
const scoreCamDog = () =>
  (dogScoreCam ??= (async () => {
    const { x } = inputOf(photos.get("dog.jpg")!);
    const progress: { done: number; total: number }[] = [];
    const tensorsBefore = tf.memory().numTensors;
    const r = await engine.analyze(x, {
      method: "scorecam",
      classes: [249],
      batchSize: 64,
      onProgress: (done, total) => progress.push({ done, total }),
    });
    const tensorsAfter = tf.memory().numTensors;
    x.dispose();
    return { map: r.maps[0], progress, tensorsBefore, tensorsAfter };
  })());

describe("the registry", () => {
  it("has one entry per method with its flags; nothing else lists methods", () => {
    expect(CAM_METHODS).toEqual(["cam", "gradcam", "gradcam++", "scorecam", "layercam"]);
    expect(CAM_METHOD_TABLE.cam.needsLinearHead).toBe(true);
    expect(CAM_METHOD_TABLE.scorecam).toMatchObject({ needsGradients: false, batchable: true });
    expect(CAM_METHOD_TABLE.layercam).toMatchObject({ needsGradients: true, anyLayer: true });
    expect(isCamMethod("scorecam")).toBe(true);
    expect(isCamMethod("toString")).toBe(false);
    expect(methodForModel("cam", false)).toBe("gradcam");
    expect(methodForModel("scorecam", false)).toBe("scorecam");
  });
});

describe("gradients on the forward pass's backend", () => {
  it("Grad-CAM, Grad-CAM++ and LayerCAM of the last map run on wasm (head only), LayersModel and GraphModel", async () => {
    for (const e of [engine, gEngine]) {
      const { x } = inputOf(photos.get("dog.jpg")!, e === engine ? "symmetric" : "unit");
      for (const method of ["gradcam", "gradcam++", "layercam"] as const) {
        const r = await e.analyze(x, { method, classes: [249] });
        expect(r.gradient).toEqual({ backend: "wasm", fallback: null });
      }
      x.dispose();
    }
    expect(tf.getBackend()).toBe("wasm");
  });

  it("wasm Grad-CAM equals cpu Grad-CAM", async () => {
    const { x } = inputOf(photos.get("dog.jpg")!);
    const a = await engine.analyze(x, { method: "gradcam++", classes: [249] });
    await selectBackend({ prefer: "cpu" });
    try {
      const b = await engine.analyze(x, { method: "gradcam++", classes: [249] });
      for (let i = 0; i < a.maps[0].raw.length; i++)
        expect(a.maps[0].raw[i]).toBeCloseTo(b.maps[0].raw[i], 4);
    } finally {
      await selectBackend({ prefer: "wasm" });
      x.dispose();
    }
  });
});

describe("pointing game, every method (hand-annotated boxes)", () => {
  const targets: [string, number, string][] = [
    ["dog.jpg", 249, "dog"], // malamute
    ["dog.jpg", 671, "bicycle"], // mountain bike
    ["person.jpg", 348, "horse"], // ram: the net's name for the white horse
  ];
  for (const method of CAM_METHODS) {
    it(`${CAM_METHOD_TABLE[method].label}: the peak of each class lies in its object's box`, async () => {
      const misses: string[] = [];
      for (const [img, cls, obj] of targets) {
        const d = photos.get(img)!;
        const { x, plan } = inputOf(d);
        const m =
          method === "scorecam" && img === "dog.jpg" && cls === 249
            ? (await scoreCamDog()).map
            : (await engine.analyze(x, { method, classes: [cls], batchSize: 32 })).maps[0];
        x.dispose();
        const peak = peakInOriginal(m.grid, m.width, m.height, plan, d);
        if (!pointingHit(peak, BOXES[img][obj])) misses.push(`${img}/${cls}@${peak.x},${peak.y}`);
      }
      expect(misses).toEqual([]);
    }, 600_000);
  }
});

describe("Score-CAM", () => {
  it("matches pytorch-grad-cam's recipe recomputed directly, with progress and no leak", async () => {
    const r = await scoreCamDog();
    expect(r.progress).toEqual([64, 128, 192, 256].map((done) => ({ done, total: 256 })));
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
    const { x } = inputOf(photos.get("dog.jpg")!);
    // Direct recomputation: one upsampled, min-max normalised mask per channel, as
    // pytorch-grad-cam builds them; the 256 masked inputs go through the net 8 at a time.
    const feats = tf.tidy(() => {
      const m = tf.model({
        inputs: (layers.model as tf.LayersModel).inputs,
        outputs: (layers.model as tf.LayersModel).getLayer("conv_pw_13_relu")
          .output as tf.SymbolicTensor,
      });
      return m.predict(x) as tf.Tensor4D;
    });
    const scores: number[] = [];
    for (let c0 = 0; c0 < 256; c0 += 8) {
      const s = tf.tidy(() => {
        const masked: tf.Tensor4D[] = [];
        for (let c = c0; c < c0 + 8; c++) {
          const a = feats.slice([0, 0, 0, c], [1, 7, 7, 1]);
          const up = tf.image.resizeBilinear(a, [224, 224], true);
          const norm = up.sub(up.min()).div(up.max().sub(up.min()).add(1e-8));
          masked.push(x.mul(norm) as tf.Tensor4D);
        }
        return engine.logits(tf.concat(masked, 0)).slice([0, 249], [8, 1]);
      });
      scores.push(...(await s.data()));
      s.dispose();
    }
    const direct = tf.tidy(() => {
      const w = tf.softmax(tf.tensor1d(scores));
      return feats.mul(w).sum(-1).relu().reshape([49]);
    });
    const d = (await direct.data()) as Float32Array;
    direct.dispose();
    feats.dispose();
    for (let i = 0; i < 49; i++) expect(r.map.raw[i]).toBeCloseTo(d[i], 3);
    // Logits agree with the model's softmax output.
    const probs = await engine.predict(x);
    const lg = engine.logits(x);
    const sm = tf.softmax(lg);
    const p2 = (await sm.data()) as Float32Array;
    tf.dispose([lg, sm]);
    expect(p2[249]).toBeCloseTo(probs[249], 5);
    x.dispose();
  }, 180_000);

  it("cancels between batches without leaking", async () => {
    const { x } = inputOf(photos.get("dog.jpg")!);
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    let batches = 0;
    await expect(
      engine.analyze(x, {
        method: "scorecam",
        batchSize: 16,
        signal: ac.signal,
        onProgress: () => {
          if (++batches === 2) ac.abort();
        },
      }),
    ).rejects.toBeInstanceOf(CamCancelled);
    expect(batches).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  }, 60_000);
});

describe("LayerCAM", () => {
  it("maps an earlier layer (14x14) with a finer grid, on wasm (depthwise gradients registered), equal to cpu", async () => {
    const early = createCamEngine(layers, {
      labels: IMAGENET_LABELS,
      featureLayer: "conv_pw_11_relu",
    });
    const d = photos.get("dog.jpg")!;
    const { x, plan } = inputOf(d);
    const before = tf.memory().numTensors;
    const r = await early.analyze(x, { method: "layercam", classes: [249] });
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.getBackend()).toBe("wasm");
    const m = r.maps[0];
    expect([m.width, m.height]).toEqual([14, 14]);
    // The project's wasm gradient kernels (lib/tfjs/wasm-grad) cover the depthwise layers.
    expect(r.gradient).toEqual({ backend: "wasm", fallback: null });
    await selectBackend({ prefer: "cpu" });
    try {
      const c = await early.analyze(x, { method: "layercam", classes: [249] });
      for (let i = 0; i < m.raw.length; i++) expect(m.raw[i]).toBeCloseTo(c.maps[0].raw[i], 3);
    } finally {
      await selectBackend({ prefer: "wasm" });
    }
    const peak = peakInOriginal(m.grid, m.width, m.height, plan, d);
    expect(pointingHit(peak, BOXES["dog.jpg"].dog)).toBe(true);
    // Different from Grad-CAM on the same layer (elementwise vs channel-pooled weights).
    const g = await early.analyze(x, { method: "gradcam", classes: [249] });
    expect(spearman(g.maps[0].raw, m.raw)).toBeLessThan(0.999);
    early.dispose();
    x.dispose();
  }, 60_000);
});
