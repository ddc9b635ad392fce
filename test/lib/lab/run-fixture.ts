/** A RunResult as plain data for tests of what reads results (summary, conclusion, table). */
import type { RunResult } from "@/lib/lab/results";

export function labRun(
  strategy: RunResult["strategy"],
  seed: number,
  testAccuracy: number,
  cam: RunResult["cam"],
): RunResult {
  return {
    id: `${strategy}-s${seed}`,
    strategy,
    seed,
    width: 0.25,
    depth: 0.25,
    resolution: 37,
    macs: 990_000,
    trainableParams: 127_000,
    totalParams: 128_000,
    epochs: 3,
    trainMs: 40_000,
    curve: [],
    testAccuracy,
    cam,
    camSamples: [],
    modelUrl: null,
  };
}
