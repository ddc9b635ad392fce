"use client";
/** The /cam worker and its protocol for the shared worker client (the page runs no tfjs). */
import type { WorkerLike, WorkerProtocol } from "@/components/ui/workerClient";
import type { CamRequest, CamResponse } from "@/lib/tfjs/cam-protocol";

export const CAM_PROTOCOL = {
  final: {
    init: "ready",
    load: "loaded",
    unload: "unloaded",
    decode: "decoded",
    "put-image": "stored",
    analyze: "result",
    "predict-raw": "probs",
    "list-lab": "lab-models",
  },
  // The session ends a cancelled job with an "aborted" error: a cancel, not a failure.
  errorOf: (m: CamResponse) => (m.type === "error" && m.code !== "aborted" ? m.message : null),
  codeOf: (m: CamResponse) => (m.type === "error" ? m.code : null),
  isCancelled: (m: CamResponse) => m.type === "error" && m.code === "aborted",
  cancelRequest: (id: number): CamRequest => ({ type: "cancel", id }),
} as const satisfies WorkerProtocol<CamRequest, CamResponse>;

export function createCamWorker(): WorkerLike {
  return new Worker(new URL("../../workers/cam.worker.ts", import.meta.url), {
    type: "module",
    name: "cam",
  });
}

/** The page's name for the worker in failure texts. */
export const CAM_WORKER = "analysis worker";

/** A progress message's fields, or null for any other message. */
export const progressOf = (m: CamResponse) => (m.type === "progress" ? m : null);
