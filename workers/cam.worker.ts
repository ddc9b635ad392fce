/// <reference lib="webworker" />
/**
 * CAM Web Worker for /cam. Thin: all logic is in lib/tfjs/cam-session.ts (tested in Node).
 */
import * as tf from "@tensorflow/tfjs";

import { decodeImageBrowser, type PixelCanvas } from "@/lib/image/decode-browser";
import type { CamRequest } from "@/lib/tfjs/cam-protocol";
import { CamSession } from "@/lib/tfjs/cam-session";

const scope = self as unknown as DedicatedWorkerGlobalScope;

// The threaded wasm build starts pthread workers from the stringified (bundled, minified)
// factory, which fails under Next's bundling ("r is not defined"); one thread works.
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);

const canvas = (w: number, h: number) => new OffscreenCanvas(w, h) as unknown as PixelCanvas;

const session = new CamSession(
  (m, transfer) => scope.postMessage(m, transfer ?? []),
  (bytes, name) => decodeImageBrowser(bytes, name, canvas),
);

scope.onmessage = (e: MessageEvent<CamRequest>) => {
  void session.handle(e.data);
};
