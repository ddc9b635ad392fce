/// <reference lib="webworker" />
/**
 * CAM Web Worker: decodes images, loads models, computes maps. Thin: all logic is in lib/.
 * Forward passes and CAM run on the fastest backend (wasm when available); Grad-CAM(++)
 * switches to a backend with gradient kernels (webgl/webgpu/cpu) for the call.
 */
import * as tf from "@tensorflow/tfjs";

import { calculate } from "@/lib/calculator";
import { decodeImageBrowser } from "@/lib/image/decode-browser";
import type { DecodedImage } from "@/lib/image/decoded";
import { peakInOriginal, prepareInput } from "@/lib/image/prepare";
import { parseRequest } from "@/lib/scaling/request";
import { activeBackend, selectBackend } from "@/lib/tfjs/backends";
import { buildModel } from "@/lib/tfjs/builder";
import { type CamEngine, createCamEngine } from "@/lib/tfjs/cam";
import type { CamRequest, CamResponse, ModelSummary } from "@/lib/tfjs/cam-protocol";
import { IMAGENET_LABELS } from "@/lib/tfjs/labels";
import { filesFetcher, type LoadedModel, loadModel } from "@/lib/tfjs/model-load";

const ctx = self as unknown as DedicatedWorkerGlobalScope;

interface Entry {
  loaded: LoadedModel;
  engine: CamEngine;
}
const models = new Map<string, Entry>();
const images = new Map<string, DecodedImage>();
const aborts = new Map<number, AbortController>();
let fastBackend: string | null = null;
let gradBackend: string | null = null;

function post(msg: CamResponse, transfer: Transferable[] = []) {
  ctx.postMessage(msg, transfer);
}

function fail(id: number, e: unknown) {
  const code =
    e && typeof e === "object" && "code" in e ? String((e as { code: unknown }).code) : "error";
  const message = e instanceof Error ? e.message : String(e);
  post({ type: "error", id, code, message });
}

async function ensureBackend(): Promise<string> {
  if (!fastBackend) {
    tf.enableProdMode();
    // The threaded wasm build starts pthread workers from the stringified (bundled, minified)
    // factory, which fails under Next's bundling ("r is not defined"); one thread works.
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    const choice = await selectBackend({ prefer: "wasm" });
    fastBackend = choice.backend;
  }
  if (activeBackend() !== fastBackend) await tf.setBackend(fastBackend);
  return fastBackend;
}

async function switchToGradientBackend(): Promise<string> {
  if (!gradBackend) {
    const choice = await selectBackend({ needGradients: true });
    gradBackend = choice.backend;
  } else if (activeBackend() !== gradBackend) {
    await tf.setBackend(gradBackend);
  }
  return gradBackend;
}

function summary(key: string, e: Entry, randomWeights: boolean): ModelSummary {
  const info = e.engine.info;
  return {
    key,
    format: e.loaded.format,
    feature: info.feature,
    candidates: info.candidates.slice(0, 40),
    camPossible: info.head !== null,
    camBlocker: info.camBlocker,
    inputSize: e.engine.inputSize,
    numClasses: e.engine.labels.length,
    classOffset: e.engine.classOffset,
    weightBytes: e.loaded.weightBytes,
    randomWeights,
  };
}

async function load(msg: Extract<CamRequest, { type: "load" }>) {
  const ac = new AbortController();
  aborts.set(msg.id, ac);
  try {
    await ensureBackend();
    const old = models.get(msg.key);
    let loaded: LoadedModel;
    let random = false;
    if (msg.source.kind === "builder") {
      const calc = calculate(parseRequest(msg.source.request));
      const built = await buildModel(calc.spec, {
        signal: ac.signal,
        onProgress: (p) =>
          post({
            type: "progress",
            id: msg.id,
            fraction: p.done / p.total,
            file: p.layer,
            stage: "building",
          }),
      });
      loaded = {
        format: "layers",
        model: built.model,
        url: "builder",
        weightBytes: calc.totals.weightBytes.fp32,
      };
      random = true;
    } else if (old && old.loaded.url === (msg.source.kind === "url" ? msg.source.url : "")) {
      loaded = old.loaded; // same model, new feature-layer choice
    } else {
      const src =
        msg.source.kind === "url"
          ? { url: msg.source.url, fetch: undefined }
          : filesFetcher(
              msg.source.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })),
            );
      loaded = await loadModel(src.url, {
        fetch: src.fetch,
        signal: ac.signal,
        onProgress: (p) =>
          post({
            type: "progress",
            id: msg.id,
            fraction: p.fraction,
            file: p.file,
            stage: p.stage,
          }),
      });
    }
    let engine: CamEngine;
    try {
      engine = createCamEngine(loaded, {
        labels: IMAGENET_LABELS,
        featureLayer: msg.featureLayer ?? null,
      });
    } catch (e) {
      if (!old || old.loaded !== loaded) loaded.model.dispose();
      throw e;
    }
    if (old) {
      old.engine.dispose();
      if (old.loaded !== loaded) old.loaded.model.dispose();
    }
    const entry = { loaded, engine };
    models.set(msg.key, entry);
    post({ type: "loaded", id: msg.id, summary: summary(msg.key, entry, random) });
  } finally {
    aborts.delete(msg.id);
  }
}

async function analyze(msg: Extract<CamRequest, { type: "analyze" }>) {
  const entry = models.get(msg.key);
  if (!entry) throw new Error(`model ${msg.key} is not loaded`);
  const img = images.get(msg.imageId);
  if (!img) throw new Error(`image ${msg.imageId} is not decoded`);
  const backend = msg.method === "cam" ? await ensureBackend() : await switchToGradientBackend();
  const t0 = performance.now();
  const [h, w] = entry.engine.inputSize;
  const prep = prepareInput(img.image, {
    width: w,
    height: h,
    resize: msg.resize,
    preprocess: msg.preprocess,
  });
  const input = tf.tensor4d(prep.data, [1, h, w, 3]);
  const t1 = performance.now();
  try {
    const r = await entry.engine.analyze(input, {
      method: msg.method,
      classes: msg.classes,
      topK: 5,
    });
    const m = r.maps[0];
    const peak = peakInOriginal(m.grid, m.width, m.height, prep.plan, img);
    const maps = r.maps.map((x) => ({
      classIndex: x.classIndex,
      label: entry.engine.labels[x.classIndex] ?? `class ${x.classIndex}`,
      width: x.width,
      height: x.height,
      grid: x.grid,
    }));
    post(
      {
        type: "result",
        id: msg.id,
        key: msg.key,
        imageId: msg.imageId,
        top: r.top,
        probs: r.probs,
        maps,
        plan: prep.plan,
        peak,
        timings: { preprocessMs: t1 - t0, forwardMs: r.timings.forwardMs, mapMs: r.timings.mapMs },
        backend,
      },
      [r.probs.buffer as ArrayBuffer],
    );
  } finally {
    input.dispose();
  }
}

const canvas = (w: number, h: number) => new OffscreenCanvas(w, h);

// Messages are handled one at a time (tfjs state is global); cancel jumps the queue.
let queue: Promise<void> = Promise.resolve();

ctx.onmessage = (ev: MessageEvent<CamRequest>) => {
  const msg = ev.data;
  if (msg.type === "cancel") {
    aborts.get(msg.id)?.abort();
    return;
  }
  queue = queue.then(async () => {
    try {
      switch (msg.type) {
        case "init": {
          const b = await ensureBackend();
          post({ type: "ready", id: msg.id, backend: b, detail: tf.getBackend() });
          break;
        }
        case "load":
          await load(msg);
          break;
        case "unload": {
          const e = models.get(msg.key);
          if (e) {
            e.engine.dispose();
            e.loaded.model.dispose();
            models.delete(msg.key);
          }
          post({ type: "unloaded", id: msg.id });
          break;
        }
        case "decode": {
          const d = await decodeImageBrowser(new Uint8Array(msg.bytes), msg.name, canvas);
          images.set(msg.imageId, d);
          const copy = new Uint8ClampedArray(d.image.data).buffer;
          post(
            {
              type: "decoded",
              id: msg.id,
              imageId: msg.imageId,
              width: d.image.width,
              height: d.image.height,
              originalWidth: d.originalWidth,
              originalHeight: d.originalHeight,
              format: d.header.format,
              orientation: d.header.orientation,
              rgba: copy,
            },
            [copy],
          );
          break;
        }
        case "forget-image":
          images.delete(msg.imageId);
          break;
        case "analyze":
          await analyze(msg);
          break;
        case "predict-raw": {
          const e = models.get(msg.key);
          if (!e) throw new Error(`model ${msg.key} is not loaded`);
          await ensureBackend();
          const [h, w] = e.engine.inputSize;
          const x = tf.tensor4d(msg.data, [1, h, w, 3]);
          const probs = await e.engine.predict(x);
          x.dispose();
          post({ type: "probs", id: msg.id, probs });
          break;
        }
      }
    } catch (e) {
      fail(msg.id, e);
    }
  });
};
