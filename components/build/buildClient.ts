"use client";
/** The /build worker and its protocol for the shared worker client. */
import type { WorkerLike, WorkerProtocol } from "@/components/ui/workerClient";
import type { FromWorker, ToWorker } from "@/lib/tfjs/build-protocol";

export const BUILD_PROTOCOL = {
  final: {
    backend: "backend",
    build: "built",
    time: "timed",
    export: "exported",
    latency: "latency-table",
  },
  errorOf: (m: FromWorker) => (m.type === "error" ? m.message : null),
  isCancelled: (m: FromWorker) => m.type === "cancelled",
  cancelRequest: (id: number): ToWorker => ({ type: "cancel", id }),
  // The worker's own failure (not one job's) reaches every open job.
  broadcastId: -1,
} as const satisfies WorkerProtocol<ToWorker, FromWorker>;

export function createBuildWorker(): WorkerLike {
  return new Worker(new URL("../../workers/build.worker.ts", import.meta.url), {
    type: "module",
    name: "tfjs-build",
  });
}
