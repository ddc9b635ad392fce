/**
 * Counting conventions: what each tool calls "parameters" and "operations" for the same
 * network, as data (one entry per convention, each rule next to its source). Totals and
 * per-layer counts under a convention are read off the calculator's layer rows; nothing
 * here names a model.
 */
import type { BaselineDef, LayerOp } from "../arch/types";
import type { Analysis, LayerRow } from "./analyze";

export const CONVENTION_IDS = ["paper", "torchvision", "keras", "fvcore"] as const;
export type ConventionId = (typeof CONVENTION_IDS)[number];

/** Operations one layer counts for, given its row (shapes are HWC, batch 1). */
type OpRule = (row: LayerRow) => number;

const elements = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
/** Convolutions and dense layers: out_h*out_w*out_c*(in_c/groups)*k*k, in*out (no bias). */
const macs: OpRule = (r) => r.macs;

export interface Convention {
  readonly id: ConventionId;
  readonly label: string;
  /** What the tool prints and where its numbers come from. */
  readonly tool: string;
  readonly params: {
    /** BatchNorm moving mean and variance (2 per channel) count as parameters. */
    readonly bnStatistics: boolean;
    /** Keras's EfficientNet applications put a Normalization layer on the input: mean and variance per channel plus a count (7 for RGB). */
    readonly inputNormalization: boolean;
  };
  /** Operations per layer kind (absent = not counted), and the unit they are printed in. */
  readonly ops: Partial<Record<LayerOp, OpRule>>;
  readonly opUnit: "MACs" | "FLOPs";
  /** Decimals the tool prints its headline numbers with (G for ops, M for params). */
  readonly printed: string;
}

const PAPER_OPS: Partial<Record<LayerOp, OpRule>> = {
  conv2d: macs,
  depthwiseConv2d: macs,
  dense: macs,
};

export const CONVENTIONS: Readonly<Record<ConventionId, Convention>> = {
  // Tan & Le 2019, table 2: "#Params" are trainable weights, "#FLOPS" are multiply-adds of
  // convolutions and dense layers (B0: 5.3M, 0.39B).
  paper: {
    id: "paper",
    label: "Paper (Tan & Le 2019)",
    tool: "EfficientNet paper, table 2: #Params, #FLOPS (multiply-adds)",
    params: { bnStatistics: false, inputNormalization: false },
    ops: PAPER_OPS,
    opUnit: "MACs",
    printed: "params 0.1M, ops 0.01B",
  },
  // torchvision weights metadata (torchvision/models/*.py): "num_params" = sum of
  // p.numel() over model.parameters() (BN running stats are buffers, not parameters);
  // "_ops" is labelled GFLOPS but is conv + linear multiply-adds at the weights' crop size
  // (efficientnet_b2: 1.088 at 288 px, resnet50: 4.089).
  torchvision: {
    id: "torchvision",
    label: "torchvision (num_params, _ops)",
    tool: "torchvision weights meta: num_params (exact), _ops in G (3 decimals)",
    params: { bnStatistics: false, inputNormalization: false },
    ops: PAPER_OPS,
    opUnit: "MACs",
    printed: "params exact, ops 0.001G",
  },
  // Keras model.count_params() / model.summary() "Total params": every weight, BN moving
  // mean and variance included; keras.applications.EfficientNetB0..B7 also carry a
  // Normalization layer on the input (3 means + 3 variances + 1 count = 7). Keras prints no
  // operation count; ops are the paper's.
  keras: {
    id: "keras",
    label: "Keras (count_params)",
    tool: "Keras model.count_params() / model.summary() Total params; applications table in M (1 decimal)",
    params: { bnStatistics: true, inputNormalization: true },
    ops: PAPER_OPS,
    opUnit: "MACs",
    printed: "params exact",
  },
  // fvcore FlopCountAnalysis default handles (fvcore/nn/flop_count.py _DEFAULT_SUPPORTED_OPS,
  // jit_handles.py), one fused multiply-add = one flop: aten::_convolution and
  // aten::linear/addmm = MACs without bias; aten::batch_norm in eval = 2 per input element
  // (affine); aten::adaptive_avg_pool2d = 1 per input element. Not counted (no handle, skipped
  // as unsupported): activations (relu, silu, sigmoid, hardswish), max_pool2d, the SE
  // multiply, residual adds, dropout. fvcore.nn.parameter_count counts parameters only
  // (no buffers). timm's model cards print these as "GMACs" (efficientnet_b0: 0.4).
  fvcore: {
    id: "fvcore",
    label: "fvcore / timm (GMACs)",
    tool: "fvcore FlopCountAnalysis.total() (timm model cards: GMACs, 1 decimal)",
    params: { bnStatistics: false, inputNormalization: false },
    ops: {
      ...PAPER_OPS,
      batchNorm: (r) => 2 * elements(r.inShape),
      globalAvgPool: (r) => elements(r.inShape),
    },
    opUnit: "MACs",
    printed: "ops 0.1G",
  },
};

export function isConventionId(s: string): s is ConventionId {
  return (CONVENTION_IDS as readonly string[]).includes(s);
}

export interface ConventionLayer {
  readonly params: number;
  readonly ops: number;
}

/** One layer's parameters and operations under a convention. */
export function countLayer(c: Convention, row: LayerRow): ConventionLayer {
  const params = row.trainableParams + (c.params.bnStatistics ? row.nonTrainableParams : 0);
  return { params, ops: c.ops[row.op]?.(row) ?? 0 };
}

export interface ConventionTotals {
  readonly convention: ConventionId;
  readonly params: number;
  /** In the convention's unit (MACs for all four today). */
  readonly ops: number;
  readonly opUnit: "MACs" | "FLOPs";
  /** Parameters outside the layer table (Keras's input Normalization). */
  readonly extraParams: number;
}

export function countTotals(c: Convention, a: Analysis, baseline: BaselineDef): ConventionTotals {
  let params = 0;
  let ops = 0;
  for (const row of a.layers) {
    const l = countLayer(c, row);
    params += l.params;
    ops += l.ops;
  }
  const channels = a.spec.layers[0]?.outShape.at(-1) ?? 3;
  const extraParams =
    c.params.inputNormalization && baseline.exports.kerasInputNormalization ? 2 * channels + 1 : 0;
  return { convention: c.id, params: params + extraParams, ops, opUnit: c.opUnit, extraParams };
}
