/**
 * `npm run -s lab:rescore -- DIR...`: scores the class activation maps of the runs a
 * `npm run lab -- --save DIR` wrote again, with the current scorer (lib/lab/cam-scores.ts),
 * and rewrites each run's `cam` in DIR/results.json. For published results measured before a
 * scorer change: the trained networks are on disk, so only the scoring is repeated, on the
 * same test images (the dataset's seed and test count from results.json, at each run's
 * resolution). Procedural datasets only (folder datasets have no boxes).
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import * as tf from "@tensorflow/tfjs";

import { camEvaluate, runCam } from "../lib/lab/cam-scores";
import { proceduralDataset } from "../lib/lab/dataset";
import { CAM_SCORE_IMAGES } from "../lib/lab/defaults";
import { selectBackend } from "../lib/tfjs/backends";
import { loadModel } from "../lib/tfjs/model-load";
import { fileFetcher } from "../cli/files";

interface SavedRun {
  strategy: string;
  seed: number;
  resolution: number;
  cam: unknown;
}
interface Saved {
  dataset: { kind: string; seed: number; testImages: number };
  runs: SavedRun[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function rescore(dir: string): Promise<void> {
  const file = join(dir, "results.json");
  const saved = JSON.parse(await readFile(file, "utf8")) as Saved;
  if (saved.dataset.kind !== "procedural") throw new Error(`${file}: not a procedural dataset`);
  for (const run of saved.runs) {
    const id = `${run.strategy}-s${run.seed}`;
    const url = pathToFileURL(join(dir, id, "model.json")).toString();
    const loaded = await loadModel(url, { fetch: fileFetcher("results.json") });
    if (loaded.format !== "layers") throw new Error(`${id}: not a LayersModel`);
    const test = proceduralDataset({
      seed: saved.dataset.seed,
      split: "test",
      count: Math.min(saved.dataset.testImages, CAM_SCORE_IMAGES),
      resolution: run.resolution,
    });
    const { scores } = await camEvaluate(loaded.model, test, CAM_SCORE_IMAGES, 0);
    loaded.model.dispose();
    run.cam = runCam(scores);
    process.stdout.write(
      `${dir} ${id}: ${scores ? `pointing ${pct(scores.pointingGame)} (chance ${pct(scores.pointingChance)}), energy ${pct(scores.energyInBox)} (flat ${pct(scores.energyChance)})` : "not scored (1 x 1 map)"}\n`,
    );
  }
  await writeFile(file, JSON.stringify(saved, null, 2) + "\n");
}

async function main(dirs: string[]): Promise<void> {
  if (!dirs.length) {
    process.stderr.write(
      "usage: npm run -s lab:rescore -- DIR... (folders written by lab --save)\n",
    );
    process.exit(2);
  }
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
  for (const d of dirs) await rescore(d);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`lab:rescore: ${(e as Error).message}\n`);
  process.exit(1);
});
