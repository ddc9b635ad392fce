/**
 * Class activation maps from the command line:
 *   npm run -s cam -- --model <model.json path or URL> --image <file> [--labels <json>]
 *     [--class N] [--method cam|gradcam|gradcam++|scorecam|layercam] [--resize stretch|crop]
 *     [--preprocess unit|symmetric|imagenet] [--layer NAME] [--out overlay.png] [--json]
 *     [--faithfulness]
 * Thin: parses argv, calls lib/. Exit codes: 0 ok, 2 bad input (message on stderr naming the
 * problem), 1 unexpected failure.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import * as tf from "@tensorflow/tfjs";
import sharp from "sharp";

import { COLORMAPS, type ColormapName, isColormap } from "../lib/image/colormap";
import { decodeImageNode } from "../lib/image/decode-node";
import { ImageError } from "../lib/image/errors";
import { formatBytes, IMAGE_LIMITS } from "../lib/image/limits";
import { PREPROCESS_MODES, type Preprocess } from "../lib/image/normalize";
import { compositeOverlay } from "../lib/image/overlay";
import { peakInOriginal, prepareInput } from "../lib/image/prepare";
import { RESIZE_MODES, type ResizeMode } from "../lib/image/resize";
import { mapGridToImage } from "../lib/image/upsample";
import { selectBackend } from "../lib/tfjs/backends";
import { CamError, createCamEngine } from "../lib/tfjs/cam";
import { classProb, faithfulness } from "../lib/tfjs/cam-faithfulness";
import {
  CAM_METHOD_TABLE,
  CAM_METHODS,
  isCamMethod,
  type CamMethod,
} from "../lib/tfjs/cam-methods";
import { HeadDetectError } from "../lib/tfjs/head-detect";
import { IMAGENET_LABELS, labelsFromMetadata, parseLabels } from "../lib/tfjs/labels";
import { loadModel, ModelLoadError } from "../lib/tfjs/model-load";
import { parseArgs, UsageError } from "./args";
import {
  checkWritablePath,
  FILE_LIMITS,
  fileFetcher,
  FileInputError,
  readFileSafe,
  readTextFileSafe,
} from "./files";

const VALUES = [
  "model",
  "image",
  "labels",
  "class",
  "method",
  "resize",
  "preprocess",
  "out",
  "layer",
  "colormap",
  "opacity",
] as const;
const FLAGS = ["json", "help", "faithfulness"] as const;

const HELP = `Class activation maps (${CAM_METHODS.map((m) => CAM_METHOD_TABLE[m].label).join(", ")}) on an image

usage: npm run -s cam -- --model <model.json path or URL> --image <file> [options]

  --model PATH|URL        a TensorFlow.js LayersModel or GraphModel (model.json + weight files)
  --image FILE            JPEG, PNG, WebP, GIF (first frame) or BMP; at most ${formatBytes(IMAGE_LIMITS.maxBytes)}, ${IMAGE_LIMITS.maxPixels / 1e6} MP
  --labels FILE           JSON array of class names, one per output (default: the model's own
                          metadata labels, else the 1000 ImageNet classes; a list that fits
                          neither gives "class 0", "class 1", ...)
  --class N               class to map (label index; default: the top-1 class)
  --method M              ${CAM_METHODS.join("|")} (default cam)
${CAM_METHODS.map((m) => `                            ${m.padEnd(11)}${CAM_METHOD_TABLE[m].summary}`).join("\n")}
  --resize R              ${RESIZE_MODES.join("|")} (default stretch)
  --preprocess P          ${PREPROCESS_MODES.join("|")} (default: symmetric [-1,1] for LayersModels,
                          unit [0,1] for GraphModels, as the TF.js MobileNets expect)
  --layer NAME            feature layer/node to map instead of the detected one (LayerCAM is
                          made for earlier layers; plain CAM needs the one feeding the pool)
  --out FILE.png          write the overlay (original orientation, at most ${IMAGE_LIMITS.maxWorkingSide} px a side)
  --colormap C            ${COLORMAPS.join("|")} (default jet)   --opacity A   0..1 (default 0.5)
  --json                  print { top, class, method, grid, peak, timings, ... } as JSON
  --faithfulness          also deletion and insertion (area under the curve; JSON:
                          faithfulness: { deletion, insertion, deletionCurve, insertionCurve })
`;

class InputError extends Error {}

function bad(msg: string): never {
  throw new InputError(msg);
}

function modelUrl(arg: string): string {
  if (/^https?:\/\//i.test(arg)) return arg;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg))
    bad(`--model: only http(s) URLs or file paths are supported, got ${arg}`);
  const p = resolve(arg);
  let st;
  try {
    st = statSync(p);
  } catch {
    bad(`--model: no such file ${arg}`);
  }
  return pathToFileURL(st.isDirectory() ? resolve(p, "model.json") : p).toString();
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, VALUES, FLAGS);
  if (args.flags.has("help")) {
    process.stdout.write(HELP);
    return;
  }
  const v = args.values;
  if (!v.model) bad("--model is required (path or URL of model.json)");
  if (!v.image) bad("--image is required");
  const method: CamMethod =
    v.method === undefined
      ? "cam"
      : isCamMethod(v.method)
        ? v.method
        : bad(`--method must be one of ${CAM_METHODS.join(", ")}; got ${JSON.stringify(v.method)}`);
  const resize = (v.resize ?? "stretch") as ResizeMode;
  if (!RESIZE_MODES.includes(resize))
    bad(`--resize must be one of ${RESIZE_MODES.join(", ")}; got ${JSON.stringify(v.resize)}`);
  if (v.preprocess !== undefined && !PREPROCESS_MODES.includes(v.preprocess as Preprocess)) {
    bad(
      `--preprocess must be one of ${PREPROCESS_MODES.join(", ")}; got ${JSON.stringify(v.preprocess)}`,
    );
  }
  const colormap: ColormapName =
    v.colormap === undefined
      ? "jet"
      : isColormap(v.colormap)
        ? v.colormap
        : bad(`--colormap must be one of ${COLORMAPS.join(", ")}`);
  const opacity = v.opacity === undefined ? 0.5 : Number(v.opacity);
  if (!(opacity >= 0 && opacity <= 1))
    bad(`--opacity must be a number from 0 to 1; got ${JSON.stringify(v.opacity)}`);
  let classArg: number | null = null;
  if (v.class !== undefined) {
    if (!/^\d+$/.test(v.class))
      bad(`--class must be a non-negative integer label index; got ${JSON.stringify(v.class)}`);
    classArg = Number(v.class);
  }
  if (v.out !== undefined && !v.out.toLowerCase().endsWith(".png"))
    bad(`--out must name a .png file; got ${JSON.stringify(v.out)}`);
  if (v.out !== undefined) checkWritablePath(v.out, "--out");

  let labels: readonly string[] | null = null;
  if (v.labels !== undefined) {
    const text = readTextFileSafe(v.labels, FILE_LIMITS.labelsBytes, "--labels");
    try {
      labels = parseLabels(text, `--labels ${v.labels}`);
    } catch (e) {
      bad((e as Error).message);
    }
  }

  const imageBytes = readFileSafe(v.image, IMAGE_LIMITS.maxBytes, "--image");

  tf.enableProdMode(); // silences tfjs's "install tfjs-node" banner
  const t0 = performance.now();
  // Gradients too run on wasm (through the part after the map); see lib/tfjs/cam.ts.
  const backend = await selectBackend({ prefer: "wasm" });
  const url = modelUrl(v.model);
  const loaded = await loadModel(url, { fetch: fileFetcher() });
  const t1 = performance.now();
  const engine = createCamEngine(loaded, {
    labels: labels ?? labelsFromMetadata(loaded.metadata) ?? IMAGENET_LABELS,
    strictLabels: labels !== null,
    featureLayer: v.layer ?? null,
  });
  const preprocess =
    (v.preprocess as Preprocess | undefined) ?? (loaded.format === "graph" ? "unit" : "symmetric");
  const decoded = await decodeImageNode(imageBytes, v.image);
  const t2 = performance.now();
  const [h, w] = engine.inputSize;
  const prep = prepareInput(decoded.image, { width: w, height: h, resize, preprocess });
  const input = tf.tensor4d(prep.data, [1, h, w, 3]);
  const t3 = performance.now();
  if (classArg !== null && classArg >= engine.labels.length) {
    input.dispose();
    bad(
      `--class ${classArg} is out of range: the model has classes 0..${engine.labels.length - 1}`,
    );
  }
  const result = await engine.analyze(input, {
    method,
    classes: classArg === null ? "top" : [classArg],
    topK: 5,
  });
  input.dispose();
  const map = result.maps[0];
  const peak = peakInOriginal(map.grid, map.width, map.height, prep.plan, decoded);
  const faith = args.flags.has("faithfulness")
    ? await faithfulness({
        input: prep.data,
        width: w,
        height: h,
        grid: map.grid,
        gridWidth: map.width,
        gridHeight: map.height,
        prob: classProb((x) => engine.predict(x), w, h, map.classIndex),
      })
    : null;
  const t4 = performance.now();

  if (v.out) {
    const img = decoded.image;
    const values = mapGridToImage(
      map.grid,
      map.width,
      map.height,
      prep.plan,
      img.width,
      img.height,
      "smooth",
    );
    const over = compositeOverlay(img, values, { colormap, opacity, threshold: 0 });
    await sharp(Buffer.from(over.data.buffer, over.data.byteOffset, over.data.byteLength), {
      raw: { width: over.width, height: over.height, channels: 4 },
    })
      .png()
      .toFile(v.out)
      .catch((e: unknown) => bad(`--out: cannot write ${v.out}: ${(e as Error).message}`));
  }
  const t5 = performance.now();
  const cls = {
    index: map.classIndex,
    label: engine.labels[map.classIndex],
    probability: result.probs[map.classIndex],
  };
  const round = (x: number) => Math.round(x * 100) / 100;
  const out = {
    model: {
      url: loaded.url,
      format: loaded.format,
      featureLayer: engine.info.feature.name,
      camPossible: engine.info.head !== null,
    },
    image: {
      width: decoded.originalWidth,
      height: decoded.originalHeight,
      format: decoded.header.format,
      orientation: decoded.header.orientation,
    },
    preprocess,
    resize,
    backend: backend.backend,
    top: result.top,
    class: cls,
    method,
    grid: {
      height: map.height,
      width: map.width,
      values: Array.from(map.grid, (x) => Math.round(x * 1e6) / 1e6),
    },
    peak,
    gradient: result.gradient,
    ...(faith
      ? {
          faithfulness: {
            deletion: faith.deletion,
            insertion: faith.insertion,
            deletionCurve: faith.deletionCurve,
            insertionCurve: faith.insertionCurve,
          },
        }
      : {}),
    ...(engine.labelNote ? { labelNote: engine.labelNote } : {}),
    timings: {
      loadMs: round(t1 - t0),
      decodeMs: round(t2 - t1),
      preprocessMs: round(t3 - t2),
      forwardMs: round(result.timings.forwardMs),
      mapMs: round(result.timings.mapMs),
      writeMs: round(t5 - t4),
      totalMs: round(t5 - t0),
    },
    ...(v.out ? { out: v.out } : {}),
  };
  engine.dispose();
  loaded.model.dispose();
  if (args.flags.has("json")) {
    process.stdout.write(JSON.stringify(out) + "\n");
    return;
  }
  const lines = [
    `model   ${loaded.url} (${loaded.format}; feature map ${engine.info.feature.name} ${engine.info.feature.shape.join("x")}; backend ${backend.backend})`,
    `image   ${v.image} ${decoded.originalWidth}x${decoded.originalHeight} ${decoded.header.format}`,
    "top-5",
    ...result.top.map(
      (t) => `  ${String(t.index).padStart(4)}  ${t.probability.toFixed(4)}  ${t.label}`,
    ),
    `${method} for class ${cls.index} (${cls.label}): peak at x=${peak.x}, y=${peak.y} in the original image`,
    ...Array.from(
      { length: map.height },
      (_, y) =>
        "  " +
        Array.from(map.grid.subarray(y * map.width, (y + 1) * map.width), (x) => x.toFixed(2)).join(
          " ",
        ),
    ),
    ...(faith
      ? [
          `faithfulness deletion AUC ${faith.deletion.toFixed(4)} (lower is better), insertion AUC ${faith.insertion.toFixed(4)} (higher is better)`,
        ]
      : []),
    ...(result.gradient?.fallback ? [`note    ${result.gradient.fallback}`] : []),
    ...(engine.labelNote ? [`note    ${engine.labelNote}`] : []),
    `timings load ${out.timings.loadMs} ms, forward ${out.timings.forwardMs} ms, map ${out.timings.mapMs} ms, total ${out.timings.totalMs} ms`,
    ...(v.out ? [`overlay written to ${v.out}`] : []),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    if (
      e instanceof InputError ||
      e instanceof UsageError ||
      e instanceof FileInputError ||
      e instanceof ImageError ||
      e instanceof ModelLoadError ||
      e instanceof HeadDetectError ||
      e instanceof CamError
    ) {
      process.stderr.write(`cam: ${e.message}\n`);
      process.exit(2);
    }
    // One line; the stack only on request (CAM_DEBUG=1).
    const detail = e instanceof Error ? (process.env.CAM_DEBUG ? e.stack : e.message) : String(e);
    process.stderr.write(`cam: unexpected failure: ${detail}\n`);
    process.exit(1);
  },
);
