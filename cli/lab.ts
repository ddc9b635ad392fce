/**
 * `npm run -s lab -- [options]`: trains the Lab's experiment in Node (tfjs on wasm or cpu) and
 * prints the results (a table, or one JSON object with --json). Thin: everything is lib/lab.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

import { MODEL_IDS } from "../lib/arch/types";
import { labBackend } from "../lib/lab/backend-detail";
import { LAB_DEFAULTS } from "../lib/lab/defaults";
import type { LabEvent } from "../lib/lab/runner";
import { ConfigError } from "../lib/scaling/request";
import { parseArgs, UsageError } from "./args";

const VALUE_OPTIONS = [
  "model",
  "base-width",
  "base-depth",
  "base-resolution",
  "budget",
  "strategies",
  "epochs",
  "batch",
  "train-images",
  "test-images",
  "seeds",
  "seed",
  "data-seed",
  "backend",
  "data",
  "save",
  "workers",
] as const;
const FLAGS = ["dataset-only", "json", "help"] as const;

const HELP = `npm run -s lab -- [options]
  --model ID                                              baseline (default efficientnet): one of
      ${MODEL_IDS.join(", ")}
  --base-width W --base-depth D --base-resolution R       the base network (default ${LAB_DEFAULTS.baseWidth} / ${LAB_DEFAULTS.baseDepth} / ${LAB_DEFAULTS.baseResolution})
  --budget 2x|<MACs>                                      scaled runs' cost (default ${LAB_DEFAULTS.budgetFactor}x the base)
  --strategies base,depth,width,resolution,compound      which runs (default these five); also the
      ablations no-depth, no-width, no-resolution (compound with that dimension kept at the base)
  --epochs N --batch N                                    training (default ${LAB_DEFAULTS.epochs}, ${LAB_DEFAULTS.batch})
  --train-images N --test-images N                        procedural split sizes (default ${LAB_DEFAULTS.trainImages}, ${LAB_DEFAULTS.testImages})
  --seeds K --seed S                                      K seeds per strategy from S (default 1, ${LAB_DEFAULTS.seed})
  --data-seed S                                           the dataset's seed (default: the first seed), so
      seeds can be added later on the same data: --seed 4 --seeds 3 --data-seed 1
  --backend wasm|cpu                                      tfjs backend (default wasm)
  --workers N                                             train N runs at once, one worker thread
      each (default 1; the same results, run by run)
  --data DIR                                              your images: one subfolder per class
  --save DIR                                              write each trained model (tfjs) + results.json
  --dataset-only                                          print the dataset description only
  --json                                                  one JSON object on stdout
`;

const KEY: Record<string, string> = {
  "base-width": "baseWidth",
  "base-depth": "baseDepth",
  "base-resolution": "baseResolution",
  "train-images": "trainImages",
  "test-images": "testImages",
  "data-seed": "dataSeed",
};

async function listFiles(dir: string): Promise<{ path: string; bytes: Uint8Array }[]> {
  const out: { path: string; bytes: Uint8Array }[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile())
        out.push({ path: relative(dir, p), bytes: new Uint8Array(await readFile(p)) });
    }
  };
  await walk(dir);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

async function main(argv: string[]): Promise<number> {
  const { values, flags } = parseArgs(argv, VALUE_OPTIONS, FLAGS);
  if (flags.has("help")) {
    process.stdout.write(HELP);
    return 0;
  }
  const { parseExperiment } = await import("../lib/lab/experiment");
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (["backend", "data", "save", "workers"].includes(k)) continue;
    raw[KEY[k] ?? k] = v;
  }
  const def = parseExperiment(raw);
  const backend = values.backend ?? "wasm";
  if (backend !== "wasm" && backend !== "cpu") {
    throw new UsageError(
      `--backend: unknown backend ${JSON.stringify(backend)}; allowed in Node: wasm, cpu`,
    );
  }
  if (
    values.data !== undefined &&
    (values["train-images"] !== undefined || values["test-images"] !== undefined)
  ) {
    throw new UsageError(
      "--train-images/--test-images do not apply to --data (a folder is split 70/10/20)",
    );
  }
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) {
    throw new UsageError(
      `--workers: expected a whole number from 1 to 16, got ${JSON.stringify(values.workers)}`,
    );
  }
  let files: { path: string; bytes: Uint8Array }[] | null = null;
  if (values.data !== undefined) {
    try {
      files = await listFiles(values.data);
    } catch (e) {
      throw new UsageError(
        `--data: cannot read ${JSON.stringify(values.data)} (${(e as Error).message})`,
      );
    }
  }
  const tf = await import("@tensorflow/tfjs");
  tf.enableProdMode();
  const { folderSource, proceduralSource } = await import("../lib/lab/data-source");
  let source;
  try {
    const { decodeImageNode } = await import("../lib/image/decode-node");
    source = files ? await folderSource(files, def, decodeImageNode) : proceduralSource(def);
  } catch (e) {
    throw new UsageError(`--data: ${(e as Error).message}`);
  }
  if (flags.has("dataset-only")) {
    const info = await source.info(def.baseResolution);
    if (flags.has("json")) process.stdout.write(JSON.stringify(info) + "\n");
    else {
      process.stdout.write(
        `${info.kind} dataset: ${info.classes.length} classes (${info.classes.join(", ")}), ${info.trainImages} train / ${info.testImages} test images, seed ${info.seed}\nsha256 ${info.sha256}\n`,
      );
      for (const s of info.skipped ?? []) process.stdout.write(`skipped: ${s}\n`);
    }
    return 0;
  }
  const { selectTrainingBackend } = await import("../lib/lab/backend");
  const choice = await selectTrainingBackend(backend);
  if (choice.backend !== backend) {
    const why = choice.checks.find((c) => c.name === backend)?.reason ?? "unavailable";
    throw new UsageError(`--backend: ${backend} cannot train here (${why})`);
  }
  const { runExperiment } = await import("../lib/lab/runner");
  const { saveModelTo } = await import("./lab-save");
  const { camChanceLevel, resultToJSON, summarize } = await import("../lib/lab/results");
  const save = values.save;
  if (save !== undefined) {
    try {
      await mkdir(save, { recursive: true });
    } catch (e) {
      throw new UsageError(
        `--save: cannot create ${JSON.stringify(save)} (${(e as Error).message})`,
      );
    }
  }
  const json = flags.has("json");
  let saving: Promise<void> = Promise.resolve();
  const experimentId = `cli-${Date.now().toString(36)}`;
  const onEvent = (e: LabEvent): void => {
    // With --save, results.json is rewritten after every run: a long experiment that is
    // stopped keeps the runs it finished.
    if (e.type === "run-done" && save !== undefined) {
      const text = JSON.stringify(resultToJSON(e.partial), null, 2) + "\n";
      saving = saving.then(() => writeFile(join(save, "results.json"), text));
    }
    if (json) return;
    if (e.type === "run-done")
      process.stderr.write(
        `  ${e.run.id}: test ${pct(e.run.testAccuracy)}${e.run.cam ? `, pointing ${pct(e.run.cam.pointingGame)}, energy ${pct(e.run.cam.energyInBox)}` : ""}\n`,
      );
    if (e.type === "run-start") process.stderr.write(`run ${e.index + 1}/${e.total}: ${e.runId}\n`);
    if (e.type === "epoch")
      process.stderr.write(
        `  ${workers > 1 ? `${e.runId} ` : ""}epoch ${e.point.epoch}: loss ${e.point.loss.toFixed(3)}, val ${pct(e.point.valAccuracy)}\n`,
      );
  };
  let result;
  if (workers > 1) {
    const { runInWorkers } = await import("./lab-parallel");
    result = await runInWorkers(
      {
        type: "start",
        id: 1,
        experimentId,
        def,
        prefer: backend,
        ...(files ? { folder: files } : {}),
      },
      { workers, onEvent, ...(save !== undefined ? { save } : {}) },
    );
  } else {
    result = await runExperiment({
      def,
      source,
      experimentId,
      backend: labBackend(choice),
      onEvent,
      ...(save !== undefined ? { saveModel: saveModelTo(save) } : {}),
    });
  }
  const out = resultToJSON(result);
  await saving;
  if (save !== undefined)
    await writeFile(join(save, "results.json"), JSON.stringify(out, null, 2) + "\n");
  if (json) {
    process.stdout.write(JSON.stringify(out) + "\n");
    return 0;
  }
  const lines = [
    `${result.model} base w=${result.base.width} d=${result.base.depth} r=${result.base.resolution} (${result.base.macs} MACs), ${result.dataset.kind} dataset ${result.dataset.classes.length} classes, backend ${result.backend.detail}`,
    "strategy    seed  width   depth   res   MACs        params    train s  test acc  pointing  energy",
  ];
  for (const r of result.runs) {
    lines.push(
      [
        r.strategy.padEnd(11),
        String(r.seed).padEnd(5),
        r.width.toFixed(3).padEnd(7),
        r.depth.toFixed(3).padEnd(7),
        String(r.resolution).padEnd(5),
        String(r.macs).padEnd(11),
        String(r.trainableParams).padEnd(9),
        (r.trainMs / 1000).toFixed(1).padEnd(8),
        pct(r.testAccuracy).padEnd(9),
        (r.cam ? pct(r.cam.pointingGame) : "-").padEnd(9),
        r.cam ? pct(r.cam.energyInBox) : "-",
      ].join(" "),
    );
  }
  lines.push("summary:");
  for (const s of summarize(result.runs)) {
    lines.push(
      `  ${s.strategy.padEnd(11)} ${pct(s.testAccuracyMean)} ± ${pct(s.testAccuracyStd)} (n=${s.n})`,
    );
  }
  const chance = camChanceLevel(result.runs);
  if (chance)
    lines.push(
      `CAM chance level (a map that ignores the image, mean over scored runs): pointing ${pct(chance.pointing)}, energy ${pct(chance.energy)}` +
        (chance.pointingFixed !== null && chance.energyCentre !== null
          ? `; a fixed map: best fixed cell ${pct(chance.pointingFixed)}, centre-weighted energy ${pct(chance.energyCentre)}`
          : ""),
    );
  lines.push(`wall time ${(result.wallMs / 1000).toFixed(1)} s`);
  process.stdout.write(lines.join("\n") + "\n");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof ConfigError) {
      const m = e instanceof ConfigError ? `--${e.message}` : e.message;
      process.stderr.write(`lab: ${m}\n`);
      process.exit(2);
    }
    process.stderr.write(`lab: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
