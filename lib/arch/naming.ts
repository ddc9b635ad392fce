import type { NamingStyle } from "./types";

/**
 * Layer names in the style of Keras applications, so a built model reads familiarly.
 * `part` is a role within a block ("expand_conv", "dwconv", "project_bn", ...).
 */
export interface NamingScheme {
  stem(part: "conv" | "bn" | "act" | "pool"): string;
  /** stage: 0-based block stage; index: block index in stage; global: block index in net. */
  block(stage: number, index: number, global: number, part: BlockPart): string;
  head(
    part:
      | "conv"
      | "bn"
      | "act"
      | "pool"
      | "dense"
      | "reshape"
      | "dropout"
      | "classifier"
      | "reshape_out"
      | "softmax",
  ): string;
}

export type BlockPart =
  | "expand_conv"
  | "expand_bn"
  | "expand_act"
  | "dwconv"
  | "dw_bn"
  | "dw_act"
  | "se_squeeze"
  | "se_reshape"
  | "se_reduce"
  | "se_expand"
  | "se_excite"
  | "project_conv"
  | "project_bn"
  | "project_act"
  | "pw_conv"
  | "pw_bn"
  | "pw_act"
  | "conv1"
  | "bn1"
  | "act1"
  | "conv2"
  | "bn2"
  | "act2"
  | "conv3"
  | "bn3"
  | "shortcut_conv"
  | "shortcut_bn"
  | "drop"
  | "add"
  | "out";

/** a, b, ..., z, aa, ab, ... (Keras uses chr(97 + j), which breaks past 26 repeats). */
export function blockLetter(index: number): string {
  let s = "";
  let i = index;
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

const EFFICIENTNET_PARTS: Partial<Record<BlockPart, string>> = {
  expand_conv: "expand_conv",
  expand_bn: "expand_bn",
  expand_act: "expand_activation",
  dwconv: "dwconv",
  dw_bn: "bn",
  dw_act: "activation",
  se_squeeze: "se_squeeze",
  se_reshape: "se_reshape",
  se_reduce: "se_reduce",
  se_expand: "se_expand",
  se_excite: "se_excite",
  project_conv: "project_conv",
  project_bn: "project_bn",
  project_act: "project_activation",
  drop: "drop",
  add: "add",
};

const efficientnet: NamingScheme = {
  stem: (p) => ({ conv: "stem_conv", bn: "stem_bn", act: "stem_activation", pool: "stem_pool" })[p],
  block: (s, i, _g, p) => `block${s + 1}${blockLetter(i)}_${EFFICIENTNET_PARTS[p] ?? p}`,
  head: (p) =>
    ({
      conv: "top_conv",
      bn: "top_bn",
      act: "top_activation",
      pool: "avg_pool",
      dense: "top_dense",
      reshape: "top_reshape",
      dropout: "top_dropout",
      classifier: "predictions",
      reshape_out: "predictions_reshape",
      softmax: "predictions_softmax",
    })[p],
};

const MOBILENETV1_PARTS: Partial<Record<BlockPart, string>> = {
  dwconv: "conv_dw_#",
  dw_bn: "conv_dw_#_bn",
  dw_act: "conv_dw_#_relu",
  pw_conv: "conv_pw_#",
  pw_bn: "conv_pw_#_bn",
  pw_act: "conv_pw_#_relu",
};

const mobilenetv1: NamingScheme = {
  stem: (p) => ({ conv: "conv1", bn: "conv1_bn", act: "conv1_relu", pool: "conv1_pool" })[p],
  block: (_s, _i, g, p) => (MOBILENETV1_PARTS[p] ?? `block_#_${p}`).replace("#", String(g + 1)),
  head: (p) =>
    ({
      conv: "conv_top",
      bn: "conv_top_bn",
      act: "conv_top_relu",
      pool: "global_average_pooling2d",
      dense: "dense_top",
      reshape: "reshape_1",
      dropout: "dropout",
      classifier: "conv_preds",
      reshape_out: "reshape_2",
      softmax: "predictions",
    })[p],
};

const MOBILENETV2_PARTS: Partial<Record<BlockPart, string>> = {
  expand_conv: "expand",
  expand_bn: "expand_BN",
  expand_act: "expand_relu",
  dwconv: "depthwise",
  dw_bn: "depthwise_BN",
  dw_act: "depthwise_relu",
  project_conv: "project",
  project_bn: "project_BN",
  add: "add",
};

const mobilenetv2: NamingScheme = {
  stem: (p) => ({ conv: "Conv1", bn: "bn_Conv1", act: "Conv1_relu", pool: "Conv1_pool" })[p],
  block: (_s, _i, g, p) =>
    `${g === 0 ? "expanded_conv" : `block_${g}`}_${MOBILENETV2_PARTS[p] ?? p}`,
  head: (p) =>
    ({
      conv: "Conv_1",
      bn: "Conv_1_bn",
      act: "out_relu",
      pool: "global_average_pooling2d",
      dense: "dense_top",
      reshape: "top_reshape",
      dropout: "dropout",
      classifier: "predictions",
      reshape_out: "predictions_reshape",
      softmax: "predictions_softmax",
    })[p],
};

const RESNET_PARTS: Partial<Record<BlockPart, string>> = {
  conv1: "1_conv",
  bn1: "1_bn",
  act1: "1_relu",
  conv2: "2_conv",
  bn2: "2_bn",
  act2: "2_relu",
  conv3: "3_conv",
  bn3: "3_bn",
  shortcut_conv: "0_conv",
  shortcut_bn: "0_bn",
  add: "add",
  out: "out",
};

const resnet: NamingScheme = {
  stem: (p) => ({ conv: "conv1_conv", bn: "conv1_bn", act: "conv1_relu", pool: "pool1_pool" })[p],
  block: (s, i, _g, p) => `conv${s + 2}_block${i + 1}_${RESNET_PARTS[p] ?? p}`,
  head: (p) =>
    ({
      conv: "top_conv",
      bn: "top_bn",
      act: "top_relu",
      pool: "avg_pool",
      dense: "top_dense",
      reshape: "top_reshape",
      dropout: "top_dropout",
      classifier: "predictions",
      reshape_out: "predictions_reshape",
      softmax: "predictions_softmax",
    })[p],
};

const MOBILENETV3_PARTS: Partial<Record<BlockPart, string>> = {
  expand_conv: "expand",
  expand_bn: "expand_bn",
  expand_act: "expand_act",
  dwconv: "depthwise",
  dw_bn: "depthwise_bn",
  dw_act: "depthwise_act",
  se_squeeze: "squeeze_excite_avg_pool",
  se_reshape: "squeeze_excite_reshape",
  se_reduce: "squeeze_excite_conv",
  se_expand: "squeeze_excite_conv_1",
  se_excite: "squeeze_excite_mul",
  project_conv: "project",
  project_bn: "project_bn",
  add: "add",
};

/** Keras mobilenet_v3.py names ("expanded_conv_3/expand"), with "_" for Keras's "/". */
const mobilenetv3: NamingScheme = {
  stem: (p) => ({ conv: "conv", bn: "conv_bn", act: "conv_act", pool: "conv_pool" })[p],
  block: (_s, _i, g, p) =>
    `${g === 0 ? "expanded_conv" : `expanded_conv_${g}`}_${MOBILENETV3_PARTS[p] ?? p}`,
  head: (p) =>
    ({
      conv: "conv_1",
      bn: "conv_1_bn",
      act: "conv_1_act",
      pool: "global_average_pooling2d",
      dense: "conv_2",
      reshape: "top_reshape",
      dropout: "dropout",
      classifier: "logits",
      reshape_out: "predictions_reshape",
      softmax: "predictions",
    })[p],
};

/** Naming schemes by style (BaselineDef.naming). */
export const NAMING: Readonly<Record<NamingStyle, NamingScheme>> = {
  efficientnet,
  mobilenetv1,
  mobilenetv2,
  mobilenetv3,
  resnet,
};
