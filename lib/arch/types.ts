/**
 * The network description every view reads. A baseline is a table of stages (data);
 * the interpreter expands it once into a `NetworkSpec` (every layer with its shapes);
 * the cost model, tables, diagram and tfjs builder all read that spec.
 */

export const MODEL_IDS = ["efficientnet", "mobilenetv1", "mobilenetv2", "resnet50"] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export type Activation = "swish" | "relu" | "relu6" | "sigmoid" | "softmax" | "linear";

/** The block families of the baselines (Keras's block functions). */
export type BlockKind = "mbconv" | "dwsep" | "bottleneck";

/** One row of a baseline's stage table (paper table 1 / Keras block arguments). */
export interface StageDef {
  /** Expansion ratio of an inverted-residual block (mbconv); 1 skips the expand conv. */
  readonly expand: number;
  readonly kernel: number;
  /** Stride of the stage's first block; later blocks use 1. */
  readonly stride: number;
  /** Output channels of the stage before width scaling. */
  readonly filters: number;
  /** Bottleneck width before scaling (ResNet "planes"); 0 where unused. */
  readonly mid: number;
  readonly repeats: number;
  /** Squeeze-and-excitation ratio relative to the block's input channels; 0 = none. */
  readonly se: number;
}

/** How a width coefficient turns a channel count into a scaled one. */
export type ChannelRule = "round8" | "floor";

export interface BaselineDef {
  readonly id: ModelId;
  readonly name: string;
  /** Source of the table, for the UI and the README. */
  readonly source: string;
  readonly resolution: number;
  readonly channelRule: ChannelRule;
  readonly block: BlockKind;
  readonly activation: Activation;
  readonly bnEpsilon: number;
  /** Stem conv (no bias) + BN + activation, then an optional max pool. */
  readonly stem: {
    readonly filters: number;
    readonly kernel: number;
    readonly stride: number;
    readonly maxPool: { readonly kernel: number; readonly stride: number } | null;
  };
  readonly stages: readonly StageDef[];
  /** Final 1x1 conv before pooling; null = none. `minWidthOne`: scaled with max(1, w). */
  readonly headConv: { readonly filters: number; readonly minWidthOne: boolean } | null;
  /** "dense": GAP -> dropout -> dense. "conv1x1": GAP -> reshape -> dropout -> 1x1 conv -> reshape (Keras MobileNet v1). */
  readonly classifier: "dense" | "conv1x1";
  /** Dropout before the classifier at width/depth 1 (0 = no dropout layer). */
  readonly dropout: number;
  /**
   * Official scaled variants (EfficientNet's B0..L2): coefficients, the resolution each was
   * trained at (the default; any other may be asked for) and dropout. `phi`: the compound
   * coefficient a variant nominally stands for. Absent = the baseline offers no presets.
   */
  readonly presets?: readonly {
    readonly id: string;
    readonly name: string;
    readonly width: number;
    readonly depth: number;
    readonly resolution: number;
    readonly dropout: number;
    readonly phi?: number;
  }[];
}

export type LayerOp =
  | "input"
  | "conv2d"
  | "depthwiseConv2d"
  | "batchNorm"
  | "activation"
  | "globalAvgPool"
  | "maxPool"
  | "reshape"
  | "multiply"
  | "add"
  | "dropout"
  | "dense";

/** One layer of a concrete network. Shapes are HWC (or [C] after pooling), batch omitted. */
export interface LayerSpec {
  readonly name: string;
  readonly op: LayerOp;
  /** Names of the layers that feed this one (graph edges). */
  readonly inputs: readonly string[];
  /** Index into NetworkSpec.stages. */
  readonly stage: number;
  /** Block index within the stage; -1 for layers outside a repeated block. */
  readonly block: number;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  /** conv / depthwise / pool kernel size (square); 0 where not applicable. */
  readonly kernel: number;
  readonly stride: number;
  /** Convolution groups (in_c for depthwise, 1 otherwise). */
  readonly groups: number;
  /** Output channels / units of conv and dense layers; 0 elsewhere. */
  readonly filters: number;
  readonly useBias: boolean;
  /** Activation of an "activation" layer, or fused into a dense/conv layer. */
  readonly activation: Activation;
  /** Dropout rate; BN epsilon. 0 where not applicable. */
  readonly rate: number;
  readonly epsilon: number;
}

/** A stage row in the form of the paper's table 1. */
export interface StageSpec {
  readonly index: number;
  /** e.g. "Conv3x3", "MBConv6, k5x5", "Bottleneck 1x1-3x3-1x1", "Conv1x1 & Pooling & FC". */
  readonly operator: string;
  readonly kind: "stem" | "blocks" | "head";
  /** Input resolution of the stage (H, W). */
  readonly inRes: readonly [number, number];
  readonly outRes: readonly [number, number];
  readonly inChannels: number;
  readonly outChannels: number;
  /** Number of blocks (layers in table 1's sense). */
  readonly repeats: number;
  readonly stride: number;
  readonly kernel: number;
  readonly expand: number;
}

export interface NetworkConfig {
  readonly model: ModelId;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly classes: number;
  /** Classifier dropout; defaults to the baseline's. */
  readonly dropout?: number;
}

export interface NetworkSpec {
  readonly model: ModelId;
  readonly name: string;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly classes: number;
  readonly dropout: number;
  readonly layers: readonly LayerSpec[];
  readonly stages: readonly StageSpec[];
}
