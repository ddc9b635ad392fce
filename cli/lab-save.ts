/** `--save DIR`: each trained model as DIR/<runId>/model.json + weights.bin (tfjs format). */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type * as tf from "@tensorflow/tfjs";

import { setLabMetadata, type SaveContext } from "../lib/lab/runner";
import { exportTfjs } from "../lib/tfjs/export";

export function saveModelTo(dir: string) {
  return async (model: tf.LayersModel, ctx: SaveContext): Promise<string> => {
    setLabMetadata(model, ctx);
    const files = await exportTfjs(model);
    const runDir = join(dir, ctx.run.id);
    await mkdir(runDir, { recursive: true });
    await writeFile(join(runDir, "model.json"), files.modelJson);
    await writeFile(join(runDir, "weights.bin"), new Uint8Array(files.weightsBin));
    return `file://${join(runDir, "model.json")}`;
  };
}
