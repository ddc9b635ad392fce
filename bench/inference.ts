/**
 * Node: the app's tfjs-wasm inference (BN-folded, fused ops) against onnxruntime-web (wasm)
 * on the same architectures from ../shared/models/onnx, batch 1 at 224 px, one thread each
 * (tfjs-backend-wasm has no threads in Node), alternating runs. Prints medians and ratios.
 *
 *   npm run -s bench:inference [-- --runs 30]
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

import * as tf from "@tensorflow/tfjs";
import * as ort from "onnxruntime-web";

import { selectBackend } from "../lib/tfjs/backends";
import { CASES, formatCase, runCase } from "./inference-core";

const ONNX_DIR = join(process.cwd(), "..", "shared", "models", "onnx");

function runsArg(): number {
  const i = process.argv.indexOf("--runs");
  const n = i >= 0 ? Number(process.argv[i + 1]) : 20;
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    process.stderr.write(`bench: --runs: expected an integer from 1 to 1000\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const runs = runsArg();
  tf.enableProdMode();
  const choice = await selectBackend({ prefer: "wasm" });
  ort.env.wasm.numThreads = choice.threads;
  ort.env.logLevel = "error";
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, load ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    `tfjs ${tf.version.tfjs} on ${choice.detail}; onnxruntime-web ${ort.env.versions.web ?? "?"} wasm, ${choice.threads} thread(s)\n`,
  );
  for (const c of CASES) {
    const onnx = new Uint8Array(readFileSync(join(ONNX_DIR, c.file)));
    const r = await runCase(ort, { label: c.label, request: c.request, onnx }, runs);
    console.log(formatCase(r) + "\n");
  }
  console.log(`tensors left: ${tf.memory().numTensors}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
