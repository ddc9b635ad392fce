/// <reference lib="webworker" />
/**
 * Web Worker for /build: builds, times and exports the tfjs model off the main thread.
 * Thin: all logic is in lib/tfjs/build-session.ts.
 */
import type { ToWorker } from "../lib/tfjs/build-protocol";
import { BuildSession } from "../lib/tfjs/build-session";

const scope = self as unknown as DedicatedWorkerGlobalScope;

const session = new BuildSession(
  (m, transfer) => scope.postMessage(m, transfer ?? []),
  (w, h) =>
    new OffscreenCanvas(w, h) as unknown as import("../lib/image/decode-browser").PixelCanvas,
);

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  void session.handle(e.data);
};
