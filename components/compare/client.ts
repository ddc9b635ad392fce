"use client";
/** Owns the compare page's Web Worker(s); one job of each kind at a time, newer wins. */
import type { GridWorkerRequest, GridWorkerResponse } from "@/workers/grid.worker";

export function createGridWorker(
  onMessage: (m: GridWorkerResponse) => void,
  onCrash: (msg: string) => void,
) {
  const worker = new Worker(new URL("../../workers/grid.worker.ts", import.meta.url), {
    type: "module",
  });
  worker.onmessage = (ev: MessageEvent<GridWorkerResponse>) => onMessage(ev.data);
  worker.onerror = (ev) => onCrash(ev.message || "the worker crashed");
  return {
    send(m: GridWorkerRequest): void {
      worker.postMessage(m);
    },
    terminate(): void {
      worker.terminate();
    },
  };
}
