/**
 * Promise wrapper around workers/cam.worker.ts: one request id per call, progress callbacks,
 * cancellation. The page never runs tfjs on the main thread.
 */
import type { CamRequest, CamResponse } from "@/lib/tfjs/cam-protocol";

type Pending = {
  resolve: (r: CamResponse) => void;
  reject: (e: WorkerError) => void;
  onProgress?: (fraction: number, file: string, stage: string) => void;
};

export class WorkerError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

type Body<T> = T extends unknown ? Omit<T, "id"> : never;

export class CamClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL("../../workers/cam.worker.ts", import.meta.url), {
      type: "module",
    });
    this.worker.onmessage = (ev: MessageEvent<CamResponse>) => {
      const msg = ev.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === "progress") {
        p.onProgress?.(msg.fraction, msg.file, msg.stage);
        return;
      }
      this.pending.delete(msg.id);
      if (msg.type === "error") p.reject(new WorkerError(msg.code, msg.message));
      else p.resolve(msg);
    };
    this.worker.onerror = (ev) => {
      const err = new WorkerError(
        "worker",
        `The analysis worker crashed: ${ev.message || "unknown error"}`,
      );
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  /** Sends a request; returns its id (for cancel) and the reply. */
  call<T extends CamResponse["type"]>(
    req: Body<CamRequest>,
    opts: { transfer?: Transferable[]; onProgress?: Pending["onProgress"] } = {},
  ): { id: number; done: Promise<Extract<CamResponse, { type: T }>> } {
    const id = this.nextId++;
    const done = new Promise<CamResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress: opts.onProgress });
    }) as Promise<Extract<CamResponse, { type: T }>>;
    this.worker.postMessage({ ...req, id } as CamRequest, opts.transfer ?? []);
    return { id, done };
  }

  cancel(id: number): void {
    this.worker.postMessage({ type: "cancel", id } satisfies CamRequest);
    const p = this.pending.get(id);
    if (p) {
      this.pending.delete(id);
      p.reject(new WorkerError("aborted", "Cancelled."));
    }
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values())
      p.reject(new WorkerError("aborted", "The page closed the worker."));
    this.pending.clear();
  }
}
