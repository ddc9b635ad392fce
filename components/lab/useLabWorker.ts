"use client";
/** Owns the Lab Web Worker for the page's lifetime; `send` returns the job id. */
import { useCallback, useEffect, useRef } from "react";

import type { FromLab, ToLab } from "@/lib/lab/protocol";

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
export type LabOutgoing = WithoutId<ToLab>;

export function useLabWorker(onMessage: (m: FromLab) => void): {
  send: (m: LabOutgoing, transfer?: Transferable[]) => number;
} {
  const worker = useRef<Worker | null>(null);
  const nextId = useRef(0);
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });
  useEffect(() => {
    const w = new Worker(new URL("../../workers/lab.worker.ts", import.meta.url), {
      type: "module",
      name: "tfjs-lab",
    });
    w.onmessage = (e: MessageEvent<FromLab>) => handler.current(e.data);
    w.onerror = (e: ErrorEvent) =>
      handler.current({
        type: "error",
        id: -1,
        message: `the Lab worker failed: ${e.message || "unknown error"}`,
      });
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);
  const send = useCallback((m: LabOutgoing, transfer?: Transferable[]): number => {
    const id = ++nextId.current;
    worker.current?.postMessage({ ...m, id } as ToLab, transfer ?? []);
    return id;
  }, []);
  return { send };
}
