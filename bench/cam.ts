/**
 * Node: the cost of a class activation map against a plain forward pass of the same model in
 * the same run (real MobileNet v1 0.25 at 224 from ../shared, dog.jpg), alternating runs.
 *   CAM        = one forward pass that also returns the last feature map + [49 x 256] x [256]
 *   Grad-CAM   = forward + backward through the head (cpu backend: wasm has no gradients)
 * Goal (issue 6): CAM <= 1.3x the plain forward pass. Prints medians and ratios.
 *
 *   npm run -s bench:cam [-- --runs 30]
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

import * as tf from "@tensorflow/tfjs";

import { decodeImageNode } from "../lib/image/decode-node";
import { prepareInput } from "../lib/image/prepare";
import { selectBackend } from "../lib/tfjs/backends";
import { type CamEngine, createCamEngine } from "../lib/tfjs/cam";
import { IMAGENET_LABELS } from "../lib/tfjs/labels";
import { type FetchLike, loadModel } from "../lib/tfjs/model-load";

const SHARED = join(process.cwd(), "..", "shared");

function runsArg(): number {
  const i = process.argv.indexOf("--runs");
  const n = i >= 0 ? Number(process.argv[i + 1]) : 30;
  if (!Number.isInteger(n) || n < 3 || n > 1000) {
    process.stderr.write("bench: --runs: expected an integer from 3 to 1000\n");
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function time(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** Alternates the candidates run by run so drift hits them equally. */
async function alternate(
  runs: number,
  fns: Record<string, () => Promise<unknown>>,
): Promise<Record<string, number>> {
  const names = Object.keys(fns);
  for (const n of names) for (let i = 0; i < 3; i++) await fns[n](); // warm-up
  const t: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < runs; r++) for (const n of names) t[n].push(await time(fns[n]));
  return Object.fromEntries(names.map((n) => [n, median(t[n])]));
}

async function main(): Promise<void> {
  const runs = runsArg();
  tf.enableProdMode();
  const results: string[] = [];
  await selectBackend({ prefer: "wasm" });
  const layers = await loadModel(
    `file://${SHARED}/models/mobilenet_v1_0.25_224/layers/model.json`,
    { fetch: fsFetch },
  );
  const graph = await loadModel(`file://${SHARED}/models/mobilenet_v1_0.25_224/graph/model.json`, {
    fetch: fsFetch,
  });
  const img = await decodeImageNode(
    new Uint8Array(readFileSync(join(SHARED, "fixtures/images/dog.jpg"))),
    "dog.jpg",
  );
  const cases: [string, CamEngine, "symmetric" | "unit"][] = [
    ["LayersModel", createCamEngine(layers, { labels: IMAGENET_LABELS }), "symmetric"],
    ["GraphModel ", createCamEngine(graph, { labels: IMAGENET_LABELS }), "unit"],
  ];
  console.log(`CAM benchmark: MobileNet v1 0.25 @224, dog.jpg, ${runs} alternating runs, medians`);
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}`,
  );
  for (const backend of ["wasm", "cpu"] as const) {
    const b = await selectBackend({ prefer: backend });
    console.log(`\nbackend ${b.backend} (${b.detail})`);
    for (const [name, engine, pre] of cases) {
      const before = tf.memory().numTensors;
      const p = prepareInput(img.image, {
        width: 224,
        height: 224,
        resize: "stretch",
        preprocess: pre,
      });
      const x = tf.tensor4d(p.data, [1, 224, 224, 3]);
      const fns: Record<string, () => Promise<unknown>> = {
        forward: () => engine.predict(x),
        cam: () => engine.analyze(x, { method: "cam" }),
      };
      if (backend === "cpu") {
        fns.gradcam = () => engine.analyze(x, { method: "gradcam" });
        fns["gradcam++"] = () => engine.analyze(x, { method: "gradcam++" });
      }
      const m = await alternate(backend === "cpu" ? Math.max(3, Math.round(runs / 3)) : runs, fns);
      x.dispose();
      const leak = tf.memory().numTensors - before;
      const parts = Object.entries(m).map(
        ([k, v]) =>
          `${k} ${v.toFixed(1)} ms${k === "forward" ? "" : ` (${(v / m.forward).toFixed(2)}x)`}`,
      );
      const line = `  ${name}: ${parts.join(", ")}${leak ? `  LEAK ${leak} tensors` : ""}`;
      console.log(line);
      results.push(`${backend} ${name.trim()} cam/forward ${(m.cam / m.forward).toFixed(2)}`);
    }
  }
  const worst = Math.max(...results.map((r) => Number(r.split(" ").at(-1))));
  console.log(
    `\nCAM / forward worst ratio ${worst.toFixed(2)} (goal <= 1.30): ${worst <= 1.3 ? "met" : "NOT met"}`,
  );
  for (const [, e] of cases) e.dispose();
  layers.model.dispose();
  graph.model.dispose();
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
