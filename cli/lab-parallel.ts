/**
 * `--workers N`: the experiment's runs on N worker threads at once through the same pool as
 * the browser's (lib/lab/pool.ts); one tfjs per thread. Resolves with the merged result.
 */
import { Worker } from "node:worker_threads";

import { LabPool } from "../lib/lab/pool";
import type { FromLab, ToLab } from "../lib/lab/protocol";
import type { ExperimentResult } from "../lib/lab/results";
import type { LabEvent } from "../lib/lab/runner";

export function runInWorkers(
  start: Extract<ToLab, { type: "start" }>,
  o: { workers: number; save?: string; onEvent: (e: LabEvent) => void },
): Promise<ExperimentResult> {
  return new Promise((resolve, reject) => {
    const entry = new URL("./lab-worker.ts", import.meta.url).href;
    const pool = new LabPool(
      (_index, deliver) => {
        const w = new Worker(new URL("./lab-boot.mjs", import.meta.url), {
          workerData: { entry, ...(o.save !== undefined ? { save: o.save } : {}) },
        });
        w.on("message", (m: FromLab) => deliver(m));
        w.on("error", (e) => deliver({ type: "error", id: -1, message: `worker: ${e.message}` }));
        return {
          post: (m, transfer) => w.postMessage(m, (transfer ?? []) as ArrayBuffer[]),
          terminate: () => void w.terminate(),
        };
      },
      (m) => {
        if (m.type === "event") o.onEvent(m.event);
        else if (m.type === "done" || m.type === "error" || m.type === "cancelled") {
          pool.terminate();
          if (m.type === "done") resolve(m.result);
          else reject(new Error(m.type === "error" ? m.message : "cancelled"));
        }
      },
      { size: o.workers },
    );
    pool.handle(start);
  });
}
