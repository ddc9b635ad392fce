/**
 * What the build worker does, as a plain class (testable in Node): holds one built model
 * and its fused inference path, runs jobs one at a time, cancels by id at any moment.
 */
import * as tf from "@tensorflow/tfjs";

import { calculate, type Calculation } from "../calculator";
import { decodeImageBrowser, type PixelCanvas } from "../image/decode-browser";
import { selectBackend, type BackendChoice } from "./backends";
import type { FromWorker, MemoryFigures, ToWorker, TopClass } from "./build-protocol";
import { BuildCancelledError, buildModel } from "./builder";
import { exportTfjs, kerasConfigJson } from "./export";
import { fuseModel, type FusedModel } from "./fold-bn";
import { LatencySweep } from "./latency";
import { checkCount, randomImage, TimingCancelledError, timeInference } from "./timing";

export type Post = (m: FromWorker, transfer?: Transferable[]) => void;

interface Built {
  readonly calc: Calculation;
  readonly model: tf.LayersModel;
  fused: FusedModel;
}

function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && "message" in e)
    return String((e as { message: unknown }).message);
  return String(e);
}

export class BuildSession {
  private built: Built | null = null;
  private choice: BackendChoice | null = null;
  private readonly controllers = new Map<number, AbortController>();
  private queue: Promise<void> = Promise.resolve();
  private peakBytes = 0;

  constructor(
    private readonly post: Post,
    private readonly makeCanvas?: (w: number, h: number) => PixelCanvas,
  ) {}

  /** Entry point for every message. Cancel acts at once; other jobs run in order. */
  handle(msg: ToWorker): Promise<void> {
    if (msg.type === "cancel") {
      this.controllers.get(msg.id)?.abort();
      return Promise.resolve();
    }
    const ctl = new AbortController();
    this.controllers.set(msg.id, ctl);
    const job = this.queue.then(async () => {
      try {
        if (ctl.signal.aborted) {
          this.post({ type: "cancelled", id: msg.id });
          return;
        }
        await this.run(msg, ctl.signal);
      } catch (e) {
        if (e instanceof BuildCancelledError || e instanceof TimingCancelledError) {
          this.post({ type: "cancelled", id: msg.id });
        } else {
          this.post({ type: "error", id: msg.id, message: message(e) });
        }
      } finally {
        this.controllers.delete(msg.id);
      }
    });
    this.queue = job;
    return job;
  }

  private memory(): MemoryFigures {
    const m = tf.memory();
    this.peakBytes = Math.max(this.peakBytes, m.numBytes);
    const be =
      tf.getBackend() === "wasm"
        ? (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } })
        : null;
    return {
      tensorBytes: m.numBytes,
      peakTensorBytes: this.peakBytes,
      wasmHeapBytes: be?.wasm?.HEAPU8?.byteLength ?? null,
      numTensors: m.numTensors,
    };
  }

  private async ensureBackend(
    prefer: ToWorker & { type: "backend" | "build" | "latency" },
  ): Promise<BackendChoice> {
    const want = prefer.prefer;
    if (
      !this.choice ||
      (want !== "auto" && this.choice.backend !== want) ||
      prefer.type === "backend"
    ) {
      this.choice = await selectBackend({ prefer: want });
    }
    return this.choice;
  }

  private disposeBuilt(): void {
    if (!this.built) return;
    this.built.fused.dispose();
    this.built.model.dispose();
    this.built = null;
  }

  private async run(
    msg: Exclude<ToWorker, { type: "cancel" }>,
    signal: AbortSignal,
  ): Promise<void> {
    switch (msg.type) {
      case "backend": {
        const choice = await this.ensureBackend(msg);
        if (this.built) {
          // Weights move to the new backend on first use; the fused copies are rebuilt there.
          this.built.fused.dispose();
          this.built.fused = fuseModel(this.built.calc.spec, this.built.model);
        }
        this.post({ type: "backend", id: msg.id, choice });
        return;
      }
      case "build": {
        this.disposeBuilt();
        const choice = await this.ensureBackend(msg);
        this.post({ type: "backend", id: msg.id, choice }); // the page shows it while building
        this.peakBytes = tf.memory().numBytes;
        const calc = calculate(msg.request);
        const { model, buildMs } = await buildModel(calc.spec, {
          signal,
          onProgress: (p) => {
            this.memory();
            this.post({ type: "progress", id: msg.id, ...p });
          },
        });
        const fused = fuseModel(calc.spec, model);
        this.built = { calc, model, fused };
        const layers = calc.spec.layers.map((l) => {
          const layer = model.getLayer(l.name);
          const s = layer.outputShape;
          const first = (Array.isArray(s[0]) ? s[0] : s) as (number | null)[];
          return {
            name: l.name,
            className: layer.getClassName(),
            outShape: first.slice(1).map((v) => v ?? -1),
            params: layer.countParams(),
          };
        });
        this.post({
          type: "built",
          id: msg.id,
          params: model.countParams(),
          buildMs,
          layers,
          fusedSteps: fused.stepCount,
          choice,
          memory: this.memory(),
        });
        return;
      }
      case "time": {
        const b = this.built;
        if (!b) throw new Error("build the model first");
        const runs = checkCount("runs", msg.runs);
        const warmup = checkCount("warmup", msg.warmup);
        const batch = checkCount("batch", msg.batch);
        const r = b.calc.spec.resolution;
        let input: tf.Tensor4D;
        let imageSize: [number, number] | undefined;
        if (msg.image) {
          if (!this.makeCanvas) throw new Error("image decoding needs a canvas (browser only)");
          const decoded = await decodeImageBrowser(
            new Uint8Array(msg.image.bytes),
            msg.image.name,
            this.makeCanvas,
          );
          imageSize = [decoded.originalWidth, decoded.originalHeight];
          const { width, height, data } = decoded.image;
          input = tf.tidy(() => {
            const rgba = tf.tensor3d(new Float32Array(data), [height, width, 4]);
            const rgb = tf.slice(rgba, [0, 0, 0], [height, width, 3]);
            const resized = tf.image.resizeBilinear(rgb, [r, r], true);
            const one = tf.div(resized, 255);
            return tf.tile(tf.expandDims(one, 0), [batch, 1, 1, 1]) as tf.Tensor4D;
          });
        } else {
          input = randomImage(batch, r);
        }
        try {
          const stats = await timeInference((x) => b.fused.predict(x), input, b.calc.totals.macs, {
            runs,
            warmup,
            signal,
            onRun: (done, total) => {
              this.memory();
              this.post({ type: "timing-progress", id: msg.id, done, total });
            },
          });
          let top: TopClass[] | undefined;
          if (msg.image) {
            const probs = tf.tidy(() => tf.slice(b.fused.predict(input), [0, 0], [1, -1]));
            const p = await probs.data();
            probs.dispose();
            top = Array.from(p, (probability, index) => ({ index, probability }))
              .sort((x, y) => y.probability - x.probability)
              .slice(0, 5);
          }
          this.post({
            type: "timed",
            id: msg.id,
            stats,
            source: msg.image ? "upload" : "random",
            ...(top ? { top } : {}),
            ...(imageSize ? { imageSize } : {}),
            memory: this.memory(),
          });
        } finally {
          input.dispose();
        }
        return;
      }
      case "export": {
        const b = this.built;
        if (!b) throw new Error("build the model first");
        const a = await exportTfjs(b.model);
        const kerasJson = kerasConfigJson(b.model);
        this.post(
          {
            type: "exported",
            id: msg.id,
            modelJson: a.modelJson,
            weightsBin: a.weightsBin,
            kerasJson,
          },
          [a.weightsBin],
        );
        return;
      }
      case "latency": {
        const choice = await this.ensureBackend(msg);
        this.post({ type: "backend", id: msg.id, choice });
        const table = await new LatencySweep(msg.options, {
          signal,
          onProgress: (p) => {
            this.memory();
            this.post({ type: "latency-progress", id: msg.id, ...p });
          },
        }).run();
        this.post({ type: "latency-table", id: msg.id, table });
        return;
      }
      case "dispose": {
        this.disposeBuilt();
        this.post({ type: "cancelled", id: msg.id });
        return;
      }
    }
  }
}
