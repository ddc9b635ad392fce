/**
 * Builds a real tf.LayersModel from a NetworkSpec (lib/arch/interpret.ts buildNetwork):
 * the same description the calculator counts, so parameters and shapes agree by
 * construction and the tests check they do. Works in Node, Web Workers and pages.
 */
import * as tf from "@tensorflow/tfjs";

import type { LayerSpec, NetworkSpec } from "../arch/types";
import { BASELINES } from "../arch/baselines";
import { applyLayer } from "./layers";

export interface BuildProgress {
  /** Layers built so far (input included). */
  readonly done: number;
  readonly total: number;
  /** Name of the layer just built. */
  readonly layer: string;
  /** Milliseconds since the build started. */
  readonly elapsedMs: number;
}

export interface BuildOptions {
  readonly onProgress?: (p: BuildProgress) => void;
  readonly signal?: AbortSignal;
  /**
   * Yield to the event loop at least this often (ms) so a worker can receive "cancel"
   * and progress reaches the page. Default 25.
   */
  readonly yieldEveryMs?: number;
  /**
   * Seeds every weight initialiser (each layer its own seed derived from this one), so the
   * same spec and seed build the same weights: the Lab's runs are repeatable. Without it,
   * tfjs draws from an unseeded generator.
   */
  readonly seed?: number;
}

export interface BuildResult {
  readonly model: tf.LayersModel;
  readonly buildMs: number;
}

/** Thrown when the AbortSignal fires; every weight created so far is already freed. */
export class BuildCancelledError extends Error {
  constructor() {
    super("build cancelled");
    this.name = "BuildCancelledError";
  }
}

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

function yieldToEventLoop(): Promise<void> {
  // setTimeout(0) lets queued messages (cancel) run; MessageChannel would starve timers.
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Frees the variables of layers that never became part of a model. */
function freeWeights(layers: readonly tf.layers.Layer[]): void {
  for (const layer of layers) for (const w of layer.weights) w.dispose();
}

function symbolicInputs(
  l: LayerSpec,
  tensors: ReadonlyMap<string, tf.SymbolicTensor>,
): tf.SymbolicTensor | tf.SymbolicTensor[] {
  const xs = l.inputs.map((n) => {
    const t = tensors.get(n);
    if (!t)
      throw new Error(
        `layer ${l.name}: input ${n} is not built yet (spec is not in topological order)`,
      );
    return t;
  });
  return xs.length === 1 ? xs[0]! : xs;
}

/**
 * Builds the functional model layer by layer. Weights are created (and initialised) as each
 * layer is applied, so progress is real work done. On abort, all weights made so far are
 * disposed and BuildCancelledError is thrown.
 */
export async function buildModel(spec: NetworkSpec, opts: BuildOptions = {}): Promise<BuildResult> {
  const { onProgress, signal } = opts;
  const yieldEvery = opts.yieldEveryMs ?? 25;
  const t0 = now();
  let lastYield = t0;
  const tensors = new Map<string, tf.SymbolicTensor>();
  const made: tf.layers.Layer[] = [];
  let input: tf.SymbolicTensor | null = null;
  let last: tf.SymbolicTensor | null = null;
  const total = spec.layers.length;
  const inits = BASELINES[spec.model].initializers;

  const abortIfNeeded = (): void => {
    if (signal?.aborted) {
      freeWeights(made);
      throw new BuildCancelledError();
    }
  };

  try {
    for (let i = 0; i < total; i++) {
      const l = spec.layers[i]!;
      if (l.op === "input") {
        input = tf.input({ shape: [...l.outShape], name: l.name });
        last = input;
      } else {
        const seed = opts.seed === undefined ? undefined : layerSeed(opts.seed, i);
        last = applyLayer(l, inits, symbolicInputs(l, tensors), made, seed);
      }
      tensors.set(l.name, last);
      const t = now();
      if (t - lastYield >= yieldEvery || i === total - 1) {
        onProgress?.({ done: i + 1, total, layer: l.name, elapsedMs: t - t0 });
        await yieldToEventLoop();
        lastYield = now();
        abortIfNeeded();
      }
    }
    abortIfNeeded();
    if (!input || !last) throw new Error("the network has no input layer");
    const model = tf.model({ inputs: input, outputs: last, name: modelName(spec) });
    return { model, buildMs: now() - t0 };
  } catch (e) {
    if (!(e instanceof BuildCancelledError)) freeWeights(made);
    throw e;
  }
}

/** A per-layer initialiser seed from the build seed and the layer's index. */
function layerSeed(seed: number, index: number): number {
  return ((seed >>> 0) * 1_000_003 + index * 7919 + 1) % 2_147_483_647;
}

/** Keras-style model name, e.g. "efficientnet_w1.1_d1.2_r260". */
export function modelName(spec: NetworkSpec): string {
  const r = (v: number): string => String(Number(v.toFixed(4)));
  return `${spec.model}_w${r(spec.width)}_d${r(spec.depth)}_r${spec.resolution}`;
}

/** Output shape of a built layer without the batch dimension (first output). */
export function layerOutShape(model: tf.LayersModel, name: string): number[] {
  const s = model.getLayer(name).outputShape;
  const first = (Array.isArray(s[0]) ? s[0] : s) as (number | null)[];
  return first.slice(1).map((v) => v ?? -1);
}
