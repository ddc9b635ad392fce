/**
 * Backend for training: WebGPU, WebGL, WASM, CPU in that order (lib/tfjs/backends.ts), with
 * the reason for each skipped one. WASM trains once its missing gradient kernels are
 * registered (lib/tfjs/wasm-grad).
 */
import { selectBackend, type BackendChoice, type BackendName } from "../tfjs/backends";

export type TrainingPreference = BackendName | "auto";

export async function selectTrainingBackend(
  prefer: TrainingPreference,
  opts: { wasmThreads?: number; allowSoftwareWebgl?: boolean } = {},
): Promise<BackendChoice> {
  return selectBackend({
    prefer,
    needGradients: true,
    ...(opts.wasmThreads !== undefined ? { wasmThreads: opts.wasmThreads } : {}),
    ...(opts.allowSoftwareWebgl !== undefined
      ? { allowSoftwareWebgl: opts.allowSoftwareWebgl }
      : {}),
  });
}
