"use client";
/**
 * Owns the Lab's workers for the page's lifetime, as one pool (lib/lab/pool.ts) that speaks
 * like one worker; `send` returns the job id.
 */
import { useCallback, useEffect, useRef } from "react";

import { LabPool } from "@/lib/lab/pool";
import type { FromLab, ToLab } from "@/lib/lab/protocol";
import { saveExperiment } from "@/lib/lab/store";

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
export type LabOutgoing = WithoutId<ToLab>;

/** Workers at most: one per logical core, at most 4 (each holds its own copy of the data). */
export function poolSize(cores: number | undefined): number {
  return typeof cores === "number" && cores >= 1 ? Math.min(4, Math.floor(cores)) : 1;
}

export function useLabWorker(onMessage: (m: FromLab) => void): {
  send: (m: LabOutgoing, transfer?: Transferable[]) => number;
} {
  const pool = useRef<LabPool | null>(null);
  const nextId = useRef(0);
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });
  useEffect(() => {
    const p = new LabPool(
      (index, deliver) => {
        const w = new Worker(new URL("../../workers/lab.worker.ts", import.meta.url), {
          type: "module",
          name: `tfjs-lab-${index}`,
        });
        w.onmessage = (e: MessageEvent<FromLab>) => deliver(e.data);
        w.onerror = (e: ErrorEvent) =>
          deliver({
            type: "error",
            id: -1,
            message: `the Lab worker failed: ${e.message || "unknown error"}`,
          });
        return {
          post: (m, transfer) => w.postMessage(m, transfer ?? []),
          terminate: () => w.terminate(),
        };
      },
      (m) => handler.current(m),
      { size: poolSize(navigator.hardwareConcurrency), persist: saveExperiment },
    );
    pool.current = p;
    return () => {
      p.terminate();
      pool.current = null;
    };
  }, []);
  const send = useCallback((m: LabOutgoing, transfer?: Transferable[]): number => {
    const id = ++nextId.current;
    pool.current?.handle({ ...m, id } as ToLab, transfer);
    return id;
  }, []);
  return { send };
}
