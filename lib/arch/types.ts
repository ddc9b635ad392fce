/**
 * The network description every view reads. A baseline is a table of stages (data);
 * the interpreter expands it once into a `NetworkSpec` (every layer with its shapes);
 * the cost model, tables, diagram and tfjs builder all read that spec.
 */
import type { Msg } from "../i18n/msg";

export const MODEL_IDS = [
  "efficientnet",
  "mobilenetv1",
  "mobilenetv2",
  "resnet50",
  "mobilenetv3large",
  "mobilenetv3small",
  "efficientnetv2s",
  "efficientnetv2m",
  "efficientnetv2l",
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export type Activation =
  "swish" | "relu" | "relu6" | "sigmoid" | "hardSwish" | "hardSigmoid" | "softmax" | "linear";

/**
 * The block families (Keras's block functions, timm's block classes). Each has one emitter
 * in lib/arch/blocks.ts; a stage row names its kind, so one net can mix them.
 */
export type BlockKind = "mbconv" | "fused-mbconv" | "dwsep" | "bottleneck";

/** One row of a baseline's stage table (paper table 1 / Keras block arguments). */
export interface StageDef {
  /** Block family of this stage; defaults to the baseline's `block`. */
  readonly block?: BlockKind;
  /** Expansion ratio of an inverted-residual block (mbconv); 1 skips the expand conv. */
  readonly expand: number;
  /**
   * Expanded channels before width scaling, as an absolute count (MobileNetV3's
   * `expanded_channels`, scaled on its own by the channel rule); 0 = `in * expand`.
   */
  readonly expandedFilters?: number;
  readonly kernel: number;
  /** Stride of the stage's first block; later blocks use 1. */
  readonly stride: number;
  /** Output channels of the stage before width scaling. */
  readonly filters: number;
  /** Bottleneck width before scaling (ResNet "planes"); 0 where unused. */
  readonly mid: number;
  readonly repeats: number;
  /** Squeeze-and-excitation ratio (of the channels the baseline's `se.of` names); 0 = none. */
  readonly se: number;
  /** Activation inside this stage's blocks; defaults to the baseline's `activation`. */
  readonly activation?: Activation;
}

/** How a width coefficient turns a channel count into a scaled one. */
export type ChannelRule = "round8" | "floor";

/** The squeeze-and-excitation rule of a baseline (its SE layers differ in three ways). */
export interface SeRule {
  /** The channels the stage's `se` ratio applies to: the block's input or its expanded count. */
  readonly of: "input" | "expanded";
  /**
   * "floor": max(1, floor(c * ratio)) (EfficientNet, V1 and V2);
   * "divisible8": _make_divisible(floor(c * ratio), 8) (torchvision MobileNetV3).
   */
  readonly rounding: "floor" | "divisible8";
  /** Activation after the reduce conv; "block" = the block's own activation. */
  readonly activation: Activation | "block";
  /** The gate after the expand conv. */
  readonly gate: "sigmoid" | "hardSigmoid";
}

/** Keras-style initialiser, as data (lib/tfjs/layers.ts turns it into a tfjs initialiser). */
export interface VarianceScalingInit {
  readonly scale: number;
  readonly mode: "fanIn" | "fanOut" | "fanAvg";
  readonly distribution: "normal" | "uniform" | "truncatedNormal";
}

/** Kernel initialisers of conv and dense layers; null = Keras's default (Glorot uniform). */
export interface Initializers {
  readonly conv: VarianceScalingInit | null;
  readonly dense: VarianceScalingInit | null;
}

/** Final 1x1 conv before pooling. */
export type HeadConvDef =
  /** round(filters x w) by the channel rule; `minWidthOne`: scaled with max(1, w). */
  | { readonly rule: "scaled"; readonly filters: number; readonly minWidthOne: boolean }
  /** `times` x the last stage's (scaled) output channels (torchvision MobileNetV3: 6x). */
  | { readonly rule: "lastTimes"; readonly times: number };

/** A dense layer between pooling and the classifier (MobileNetV3's 960 -> 1280). */
export interface HeadDenseDef {
  /** Units before width scaling (scaled by the channel rule, as torchvision's last_channel). */
  readonly units: number;
  readonly activation: Activation;
}

/** Where the paper publishes results of this baseline scaled (lib/paper). */
export interface PaperFacts {
  /** The table with its scaled rows: 3 (MobileNets, ResNet-50) or 7 (EfficientNet-B0). */
  readonly table: 3 | 7;
  /** Its compound-scaled relatives appear in table 2 by preset (EfficientNet B1..B7). */
  readonly table2Presets: boolean;
  /** Remarks shown under the table (e.g. rows that look swapped). */
  readonly notes: readonly string[];
}

/**
 * Snippet families: lib/tfjs/snippets.ts has one writer per family, fed with the names
 * and notes below; no snippet code reads a model id.
 */
export type SnippetFamily =
  "efficientnet" | "efficientnetv2" | "mobilenetv1" | "mobilenetv2" | "mobilenetv3" | "resnet";

/** A note beside an export snippet: its English text and its catalogue message. */
export interface ExportNote {
  readonly text: string;
  readonly msg: Msg;
}

export interface ExportNames {
  readonly family: SnippetFamily;
  /** keras.applications constructor at width = depth = 1 (e.g. "MobileNetV3Large"). */
  readonly keras: string;
  /** torchvision.models constructor (e.g. "mobilenet_v3_large"), or null if none. */
  readonly torchvision: string | null;
  /** torchvision's configuration name where it builds from one (e.g. "efficientnet_v2_s"). */
  readonly torchvisionConf: string | null;
  /** Where Keras's definition differs from this net (shown with the Keras snippet). */
  readonly kerasNotes: readonly ExportNote[];
  /**
   * Whether Keras's application adds an input Normalization layer (mean and variance per
   * channel plus a count: 2 * channels + 1 non-trainable weights; EfficientNet B0..B7).
   */
  readonly kerasInputNormalization: boolean;
}

/** Keras-style layer naming of a family (lib/arch/naming.ts registry). */
export type NamingStyle = "efficientnet" | "mobilenetv1" | "mobilenetv2" | "mobilenetv3" | "resnet";

export interface BaselineDef {
  readonly id: ModelId;
  readonly name: string;
  /** Source of the table, for the UI and the README. */
  readonly source: string;
  readonly resolution: number;
  readonly channelRule: ChannelRule;
  /** Default block kind of the stages (a stage row may name another). */
  readonly block: BlockKind;
  /** Activation of the stem, the head conv and (unless a stage says otherwise) the blocks. */
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
  /** Squeeze-and-excitation rule for stages with `se > 0`; null where no stage has SE. */
  readonly se: SeRule | null;
  /**
   * Stochastic depth ("drop_connect_rate") of residual blocks: block i of N drops with
   * rate * i / N (Keras and torchvision EfficientNet); 0 = none.
   */
  readonly dropConnect: number;
  /** Final 1x1 conv before pooling; null = none. */
  readonly headConv: HeadConvDef | null;
  /** Dense layer + activation after pooling, before dropout; null = none. */
  readonly headDense: HeadDenseDef | null;
  /** "dense": GAP -> dropout -> dense. "conv1x1": GAP -> reshape -> dropout -> 1x1 conv -> reshape (Keras MobileNet v1). */
  readonly classifier: "dense" | "conv1x1";
  /** Dropout before the classifier at width/depth 1 (0 = no dropout layer). */
  readonly dropout: number;
  readonly initializers: Initializers;
  readonly naming: NamingStyle;
  /** The paper's published rows for this baseline; null = the paper has none. */
  readonly paper: PaperFacts | null;
  readonly exports: ExportNames;
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
