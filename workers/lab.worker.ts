/// <reference lib="webworker" />
/**
 * Web Worker for /lab: trains an experiment's runs (or its share of them, lib/lab/pool.ts) off
 * the main thread. Thin: the logic is in
 * lib/lab/session.ts; here only the browser's pieces (backend, image decoder, IndexedDB).
 */
import { decodeImageBrowser, type PixelCanvas } from "../lib/image/decode-browser";
import { selectTrainingBackend } from "../lib/lab/backend";
import type { ToLab } from "../lib/lab/protocol";
import { setLabMetadata } from "../lib/lab/runner";
import { LabSession } from "../lib/lab/session";
import { labModelUrl } from "../lib/lab/store";

const scope = self as unknown as DedicatedWorkerGlobalScope;

const session = new LabSession((m, transfer) => scope.postMessage(m, transfer ?? []), {
  selectBackend: (prefer, threads) =>
    selectTrainingBackend(prefer, threads !== undefined ? { wasmThreads: threads } : {}),
  decode: (bytes, name) =>
    decodeImageBrowser(bytes, name, (w, h) => new OffscreenCanvas(w, h) as unknown as PixelCanvas),
  saveModel: async (model, ctx) => {
    setLabMetadata(model, ctx);
    const url = labModelUrl(ctx.experimentId, ctx.run.id);
    await model.save(url);
    return url;
  },
  // Results are persisted by the page's pool (lib/lab/pool.ts), which merges the workers' runs.
});

scope.onmessage = (e: MessageEvent<ToLab>) => {
  void session.handle(e.data);
};
