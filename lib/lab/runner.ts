/**
 * Runs an experiment: for every planned run, builds the network from its NetworkSpec,
 * checks its parameter count against the calculator, trains it, measures test accuracy and
 * CAM scores, hands it to `saveModel`, and frees it. Events report progress with an ETA.
 * Used by the Web Worker (through LabSession), the CLI and the tests.
 */
import * as tf from "@tensorflow/tfjs";

import { buildModel } from "../tfjs/builder";
import { camEvaluate, runCam } from "./cam-scores";
import type { DataSource, DatasetInfo } from "./data-source";
import { CAM_GRID_IMAGES, CAM_SCORE_IMAGES } from "./defaults";
import {
  datasetSeed,
  planRuns,
  type ExperimentDef,
  type ExperimentPlan,
  type RunPlan,
} from "./experiment";
import { imageAt, type ImageSet } from "./images";
import { RECIPE, type Recipe } from "./recipe";
import type { CamImage, ExperimentResult, LabBackend, RunResult } from "./results";
import {
  accuracy,
  LabCancelledError,
  trainNetwork,
  type BatchProgress,
  type EpochPoint,
  type PauseGate,
} from "./train";

export type PlannedRun = Omit<RunPlan, "spec">;

export type LabEvent =
  | {
      readonly type: "plan";
      readonly runs: readonly PlannedRun[];
      readonly dataset: DatasetInfo;
      readonly recipe: Recipe;
      readonly targetMacs: number;
    }
  | {
      readonly type: "run-start";
      readonly runId: string;
      readonly index: number;
      readonly total: number;
    }
  | {
      readonly type: "batch";
      readonly runId: string;
      readonly progress: BatchProgress;
      readonly etaMs: number | null;
      readonly experimentShare: number;
    }
  | { readonly type: "epoch"; readonly runId: string; readonly point: EpochPoint }
  | { readonly type: "run-done"; readonly run: RunResult; readonly partial: ExperimentResult };

export interface SaveContext {
  readonly experimentId: string;
  readonly classes: readonly string[];
  /** The data it learned from: /cam draws that dataset's test images (lab/cam-images.ts). */
  readonly dataset: { readonly kind: "procedural" | "folder"; readonly seed: number };
  readonly run: PlannedRun;
  readonly testAccuracy: number;
}

export interface RunOptions {
  readonly def: ExperimentDef;
  readonly source: DataSource;
  readonly experimentId: string;
  readonly backend: LabBackend;
  readonly recipe?: Recipe;
  readonly signal?: AbortSignal;
  readonly gate?: PauseGate;
  readonly onEvent?: (e: LabEvent) => void;
  /**
   * Trains only these runs of the plan, in plan order (one worker's share when several train
   * at once, lib/lab/pool.ts); absent: every run. The plan event still lists them all.
   */
  readonly only?: readonly string[];
  /** Persists a trained model; returns its tf.loadLayersModel URL (or null). */
  readonly saveModel?: (model: tf.LayersModel, ctx: SaveContext) => Promise<string | null>;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Class names go with the weights so a loaded model can label its outputs. */
export function setLabMetadata(model: tf.LayersModel, ctx: SaveContext): void {
  model.setUserDefinedMetadata({
    labels: [...ctx.classes],
    lab: {
      experimentId: ctx.experimentId,
      runId: ctx.run.id,
      strategy: ctx.run.strategy,
      seed: ctx.run.seed,
      width: ctx.run.width,
      depth: ctx.run.depth,
      resolution: ctx.run.resolution,
      testAccuracy: ctx.testAccuracy,
      dataset: { kind: ctx.dataset.kind, seed: ctx.dataset.seed },
    },
  });
}

function camImages(test: ImageSet, n: number): CamImage[] {
  const out: CamImage[] = [];
  for (let i = 0; i < Math.min(n, test.count); i++) {
    const px = imageAt(test, i);
    const rgb = new Uint8Array(px.length);
    for (let k = 0; k < px.length; k++) rgb[k] = Math.round(Math.min(1, Math.max(0, px[k]!)) * 255);
    out.push({
      index: i,
      label: test.labels[i]!,
      resolution: test.resolution,
      rgb,
      boxes: test.boxes?.[i] ?? null,
    });
  }
  return out;
}

export function stripSpec(r: RunPlan): PlannedRun {
  const { spec: _spec, ...rest } = r;
  return rest;
}

/** The runs `only` names, in plan order; an id the plan lacks is an error. */
function runsToTrain(plan: ExperimentPlan, only: readonly string[] | undefined): RunPlan[] {
  if (!only) return [...plan.runs];
  for (const id of only) {
    if (!plan.runs.some((r) => r.id === id))
      throw new Error(`no run ${JSON.stringify(id)} in the plan`);
  }
  return plan.runs.filter((r) => only.includes(r.id));
}

/** Trains every run in order; a cancel throws LabCancelledError with every model freed. */
export async function runExperiment(o: RunOptions): Promise<ExperimentResult> {
  const recipe = o.recipe ?? RECIPE;
  const { def, source } = o;
  const t0 = now();
  const plan: ExperimentPlan = planRuns(def, source.classes.length);
  const dataset = await source.info(def.baseResolution);
  const planned = plan.runs.map(stripSpec);
  const todo = runsToTrain(plan, o.only);
  o.onEvent?.({ type: "plan", runs: planned, dataset, recipe, targetMacs: plan.targetMacs });
  const baseSplits = await source.splits(def.baseResolution);
  const images = camImages(baseSplits.test, CAM_GRID_IMAGES);
  const runs: RunResult[] = [];
  // Work units for the ETA: MACs x images seen, per run.
  const units = todo.map((r) => r.macs * def.epochs * def.trainImages);
  const totalUnits = units.reduce((s, u) => s + u, 0);
  let doneUnits = 0;
  let trainedMs = 0;
  const snapshot = (finished: boolean): ExperimentResult => ({
    id: o.experimentId,
    createdAt: new Date().toISOString(),
    finished,
    model: def.model,
    def,
    recipe,
    dataset,
    backend: o.backend,
    base: {
      width: plan.base.width,
      depth: plan.base.depth,
      resolution: plan.base.resolution,
      macs: plan.base.macs,
      trainableParams: plan.base.trainableParams,
    },
    targetMacs: plan.targetMacs,
    runs: [...runs],
    camImages: images,
    wallMs: now() - t0,
  });

  for (let i = 0; i < todo.length; i++) {
    const run = todo[i]!;
    if (o.signal?.aborted) throw new LabCancelledError();
    o.onEvent?.({ type: "run-start", runId: run.id, index: i, total: todo.length });
    const splits = await source.splits(run.resolution);
    const before = tf.memory().numTensors;
    // Seeded initial weights (and, in trainNetwork, seeded order, augmentation and dropout):
    // the same experiment gives the same numbers.
    const { model } = await buildModel(run.spec, {
      seed: run.seed,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    try {
      // The network trained is the one the calculator counted, to the parameter.
      if (model.countParams() !== run.totalParams) {
        throw new Error(
          `${run.id}: the built model has ${model.countParams()} parameters, the calculator says ${run.totalParams}`,
        );
      }
      const runStart = now();
      const unitsBefore = doneUnits;
      const curve = await trainNetwork(model, splits.train, splits.val, {
        recipe,
        epochs: def.epochs,
        batch: def.batch,
        seed: run.seed,
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.gate ? { gate: o.gate } : {}),
        onBatch: (p) => {
          const runUnits = units[i]! * (p.step / p.totalSteps);
          const done = unitsBefore + runUnits;
          const spent = trainedMs + p.elapsedMs;
          const etaMs = done > 0 ? (spent / done) * (totalUnits - done) : null;
          o.onEvent?.({
            type: "batch",
            runId: run.id,
            progress: p,
            etaMs,
            experimentShare: done / totalUnits,
          });
        },
        onEpoch: (point) => o.onEvent?.({ type: "epoch", runId: run.id, point }),
      });
      const trainMs = now() - runStart;
      trainedMs += trainMs;
      doneUnits += units[i]!;
      const testAccuracy = await accuracy(model, splits.test, def.batch);
      const cam = await camEvaluate(
        model,
        splits.test,
        splits.test.boxes ? CAM_SCORE_IMAGES : 0,
        CAM_GRID_IMAGES,
      );
      const pr = stripSpec(run);
      const modelUrl = o.saveModel
        ? await o.saveModel(model, {
            experimentId: o.experimentId,
            classes: source.classes,
            dataset: { kind: source.kind, seed: datasetSeed(def) },
            run: pr,
            testAccuracy,
          })
        : null;
      const result: RunResult = {
        id: run.id,
        strategy: run.strategy,
        seed: run.seed,
        width: run.width,
        depth: run.depth,
        resolution: run.resolution,
        macs: run.macs,
        trainableParams: run.trainableParams,
        totalParams: run.totalParams,
        epochs: def.epochs,
        trainMs,
        curve,
        testAccuracy,
        cam: runCam(cam.scores),
        camSamples: cam.samples,
        modelUrl,
      };
      runs.push(result);
      o.onEvent?.({ type: "run-done", run: result, partial: snapshot(false) });
    } finally {
      model.dispose();
    }
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) throw new Error(`${run.id}: ${leaked} tensors were left after the run`);
  }
  return snapshot(true);
}
