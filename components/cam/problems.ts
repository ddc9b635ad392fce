/** Failures on /cam as Problems: a translated lead picked by the error's code, English detail. */
import { failureText, isCancelled, WorkerJobError } from "@/components/ui/workerClient";
import type { ModelLoadErrorCode } from "@/lib/tfjs/model-load";

import { CAM_WORKER } from "./client";
import { type Problem, rawProblem } from "./rich";

/**
 * A load that failed, or was cancelled (the model is being removed or reloaded). The
 * loader's error code (lib/tfjs/model-load.ts) picks the lead sentence; its English
 * message, which names the URL or file, is the detail.
 */
export const loadFailure = (e: unknown): Problem => {
  if (isCancelled(e)) return { key: "errors.cancelled" };
  const code = e instanceof WorkerJobError ? e.code : null;
  const key = code && LOAD_CODES.has(code) ? `errors.load.${code}` : "errors.modelLoad";
  return rawProblem(key, failureText(e, CAM_WORKER));
};
const LOAD_CODES = new Set<string>([
  "bad-url",
  "not-found",
  "http-error",
  "cors",
  "network",
  "bad-json",
  "not-a-model",
  "missing-weights",
  "short-weights",
  "long-weights",
  "shape-mismatch",
  "unsupported",
] satisfies ModelLoadErrorCode[]);

/** An ImageError's code picks the lead sentence; its English message is the detail. */
export const imageProblem = (e: unknown): Problem => {
  const code = e && typeof e === "object" && "code" in e ? String(e.code) : "";
  return rawProblem(IMAGE_CODES.has(code) ? `errors.image.${code}` : "errors.raw", e);
};
const IMAGE_CODES = new Set([
  "empty",
  "too-many-bytes",
  "too-many-pixels",
  "unsupported-format",
  "corrupt",
  "fetch-failed",
]);
