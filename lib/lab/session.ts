/**
 * What a Lab worker does, as a plain class (tested in Node): one experiment (or its share of
 * one, `runIds`) at a time,
 * pause/resume/cancel acting at once, progress as events, results persisted by the injected
 * `persist` (IndexedDB in the browser) and models by `saveModel`.
 */
import * as tf from "@tensorflow/tfjs";

import type { BackendChoice } from "../tfjs/backend-info";
import type { BackendPreference } from "../tfjs/build-protocol";
import { exportTfjs } from "../tfjs/export";
import { folderSource, proceduralSource } from "./data-source";
import type { ImageDecoder } from "./folder-dataset";
import type { FromLab, ToLab } from "./protocol";
import { labBackend } from "./backend-detail";
import type { ExperimentResult } from "./results";
import { runExperiment, type SaveContext } from "./runner";
import { LabCancelledError, PauseGate } from "./train";
import { BuildCancelledError } from "../tfjs/builder";

export type LabPost = (m: FromLab, transfer?: Transferable[]) => void;

export interface LabSessionOptions {
  /** `threads`: WASM threads wanted, if the backend is not started yet. */
  readonly selectBackend: (prefer: BackendPreference, threads?: number) => Promise<BackendChoice>;
  readonly saveModel?: (model: tf.LayersModel, ctx: SaveContext) => Promise<string | null>;
  /** Decodes a folder's image files (the browser's or Node's decoder). */
  readonly decode?: ImageDecoder;
  /** Called with every partial result and the final one. */
  readonly persist?: (r: ExperimentResult) => Promise<void>;
}

function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export class LabSession {
  private running: { id: number; ctl: AbortController; gate: PauseGate } | null = null;

  constructor(
    private readonly post: LabPost,
    private readonly opts: LabSessionOptions,
  ) {}

  get busy(): boolean {
    return this.running !== null;
  }

  handle(msg: ToLab): Promise<void> {
    switch (msg.type) {
      case "pause":
      case "resume": {
        const r = this.running;
        if (r) {
          if (msg.type === "pause") r.gate.pause();
          else r.gate.resume();
          this.post({ type: "paused", id: r.id, paused: r.gate.isPaused });
        }
        return Promise.resolve();
      }
      case "cancel": {
        this.running?.ctl.abort();
        return Promise.resolve();
      }
      case "export":
        return this.exportModel(msg.id, msg.url, msg.name);
      case "forget":
        return this.forget(msg.urls);
      case "start":
        return this.start(msg);
      case "probe":
        return this.probe(msg);
    }
  }

  private async probe(msg: Extract<ToLab, { type: "probe" }>): Promise<void> {
    try {
      const choice = await this.opts.selectBackend(msg.prefer, msg.threads);
      this.post({ type: "backend", id: msg.id, choice });
    } catch (e) {
      this.post({ type: "error", id: msg.id, message: message(e) });
    }
  }

  private async forget(urls: readonly string[]): Promise<void> {
    for (const u of urls) await tf.io.removeModel(u).catch(() => undefined);
  }

  private async exportModel(id: number, url: string, name: string): Promise<void> {
    try {
      const model = await tf.loadLayersModel(url);
      try {
        const a = await exportTfjs(model, `${name}.weights.bin`);
        this.post(
          { type: "exported", id, name, modelJson: a.modelJson, weightsBin: a.weightsBin },
          [a.weightsBin],
        );
      } finally {
        model.dispose();
      }
    } catch (e) {
      this.post({ type: "error", id, message: `export: ${message(e)}` });
    }
  }

  private async start(msg: Extract<ToLab, { type: "start" }>): Promise<void> {
    if (this.running) {
      this.post({
        type: "error",
        id: msg.id,
        message: "an experiment is already running; cancel it first",
      });
      return;
    }
    const ctl = new AbortController();
    const gate = new PauseGate();
    this.running = { id: msg.id, ctl, gate };
    try {
      const choice = await this.opts.selectBackend(msg.prefer, msg.threads);
      this.post({ type: "backend", id: msg.id, choice });
      let source;
      if (msg.folder) {
        if (!this.opts.decode) throw new Error("this session cannot decode images");
        source = await folderSource(msg.folder, msg.def, this.opts.decode);
      } else source = proceduralSource(msg.def);
      const result = await runExperiment({
        def: msg.def,
        source,
        experimentId: msg.experimentId,
        backend: labBackend(choice),
        signal: ctl.signal,
        gate,
        ...(msg.runIds ? { only: msg.runIds } : {}),
        ...(this.opts.saveModel ? { saveModel: this.opts.saveModel } : {}),
        onEvent: (event) => {
          this.post({ type: "event", id: msg.id, event });
          if (event.type === "run-done" && this.opts.persist)
            void this.opts.persist(event.partial).catch(() => undefined);
        },
      });
      if (this.opts.persist) await this.opts.persist(result);
      this.post({ type: "done", id: msg.id, result });
    } catch (e) {
      if (e instanceof LabCancelledError || e instanceof BuildCancelledError)
        this.post({ type: "cancelled", id: msg.id });
      else this.post({ type: "error", id: msg.id, message: message(e) });
    } finally {
      this.running = null;
    }
  }
}
