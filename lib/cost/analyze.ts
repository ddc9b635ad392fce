import type { LayerSpec, NetworkSpec, StageSpec } from "../arch/types";
import { layerCost, type LayerCost } from "./layer";
import { peakActivationElements } from "./memory";

/** One row of the per-layer table: the layer's identity and shapes with its cost. */
export interface LayerRow
  extends
    Pick<
      LayerSpec,
      "name" | "op" | "stage" | "block" | "kernel" | "stride" | "groups" | "inShape" | "outShape"
    >,
    LayerCost {}

/** A stage row (paper table 1 form) with its share of the cost. */
export interface StageRow extends StageSpec {
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly macs: number;
}

export interface Totals {
  readonly trainableParams: number;
  /** BatchNorm moving statistics. */
  readonly nonTrainableParams: number;
  readonly totalParams: number;
  /** Multiply-accumulates at batch 1: the paper's "FLOPS". */
  readonly macs: number;
  /** 2 x MACs. */
  readonly flops: number;
  /** All parameters (trainable + BN statistics) at 4, 2 and 1 byte each. */
  readonly weightBytes: { readonly fp32: number; readonly fp16: number; readonly int8: number };
  /** Peak live activations at batch 1 (see cost/memory.ts), elements and fp32 bytes. */
  readonly peakActivationElements: number;
  readonly peakActivationBytes: number;
  /** The layer whose output makes the peak. */
  readonly peakActivationLayer: string;
  readonly layerCount: number;
  readonly blockCount: number;
}

export interface Analysis {
  readonly spec: NetworkSpec;
  readonly layers: readonly LayerRow[];
  readonly stages: readonly StageRow[];
  readonly totals: Totals;
}

export class CountOverflowError extends Error {
  constructor(what: string, value: number) {
    super(
      `${what} would be ${value.toExponential(3)}, past 2^53, where counts stop being exact; choose a smaller configuration`,
    );
    this.name = "CountOverflowError";
  }
}

/** Costs every layer, sums stages and totals. Exact integers or a CountOverflowError. */
export function analyze(spec: NetworkSpec): Analysis {
  const n = spec.layers.length;
  const rows: LayerRow[] = new Array<LayerRow>(n);
  const sizes: number[] = new Array<number>(n);
  const stageT = new Float64Array(spec.stages.length);
  const stageN = new Float64Array(spec.stages.length);
  const stageM = new Float64Array(spec.stages.length);
  let trainable = 0;
  let nonTrainable = 0;
  let macs = 0;
  for (let i = 0; i < n; i++) {
    const l = spec.layers[i]!;
    const c = layerCost(l);
    rows[i] = {
      name: l.name,
      op: l.op,
      stage: l.stage,
      block: l.block,
      kernel: l.kernel,
      stride: l.stride,
      groups: l.groups,
      inShape: l.inShape,
      outShape: l.outShape,
      trainableParams: c.trainableParams,
      nonTrainableParams: c.nonTrainableParams,
      macs: c.macs,
      activationSize: c.activationSize,
    };
    sizes[i] = c.activationSize;
    trainable += c.trainableParams;
    nonTrainable += c.nonTrainableParams;
    macs += c.macs;
    stageT[l.stage] += c.trainableParams;
    stageN[l.stage] += c.nonTrainableParams;
    stageM[l.stage] += c.macs;
  }
  // All terms are non-negative integers, so a total within 2^53 means every sum was exact.
  if (!Number.isSafeInteger(macs * 2)) throw new CountOverflowError("FLOPs (2 x MACs)", macs * 2);
  if (!Number.isSafeInteger((trainable + nonTrainable) * 4)) {
    throw new CountOverflowError("fp32 weight bytes", (trainable + nonTrainable) * 4);
  }
  const peak = peakActivationElements(spec.layers, sizes);
  if (!Number.isSafeInteger(peak.peak * 4)) {
    throw new CountOverflowError("peak activation bytes", peak.peak * 4);
  }
  const total = trainable + nonTrainable;
  const stages: StageRow[] = spec.stages.map((s, i) => ({
    ...s,
    trainableParams: stageT[i]!,
    nonTrainableParams: stageN[i]!,
    macs: stageM[i]!,
  }));
  return {
    spec,
    layers: rows,
    stages,
    totals: {
      trainableParams: trainable,
      nonTrainableParams: nonTrainable,
      totalParams: total,
      macs,
      flops: 2 * macs,
      weightBytes: { fp32: 4 * total, fp16: 2 * total, int8: total },
      peakActivationElements: peak.peak,
      peakActivationBytes: 4 * peak.peak,
      peakActivationLayer: spec.layers[peak.atLayer]?.name ?? "",
      layerCount: n,
      blockCount: spec.stages.reduce((a, s) => a + (s.kind === "blocks" ? s.repeats : 0), 0),
    },
  };
}
