/**
 * Page side of the CAM benchmark's browser variant (bundled with esbuild, served with
 * COOP/COEP): the same measurement as Node (bench/cam-core.ts), on tfjs-wasm in the page.
 */
import * as tf from "@tensorflow/tfjs";

import { selectBackend } from "../../lib/tfjs/backends";
import { loadModel } from "../../lib/tfjs/model-load";
import { builderB0, type CaseTimes, timeCase } from "../cam-core";

async function run(runs: number, scoreRuns: number, input: number[]): Promise<CaseTimes[]> {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm", wasmPrefix: "/tfjs-wasm/", wasmThreads: 1 });
  const mn = await loadModel(`${location.origin}/models/mobilenet_v1_0.25_224/model.json`);
  const a = await timeCase("MobileNet v1 0.25 @224", mn, Float32Array.from(input), runs, scoreRuns);
  mn.model.dispose();
  const b0m = await builderB0();
  const b = await timeCase("EfficientNet-B0 (builder)", b0m, null, runs, scoreRuns, [
    "cam",
    "gradcam",
    "gradcam++",
    "layercam",
  ]);
  b0m.model.dispose();
  return [a, b];
}

(globalThis as unknown as { runCamBench: typeof run }).runCamBench = run;
