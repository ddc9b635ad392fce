"use client";
/**
 * Owns the Lab's workers for the page's lifetime, as one pool (lib/lab/pool.ts) that speaks
 * like one worker; `send` returns the job id.
 */
import { useCallback, useEffect, useRef, useState } from "react";

import { LabPool, type PortFactory } from "@/lib/lab/pool";
import type { FromLab, ToLab } from "@/lib/lab/protocol";
import { saveExperiment } from "@/lib/lab/store";

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
export type LabOutgoing = WithoutId<ToLab>;

/** Workers at most: one per logical core, at most 4 (each holds its own copy of the data). */
export function poolSize(cores: number | undefined): number {
  return typeof cores === "number" && cores >= 1 ? Math.min(4, Math.floor(cores)) : 1;
}

const browserWorker: PortFactory = (index, deliver) => {
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
};

/** Passes the pool's messages to the page's latest handler. */
class Relay {
  constructor(private handler: (m: FromLab) => void) {}
  set(handler: (m: FromLab) => void): void {
    this.handler = handler;
  }
  readonly deliver = (m: FromLab): void => this.handler(m);
}

export function useLabWorker(
  onMessage: (m: FromLab) => void,
  makePort: PortFactory = browserWorker,
): {
  send: (m: LabOutgoing, transfer?: Transferable[]) => number;
} {
  const nextId = useRef(0);
  // Made with the component, not in an effect: a click that lands before the page's effects
  // have run (a fast click on a busy machine, or one React replays after hydration) must not
  // be dropped. The pool starts no worker until its first message, so this is cheap.
  const [relay] = useState(() => new Relay(onMessage));
  useEffect(() => relay.set(onMessage));
  const [pool] = useState(
    () =>
      new LabPool(makePort, relay.deliver, {
        size: poolSize(
          typeof navigator !== "undefined" ? navigator.hardwareConcurrency : undefined,
        ),
        persist: saveExperiment,
      }),
  );
  // terminate() leaves the pool usable: it makes fresh workers on the next message.
  useEffect(() => () => pool.terminate(), [pool]);
  const send = useCallback(
    (m: LabOutgoing, transfer?: Transferable[]): number => {
      const id = ++nextId.current;
      pool.handle({ ...m, id } as ToLab, transfer);
      return id;
    },
    [pool],
  );
  return { send };
}
