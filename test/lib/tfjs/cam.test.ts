/**
 * CAM, Grad-CAM and Grad-CAM++ on the real ImageNet MobileNet v1 0.25 (LayersModel and
 * TF-Hub GraphModel) and the real photos: plausible predictions, CAM == Grad-CAM up to scale
 * for a GAP + linear head, the pointing game on hand-annotated boxes, deletion/insertion
 * against a random map, the weight-randomisation sanity check, and no tensor leaks.
 */
import type { Server } from "node:http";

import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { decodeImageNode } from "@/lib/image/decode-node";
import type { DecodedImage } from "@/lib/image/decoded";
import { peakInOriginal, prepareInput } from "@/lib/image/prepare";
import type { Preprocess } from "@/lib/image/normalize";
import type { ResizeMode } from "@/lib/image/resize";
import { mapGridToImage } from "@/lib/image/upsample";
import { selectBackend } from "@/lib/tfjs/backends";
import { type CamEngine, createCamEngine } from "@/lib/tfjs/cam";
import { boxBlur, deletionInsertion, pointingHit, spearman } from "@/lib/tfjs/cam-metrics";
import { IMAGENET_LABELS } from "@/lib/tfjs/labels";
import { type LoadedModel, loadModel, mobilenetV1Url } from "@/lib/tfjs/model-load";

import { BOXES, readImage, startServer } from "./cam-fixtures";

let server: Server;
let layers: LoadedModel;
let graph: LoadedModel;
let engines: { name: string; engine: CamEngine; pre: Preprocess }[];
const photos = new Map<string, DecodedImage>();

function input(
  engine: CamEngine,
  img: DecodedImage,
  pre: Preprocess,
  resize: ResizeMode = "stretch",
) {
  const p = prepareInput(img.image, { width: 224, height: 224, resize, preprocess: pre });
  return { x: tf.tensor4d(p.data, [1, 224, 224, 3]), plan: p.plan, data: p.data };
}

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
  let base: string;
  ({ server, base } = await startServer());
  layers = await loadModel(mobilenetV1Url(0.25, `${base}/tfjs`));
  graph = await loadModel(`${base}/graph/model.json`);
  engines = [
    {
      name: "layers",
      engine: createCamEngine(layers, { labels: IMAGENET_LABELS }),
      pre: "symmetric",
    },
    { name: "graph", engine: createCamEngine(graph, { labels: IMAGENET_LABELS }), pre: "unit" },
  ];
  for (const n of ["dog.jpg", "person.jpg", "kite.jpg", "scream.jpg"])
    photos.set(n, await decodeImageNode(readImage(n), n));
});

afterAll(async () => {
  for (const e of engines ?? []) e.engine.dispose();
  layers?.model.dispose();
  graph?.model.dispose();
  await new Promise<void>((ok) => server.close(() => ok()));
});

const DOGS = (i: number) => i >= 151 && i <= 268;

describe("head detection on the real model", () => {
  it("finds conv_pw_13_relu + GAP + conv_preds (layers) and Conv2d_13_pointwise + Mean + 1x1 logits (graph)", () => {
    const l = engines[0].engine;
    expect(l.info.feature).toEqual({ name: "conv_pw_13_relu", shape: [7, 7, 256] });
    expect(l.info.head).toMatchObject({
      kind: "conv1x1",
      classifier: "conv_preds",
      channels: 256,
      classes: 1000,
    });
    expect(l.info.outputIsSoftmax).toBe(true);
    expect(l.classOffset).toBe(0);
    const g = engines[1].engine;
    expect(g.info.feature.name).toBe(
      "module_apply_default/MobilenetV1/MobilenetV1/Conv2d_13_pointwise/Relu6",
    );
    expect(g.info.head).toMatchObject({
      classifier: "module/MobilenetV1/Logits/Conv2d_1c_1x1/weights",
      classes: 1001,
    });
    expect(g.classOffset).toBe(1); // output 0 is "background"
    expect(g.labels.length).toBe(1000);
  });
});

describe("predictions", () => {
  it("are plausible for the photos, in both model forms", async () => {
    for (const { engine, pre } of engines) {
      const tops: Record<string, number[]> = {};
      for (const [n, img] of photos) {
        const { x } = input(engine, img, pre);
        const probs = await engine.predict(x);
        x.dispose();
        expect(probs.length).toBe(1000);
        expect(probs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
        tops[n] = Array.from(probs.keys())
          .sort((a, b) => probs[b] - probs[a])
          .slice(0, 5);
      }
      // dog.jpg: a husky-like dog -> dog breeds lead.
      expect(DOGS(tops["dog.jpg"][0])).toBe(true);
      expect(tops["dog.jpg"].filter(DOGS).length).toBeGreaterThanOrEqual(3);
      // kite.jpg: a beach -> sandbar / seashore.
      expect([...tops["kite.jpg"].slice(0, 2)].sort((a, b) => a - b)).toEqual([977, 978]); // sandbar, seashore
      // person.jpg: the big white horse is read as a woolly animal (ram, llama, Samoyed ...).
      expect([348, 355, 258, 222].includes(tops["person.jpg"][0])).toBe(true);
    }
  });
});

describe("CAM vs Grad-CAM", () => {
  it("are the same map up to scale for a GAP + linear head (Grad-CAM = ReLU(CAM) / HW)", async () => {
    await selectBackend({ prefer: "cpu" });
    try {
      for (const { engine, pre } of engines) {
        for (const n of ["dog.jpg"]) {
          const { x } = input(engine, photos.get(n)!, pre);
          const cam = await engine.analyze(x, { method: "cam", classes: [249, 348] });
          const grad = await engine.analyze(x, { method: "gradcam", classes: [249, 348] });
          x.dispose();
          for (let k = 0; k < 2; k++) {
            const c = cam.maps[k].raw.map((v) => Math.max(0, v));
            const g = grad.maps[k].raw;
            const maxC = Math.max(...c);
            // Scale is exactly 1/(H*W) = 1/49 (the pooling), before normalisation.
            for (let i = 0; i < c.length; i++) expect(g[i]).toBeCloseTo(c[i] / 49, 4);
            expect(maxC).toBeGreaterThan(0);
            const gn = grad.maps[k].grid;
            const cn = c.map((v) => v / maxC);
            const minC = Math.min(...c.map((v) => v / maxC));
            for (let i = 0; i < c.length; i++)
              expect(gn[i]).toBeCloseTo((cn[i] - minC) / (1 - minC), 3);
          }
        }
      }
    } finally {
      await selectBackend({ prefer: "wasm" });
    }
  });

  it("Grad-CAM++ gives a different but related map; it runs on wasm too (gradient through the head)", async () => {
    const { engine, pre } = engines[0];
    const { x } = input(engine, photos.get("dog.jpg")!, pre);
    const onWasm = await engine.analyze(x, { method: "gradcam++" });
    expect(onWasm.gradient).toEqual({ backend: "wasm", fallback: null });
    await selectBackend({ prefer: "cpu" });
    try {
      const a = await engine.analyze(x, { method: "gradcam", classes: [249] });
      const b = await engine.analyze(x, { method: "gradcam++", classes: [249] });
      expect(Math.max(...b.maps[0].grid)).toBe(1);
      const rho = spearman(a.maps[0].raw, b.maps[0].raw);
      expect(rho).toBeGreaterThan(0.3);
    } finally {
      x.dispose();
      await selectBackend({ prefer: "wasm" });
    }
  });
});

describe("pointing game (hand-annotated boxes)", () => {
  // The class naming each annotated object; ram is what the net calls the white horse.
  const targets: [string, number, string][] = [
    ["dog.jpg", 249, "dog"], // malamute
    ["dog.jpg", 444, "bicycle"], // bicycle-built-for-two
    ["dog.jpg", 671, "bicycle"], // mountain bike
    ["person.jpg", 348, "horse"], // ram
  ];
  it("the CAM peak of each class falls inside its object's box (both models, both resize modes)", async () => {
    let hits = 0;
    let trials = 0;
    let chance = 0;
    const misses: string[] = [];
    for (const { name, engine, pre } of engines) {
      for (const resize of ["stretch", "crop"] as const) {
        for (const [img, cls, obj] of targets) {
          const d = photos.get(img)!;
          const { x, plan } = input(engine, d, pre, resize);
          const r = await engine.analyze(x, { method: "cam", classes: [cls] });
          x.dispose();
          const m = r.maps[0];
          const peak = peakInOriginal(m.grid, m.width, m.height, plan, d);
          const box = BOXES[img][obj];
          trials++;
          chance += ((box.x1 - box.x0) * (box.y1 - box.y0)) / (d.originalWidth * d.originalHeight);
          if (pointingHit(peak, box)) hits++;
          else misses.push(`${name}/${resize}/${img}/${cls}@${peak.x},${peak.y}`);
        }
      }
    }
    expect(misses).toEqual([]);
    expect(hits / trials).toBeGreaterThan(chance / trials + 0.4);
  });

  it("the analytic peak is the maximum of the map upsampled to the original image", async () => {
    const { engine, pre } = engines[0];
    const d = photos.get("dog.jpg")!;
    for (const resize of ["stretch", "crop"] as const) {
      const { x, plan } = input(engine, d, pre, resize);
      const r = await engine.analyze(x, { method: "cam", classes: [249] });
      x.dispose();
      const m = r.maps[0];
      const up = mapGridToImage(
        m.grid,
        m.width,
        m.height,
        plan,
        d.image.width,
        d.image.height,
        "smooth",
      );
      let best = 0;
      for (let i = 1; i < up.length; i++) if (up[i] > up[best] || Number.isNaN(up[best])) best = i;
      const peak = peakInOriginal(m.grid, m.width, m.height, plan, d);
      expect(Math.abs((best % d.image.width) - peak.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(Math.floor(best / d.image.width) - peak.y)).toBeLessThanOrEqual(1);
    }
  });
});

describe("deletion / insertion vs a random map", () => {
  it("CAM deletes the class faster and inserts it faster than a random map", async () => {
    const { engine, pre } = engines[0];
    let camDel = 0,
      rndDel = 0,
      camIns = 0,
      rndIns = 0;
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const n of ["dog.jpg", "person.jpg", "kite.jpg"]) {
      const d = photos.get(n)!;
      const { x, plan, data } = input(engine, d, pre);
      const r = await engine.analyze(x, { method: "cam", classes: "top" });
      x.dispose();
      const cls = r.maps[0].classIndex;
      const sal = mapGridToImage(
        r.maps[0].grid,
        7,
        7,
        { ...plan, srcWidth: 224, srcHeight: 224, region: { x: 0, y: 0, width: 224, height: 224 } },
        224,
        224,
        "smooth",
      );
      const rndGrid = Float32Array.from({ length: 49 }, rand);
      const rnd = mapGridToImage(
        rndGrid,
        7,
        7,
        { ...plan, srcWidth: 224, srcHeight: 224, region: { x: 0, y: 0, width: 224, height: 224 } },
        224,
        224,
        "smooth",
      );
      const blurred = boxBlur(data, 224, 224, 11);
      const prob = async (inp: Float32Array) => {
        const t = tf.tensor4d(inp, [1, 224, 224, 3]);
        const p = await engine.predict(t);
        t.dispose();
        return p[cls];
      };
      const a = await deletionInsertion(data, blurred, sal, 8, prob);
      const b = await deletionInsertion(data, blurred, rnd, 8, prob);
      camDel += a.deletion;
      rndDel += b.deletion;
      camIns += a.insertion;
      rndIns += b.insertion;
    }
    expect(camDel).toBeLessThan(rndDel);
    expect(camIns).toBeGreaterThan(rndIns);
  }, 240_000);
});

describe("sanity check: randomised classifier weights", () => {
  it("change the map (rank correlation with the trained map drops)", async () => {
    const { engine, pre } = engines[0];
    const d = photos.get("dog.jpg")!;
    const { x } = input(engine, d, pre);
    const trained = await engine.analyze(x, { method: "cam", classes: [249] });
    const layer = (layers.model as tf.LayersModel).getLayer("conv_preds");
    const saved = layer.getWeights().map((w) => w.clone());
    try {
      const k = saved[0];
      const rnd = tf.randomNormal(
        k.shape,
        0,
        Number(tf.moments(k).variance.sqrt().dataSync()[0]),
        "float32",
        7,
      );
      layer.setWeights([rnd, saved[1]]);
      rnd.dispose();
      const fresh = createCamEngine(layers, { labels: IMAGENET_LABELS });
      const randomised = await fresh.analyze(x, { method: "cam", classes: [249] });
      fresh.dispose();
      const self = spearman(trained.maps[0].raw, trained.maps[0].raw);
      const rho = spearman(trained.maps[0].raw, randomised.maps[0].raw);
      expect(self).toBeCloseTo(1, 6);
      expect(rho).toBeLessThan(0.5);
    } finally {
      layer.setWeights(saved);
      tf.dispose(saved);
      x.dispose();
    }
    // Restored: the same map again.
    const { x: x2 } = input(engine, d, pre);
    const again = await engine.analyze(x2, { method: "cam", classes: [249] });
    x2.dispose();
    expect(spearman(trained.maps[0].raw, again.maps[0].raw)).toBeCloseTo(1, 6);
  });
});

describe("no leaks", () => {
  it("50 maps in a row leave tf.memory().numTensors where it started", async () => {
    const { engine, pre } = engines[0];
    const { x } = input(engine, photos.get("person.jpg")!, pre);
    const start = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const r = await engine.analyze(x, { method: "cam", classes: i % 2 ? "top" : [i, 500 + i] });
      expect(r.maps.length).toBe(i % 2 ? 1 : 2);
    }
    expect(tf.memory().numTensors).toBe(start);
    await selectBackend({ prefer: "cpu" });
    try {
      for (let i = 0; i < 4; i++)
        await engines[1].engine
          .analyze(tf.tidy(() => x.add(1).div(2)) as tf.Tensor4D, {
            method: i % 2 ? "gradcam" : "gradcam++",
          })
          .then(() => undefined);
    } finally {
      await selectBackend({ prefer: "wasm" });
    }
    // The 4 inputs made inline above are the only new tensors.
    expect(tf.memory().numTensors).toBe(start + 4);
    x.dispose();
  }, 240_000);

  it("errors (bad class) do not leak either", async () => {
    const { engine, pre } = engines[1];
    const { x } = input(engine, photos.get("dog.jpg")!, pre);
    const start = tf.memory().numTensors;
    await expect(engine.analyze(x, { method: "cam", classes: [1000] })).rejects.toThrow(
      /class 1000 is out of range/,
    );
    await expect(engine.analyze(x, { method: "cam", classes: [-1] })).rejects.toThrow(
      /out of range/,
    );
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
  });
});
