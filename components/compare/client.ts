"use client";
/** The compare page's worker and its protocol for the shared worker client. */
import type { WorkerLike, WorkerProtocol } from "@/components/ui/workerClient";
import type { GridWorkerRequest, GridWorkerResponse } from "@/workers/grid.worker";

export const GRID_PROTOCOL = {
  final: { compare: "compare", grid: "grid" },
  errorOf: (m: GridWorkerResponse) => (m.type === "error" ? m.message : null),
  isCancelled: (m: GridWorkerResponse) => m.type === "cancelled",
  cancelRequest: (id: number): GridWorkerRequest => ({ type: "cancel", id }),
} as const satisfies WorkerProtocol<GridWorkerRequest, GridWorkerResponse>;

export function createGridWorker(): WorkerLike {
  return new Worker(new URL("../../workers/grid.worker.ts", import.meta.url), { type: "module" });
}
