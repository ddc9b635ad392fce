"use client";
/** Owns the build Web Worker for the page's lifetime; `send` returns the job id. */
import { useCallback, useEffect, useRef } from "react";

import type { FromWorker, ToWorker } from "@/lib/tfjs/build-protocol";

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
export type Outgoing = WithoutId<ToWorker>;

export function useBuildWorker(onMessage: (m: FromWorker) => void): {
  send: (m: Outgoing, transfer?: Transferable[]) => number;
  cancel: (id: number) => void;
} {
  const worker = useRef<Worker | null>(null);
  const nextId = useRef(0);
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });
  useEffect(() => {
    const w = new Worker(new URL("../../workers/build.worker.ts", import.meta.url), {
      type: "module",
      name: "tfjs-build",
    });
    w.onmessage = (e: MessageEvent<FromWorker>) => handler.current(e.data);
    w.onerror = (e: ErrorEvent) => {
      handler.current({
        type: "error",
        id: -1,
        message: `the build worker failed: ${e.message || "unknown error"}`,
      });
    };
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);
  const send = useCallback((m: Outgoing, transfer?: Transferable[]): number => {
    const id = ++nextId.current;
    worker.current?.postMessage({ ...m, id } as ToWorker, transfer ?? []);
    return id;
  }, []);
  const cancel = useCallback((id: number): void => {
    worker.current?.postMessage({ type: "cancel", id } satisfies ToWorker);
  }, []);
  return { send, cancel };
}
