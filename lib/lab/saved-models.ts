/**
 * The Lab's trained networks as the CAM page lists them: every run of every stored experiment
 * whose model was saved at indexeddb://scaling-lab/<experimentId>/<runId>. Class names are also
 * in each saved model's userDefinedMetadata ({ labels }).
 */
import type { LabStrategy } from "./strategies";
import { loadExperiments } from "./store";

export interface LabModelInfo {
  /** tf.loadLayersModel URL. */
  readonly url: string;
  readonly experimentId: string;
  readonly runId: string;
  readonly strategy: LabStrategy;
  readonly seed: number;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly macs: number;
  readonly classes: readonly string[];
  readonly testAccuracy: number;
  /** ISO time the experiment started. */
  readonly createdAt: string;
}

/** Newest experiment first, runs in training order. Empty when IndexedDB is unavailable. */
export async function listLabModels(): Promise<LabModelInfo[]> {
  let exps;
  try {
    exps = await loadExperiments();
  } catch {
    return [];
  }
  const out: LabModelInfo[] = [];
  for (const e of exps) {
    for (const r of e.runs) {
      if (!r.modelUrl) continue;
      out.push({
        url: r.modelUrl,
        experimentId: e.id,
        runId: r.id,
        strategy: r.strategy,
        seed: r.seed,
        width: r.width,
        depth: r.depth,
        resolution: r.resolution,
        macs: r.macs,
        classes: e.dataset.classes,
        testAccuracy: r.testAccuracy,
        createdAt: e.createdAt,
      });
    }
  }
  return out;
}
