/**
 * What the CAM worker does, as a plain class (testable in Node): holds loaded models and
 * decoded images, runs one job at a time, cancels by id at any moment. Everything runs on
 * the fast backend (wasm when available); gradients too, with a per-case cpu fallback that
 * the result reports (see cam.ts).
 */
import * as tf from "@tensorflow/tfjs";

import { calculate } from "../calculator";
import type { DecodedImage, WorkingImage } from "../image/decoded";
import { peakInOriginal, prepareInput } from "../image/prepare";
import { rawImage } from "../image/raw";
import { labDatasetFromMetadata } from "../lab/cam-images";
import { parseRequest } from "../scaling/request";
import { activeBackend, selectBackend } from "./backends";
import { buildModel } from "./builder";
import { type CamEngine, createCamEngine } from "./cam";
import { classProb, faithfulness } from "./cam-faithfulness";
import { CamCancelled } from "./cam-methods";
import { checkBox } from "./cam-metrics";
import type { CamRequest, CamResponse, MapPayload, ModelSummary } from "./cam-protocol";
import { IMAGENET_LABELS, labelsFromMetadata } from "./labels";
import { listLabModels } from "../lab/saved-models";
import { filesFetcher, type LoadedModel, loadModel } from "./model-load";

export type Post = (msg: CamResponse, transfer?: Transferable[]) => void;
export type Decode = (bytes: Uint8Array, name: string) => Promise<DecodedImage>;

interface Entry {
  readonly loaded: LoadedModel;
  readonly engine: CamEngine;
  readonly random: boolean;
}

type Msg<T extends CamRequest["type"]> = Extract<CamRequest, { type: T }>;

function errorCode(e: unknown): string {
  return e && typeof e === "object" && "code" in e
    ? String((e as { code: unknown }).code)
    : "error";
}

export class CamSession {
  private readonly models = new Map<string, Entry>();
  private readonly images = new Map<string, WorkingImage>();
  private readonly aborts = new Map<number, AbortController>();
  private queue: Promise<void> = Promise.resolve();
  private backend: string | null = null;

  constructor(
    private readonly post: Post,
    private readonly decode: Decode,
    /** Backend to prefer (the worker: wasm; tests may pick cpu). */
    private readonly prefer: "wasm" | "cpu" | "auto" = "wasm",
  ) {}

  /** Entry point for every message: cancel acts at once, other jobs run in order. */
  handle(msg: CamRequest): Promise<void> {
    if (msg.type === "cancel") {
      this.aborts.get(msg.id)?.abort();
      return Promise.resolve();
    }
    const ac = new AbortController();
    this.aborts.set(msg.id, ac);
    const job = this.queue.then(async () => {
      try {
        await this.run(msg, ac.signal);
      } catch (e) {
        const cancelled = ac.signal.aborted || e instanceof CamCancelled;
        this.post({
          type: "error",
          id: msg.id,
          code: cancelled ? "aborted" : errorCode(e),
          message: cancelled ? "Cancelled." : e instanceof Error ? e.message : String(e),
        });
      } finally {
        this.aborts.delete(msg.id);
      }
    });
    this.queue = job;
    return job;
  }

  /** Releases every model (tests; the worker just ends). */
  dispose(): void {
    for (const e of this.models.values()) {
      e.engine.dispose();
      e.loaded.model.dispose();
    }
    this.models.clear();
    this.images.clear();
  }

  private async ensureBackend(): Promise<string> {
    if (!this.backend) {
      tf.enableProdMode();
      this.backend = (await selectBackend({ prefer: this.prefer })).backend;
    }
    if (activeBackend() !== this.backend) await tf.setBackend(this.backend);
    return this.backend;
  }

  private async run(msg: Exclude<CamRequest, { type: "cancel" }>, signal: AbortSignal) {
    switch (msg.type) {
      case "init": {
        const b = await this.ensureBackend();
        this.post({ type: "ready", id: msg.id, backend: b, detail: tf.getBackend() });
        return;
      }
      case "load":
        return this.load(msg, signal);
      case "unload": {
        const e = this.models.get(msg.key);
        if (e) {
          e.engine.dispose();
          e.loaded.model.dispose();
          this.models.delete(msg.key);
        }
        this.post({ type: "unloaded", id: msg.id });
        return;
      }
      case "decode": {
        const d = await this.decode(new Uint8Array(msg.bytes), msg.name);
        this.images.set(msg.imageId, d);
        const copy = new Uint8ClampedArray(d.image.data).buffer;
        this.post(
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
        return;
      }
      case "list-lab": {
        // Empty where there is no IndexedDB (Node) or nothing was trained yet.
        const models = (await listLabModels()).map((m) => ({
          url: m.url,
          experimentId: m.experimentId,
          runId: m.runId,
          strategy: m.strategy,
          width: m.width,
          depth: m.depth,
          resolution: m.resolution,
          macs: m.macs,
          testAccuracy: m.testAccuracy,
        }));
        this.post({ type: "lab-models", id: msg.id, models });
        return;
      }
      case "put-image": {
        this.images.set(msg.imageId, rawImage(msg.name, msg.width, msg.height, msg.rgba));
        this.post({ type: "stored", id: msg.id, imageId: msg.imageId });
        return;
      }
      case "forget-image":
        this.images.delete(msg.imageId);
        return;
      case "analyze":
        return this.analyze(msg, signal);
      case "predict-raw": {
        const e = this.entry(msg.key);
        await this.ensureBackend();
        const [h, w] = e.engine.inputSize;
        const x = tf.tensor4d(msg.data, [1, h, w, 3]);
        const probs = await e.engine.predict(x);
        x.dispose();
        this.post({ type: "probs", id: msg.id, probs });
        return;
      }
    }
  }

  private entry(key: string): Entry {
    const e = this.models.get(key);
    if (!e) throw new Error(`model ${key} is not loaded`);
    return e;
  }

  private async open(msg: Msg<"load">, signal: AbortSignal, old: Entry | undefined) {
    const progress = (fraction: number, file: string, stage: string) =>
      this.post({ type: "progress", id: msg.id, fraction, file, stage });
    const src = msg.source;
    if (src.kind === "builder") {
      const calc = calculate(parseRequest(src.request));
      const built = await buildModel(calc.spec, {
        signal,
        onProgress: (p) => progress(p.done / p.total, p.layer, "building"),
      });
      const loaded: LoadedModel = {
        format: "layers",
        model: built.model,
        url: "builder",
        weightBytes: calc.totals.weightBytes.fp32,
      };
      return { loaded, random: true };
    }
    const url = src.kind === "files" ? null : src.url;
    if (old && url !== null && (old.loaded.url === url || old.loaded.url === absolute(url)))
      return { loaded: old.loaded, random: old.random }; // new layer choice
    if (src.kind === "indexeddb") {
      if (!src.url.startsWith("indexeddb://"))
        throw new Error(`${src.url} is not an indexeddb:// model address`);
      progress(0, src.url, "weights");
      const model = await tf.loadLayersModel(src.url);
      const metadata = model.getUserDefinedMetadata() as Record<string, unknown> | undefined;
      const loaded: LoadedModel = {
        format: "layers",
        model,
        url: src.url,
        weightBytes: 0,
        metadata,
      };
      return { loaded, random: false };
    }
    const f =
      src.kind === "url"
        ? { url: absolute(src.url), fetch: undefined }
        : filesFetcher(src.files.map((x) => ({ name: x.name, bytes: new Uint8Array(x.bytes) })));
    const loaded = await loadModel(f.url, {
      fetch: f.fetch,
      signal,
      onProgress: (p) => progress(p.fraction, p.file, p.stage),
    });
    return { loaded, random: false };
  }

  private async load(msg: Msg<"load">, signal: AbortSignal) {
    await this.ensureBackend();
    const old = this.models.get(msg.key);
    const { loaded, random } = await this.open(msg, signal, old);
    let engine: CamEngine;
    try {
      const given = msg.labels ?? null;
      engine = createCamEngine(loaded, {
        labels: given ?? labelsFromMetadata(loaded.metadata) ?? IMAGENET_LABELS,
        strictLabels: given !== null,
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
    const entry: Entry = { loaded, engine, random };
    this.models.set(msg.key, entry);
    this.post({ type: "loaded", id: msg.id, summary: summary(msg.key, entry) });
  }

  private async analyze(msg: Msg<"analyze">, signal: AbortSignal) {
    const entry = this.entry(msg.key);
    const img = this.images.get(msg.imageId);
    if (!img) throw new Error(`image ${msg.imageId} is not decoded`);
    const box = msg.box ? checkBox(msg.box, img.originalWidth, img.originalHeight) : null;
    const backend = await this.ensureBackend();
    const engine = entry.engine;
    const t0 = performance.now();
    const [h, w] = engine.inputSize;
    const prep = prepareInput(img.image, {
      width: w,
      height: h,
      resize: msg.resize,
      preprocess: msg.preprocess,
    });
    const input = tf.tensor4d(prep.data, [1, h, w, 3]);
    const t1 = performance.now();
    try {
      const r = await engine.analyze(input, {
        method: msg.method,
        classes: msg.classes,
        topK: 5,
        signal,
        onProgress: (done, total) =>
          this.post({
            type: "progress",
            id: msg.id,
            fraction: done / total,
            file: `${done}/${total} masked passes`,
            stage: "map",
          }),
      });
      const t2 = performance.now();
      const maps: MapPayload[] = [];
      for (const m of r.maps) {
        const faith = msg.faithfulness
          ? await faithfulness({
              input: prep.data,
              width: w,
              height: h,
              grid: m.grid,
              gridWidth: m.width,
              gridHeight: m.height,
              prob: classProb((x) => engine.predict(x), w, h, m.classIndex),
              box: box ? { box, plan: prep.plan, image: img } : undefined,
              signal,
              onProgress: (done, total) =>
                this.post({
                  type: "progress",
                  id: msg.id,
                  fraction: done / total,
                  file: `${done}/${total} passes`,
                  stage: "faithfulness",
                }),
            })
          : null;
        maps.push({
          classIndex: m.classIndex,
          label: engine.labels[m.classIndex] ?? `class ${m.classIndex}`,
          width: m.width,
          height: m.height,
          grid: m.grid,
          faithfulness: faith,
        });
      }
      const m0 = r.maps[0];
      this.post(
        {
          type: "result",
          id: msg.id,
          key: msg.key,
          imageId: msg.imageId,
          top: r.top,
          probs: r.probs,
          maps,
          plan: prep.plan,
          peak: peakInOriginal(m0.grid, m0.width, m0.height, prep.plan, img),
          timings: {
            preprocessMs: t1 - t0,
            forwardMs: r.timings.forwardMs,
            mapMs: r.timings.mapMs,
            faithfulnessMs: performance.now() - t2,
          },
          backend,
          gradient: r.gradient,
        },
        [r.probs.buffer as ArrayBuffer],
      );
    } finally {
      input.dispose();
    }
  }
}

/** A same-site path ("/models/...") made absolute against the worker's or page's address. */
function absolute(url: string): string {
  const here = (globalThis as { location?: { href?: string } }).location?.href;
  if (!here || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return new URL(url, here).toString();
}

function summary(key: string, e: Entry): ModelSummary {
  const info = e.engine.info;
  return {
    key,
    format: e.loaded.format,
    feature: info.feature,
    candidates: info.candidates,
    camPossible: info.head !== null,
    camBlocker: info.camBlocker,
    inputSize: e.engine.inputSize,
    numClasses: e.engine.labels.length,
    classOffset: e.engine.classOffset,
    weightBytes: e.loaded.weightBytes,
    randomWeights: e.random,
    labels: e.engine.labels,
    labelNote: e.engine.labelNote,
    labDataset: labDatasetFromMetadata(e.loaded.metadata),
  };
}
