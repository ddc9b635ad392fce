/**
 * The cost of each class-activation-map method against a plain forward pass of the same
 * model, same input, same run (alternating, medians), on wasm: the real MobileNet v1 0.25 at
 * 224 (dog.jpg) and the builder's EfficientNet-B0 (random weights). First in Node, then the
 * same measurement in headless Chromium (bench/cam-browser.ts; skip with --node-only).
 * Goal (issue 10): Grad-CAM and Grad-CAM++ at most 1.2x the forward pass, both places.
 *
 *   npm run -s bench:cam [-- --runs 20 --scorecam-runs 3 --node-only]
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

import * as tf from "@tensorflow/tfjs";

import { decodeImageNode } from "../lib/image/decode-node";
import { prepareInput } from "../lib/image/prepare";
import { selectBackend } from "../lib/tfjs/backends";
import { type FetchLike, loadModel } from "../lib/tfjs/model-load";
import { runBrowserCamBench } from "./cam-browser";
import { builderB0, formatCase, GOAL, timeCase } from "./cam-core";

const SHARED = join(process.cwd(), "..", "shared");

function intArg(name: string, def: number, min: number, max: number): number {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`bench: ${name}: expected an integer from ${min} to ${max}\n`);
    process.exit(2);
  }
  return n;
}

const fsFetch: FetchLike = async (u) => {
  try {
    return new Response(readFileSync(new URL(u)));
  } catch {
    return new Response(null, { status: 404 });
  }
};

async function main(): Promise<void> {
  const runs = intArg("--runs", 20, 3, 1000);
  const scoreRuns = intArg("--scorecam-runs", 3, 1, 100);
  tf.enableProdMode();
  const b = await selectBackend({ prefer: "wasm" });
  console.log(
    `CAM benchmark: ${runs} alternating rounds (Score-CAM ${scoreRuns}), median ms and median ratio to the round's forward pass; goal Grad-CAM and Grad-CAM++ <= ${GOAL}x forward`,
  );
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}, Node ${process.version}\n`,
  );
  console.log(`== Node, ${b.backend} (${b.detail})`);
  const layers = await loadModel(
    `file://${SHARED}/models/mobilenet_v1_0.25_224/layers/model.json`,
    { fetch: fsFetch },
  );
  const img = await decodeImageNode(
    new Uint8Array(readFileSync(join(SHARED, "fixtures/images/dog.jpg"))),
    "dog.jpg",
  );
  const input = prepareInput(img.image, {
    width: 224,
    height: 224,
    resize: "stretch",
    preprocess: "symmetric",
  }).data;
  const verdicts: string[] = [];
  const mn = await timeCase("MobileNet v1 0.25 @224", layers, input, runs, scoreRuns);
  layers.model.dispose();
  const b0m = await builderB0();
  // Score-CAM on B0 is 1280 masked passes per map: left out of the default run.
  const b0 = await timeCase("EfficientNet-B0 (builder)", b0m, null, runs, scoreRuns, [
    "cam",
    "gradcam",
    "gradcam++",
    "layercam",
  ]);
  b0m.model.dispose();
  for (const c of [mn, b0]) {
    const f = formatCase(c);
    console.log(f.lines.join("\n"));
    verdicts.push(
      `Node     ${c.model}: worst gradient method ${f.worst.toFixed(2)}x (${f.met ? "met" : "NOT met"})`,
    );
  }
  if (!process.argv.includes("--node-only")) {
    console.log(`\n== headless Chromium (one page, wasm)`);
    const cases = await runBrowserCamBench(runs, scoreRuns);
    for (const c of cases) {
      const f = formatCase(c);
      console.log(f.lines.join("\n"));
      verdicts.push(
        `Chromium ${c.model}: worst gradient method ${f.worst.toFixed(2)}x (${f.met ? "met" : "NOT met"})`,
      );
    }
  }
  console.log(`\n${verdicts.join("\n")}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
