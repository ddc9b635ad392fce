import { exportNote } from "./export-note";
import type { BaselineDef, Initializers, ModelId, SeRule, StageDef } from "./types";

/** Compact stage row constructor: keeps the tables as readable as the paper's. */
function stage(s: Partial<StageDef> & Pick<StageDef, "filters" | "repeats" | "stride">): StageDef {
  return { expand: 1, kernel: 3, mid: 0, se: 0, ...s };
}

/** Keras's default (Glorot uniform) for every kernel. */
const KERAS_DEFAULT_INIT: Initializers = { conv: null, dense: null };

/** Keras applications efficientnet.py CONV_KERNEL_INITIALIZER / DENSE_KERNEL_INITIALIZER. */
const EFFICIENTNET_INIT: Initializers = {
  conv: { scale: 2.0, mode: "fanOut", distribution: "truncatedNormal" },
  dense: { scale: 1 / 3, mode: "fanOut", distribution: "uniform" },
};

/** EfficientNet (V1 and V2): ratio of the block's input channels, swish inside, sigmoid gate. */
const EFFICIENTNET_SE: SeRule = {
  of: "input",
  rounding: "floor",
  activation: "block",
  gate: "sigmoid",
};

/** EfficientNet-B0, paper table 1 / the authors' block args (expand, kernel, stride, out, repeats). */
export const EFFICIENTNET_B0: BaselineDef = {
  id: "efficientnet",
  name: "EfficientNet-B0",
  source: "Tan & Le 2019, table 1; Keras applications efficientnet.py DEFAULT_BLOCKS_ARGS",
  resolution: 224,
  channelRule: "round8",
  block: "mbconv",
  activation: "swish",
  bnEpsilon: 1e-3,
  stem: { filters: 32, kernel: 3, stride: 2, maxPool: null },
  stages: [
    stage({ expand: 1, kernel: 3, stride: 1, filters: 16, repeats: 1, se: 0.25 }),
    stage({ expand: 6, kernel: 3, stride: 2, filters: 24, repeats: 2, se: 0.25 }),
    stage({ expand: 6, kernel: 5, stride: 2, filters: 40, repeats: 2, se: 0.25 }),
    stage({ expand: 6, kernel: 3, stride: 2, filters: 80, repeats: 3, se: 0.25 }),
    stage({ expand: 6, kernel: 5, stride: 1, filters: 112, repeats: 3, se: 0.25 }),
    stage({ expand: 6, kernel: 5, stride: 2, filters: 192, repeats: 4, se: 0.25 }),
    stage({ expand: 6, kernel: 3, stride: 1, filters: 320, repeats: 1, se: 0.25 }),
  ],
  se: EFFICIENTNET_SE,
  dropConnect: 0.2,
  headConv: { rule: "scaled", filters: 1280, minWidthOne: false },
  headDense: null,
  classifier: "dense",
  dropout: 0.2,
  initializers: EFFICIENTNET_INIT,
  naming: "efficientnet",
  paper: { table: 7, table2Presets: true, notes: [] },
  exports: {
    family: "efficientnet",
    keras: "EfficientNetB0",
    torchvision: "efficientnet_b0",
    torchvisionConf: "efficientnet_b0",
    kerasInputNormalization: true,
    kerasNotes: [
      exportNote(
        "kerasInput",
        "Keras adds Rescaling and Normalization layers at the input (7 extra non-trainable weights); the blocks are identical.",
      ),
    ],
  },
  // The authors' hand-picked table (not alpha^phi): efficientnet_builder.py / Keras applications.
  presets: [
    {
      id: "b0",
      name: "EfficientNet-B0",
      width: 1.0,
      depth: 1.0,
      resolution: 224,
      dropout: 0.2,
      phi: 0,
    },
    {
      id: "b1",
      name: "EfficientNet-B1",
      width: 1.0,
      depth: 1.1,
      resolution: 240,
      dropout: 0.2,
      phi: 1,
    },
    {
      id: "b2",
      name: "EfficientNet-B2",
      width: 1.1,
      depth: 1.2,
      resolution: 260,
      dropout: 0.3,
      phi: 2,
    },
    {
      id: "b3",
      name: "EfficientNet-B3",
      width: 1.2,
      depth: 1.4,
      resolution: 300,
      dropout: 0.3,
      phi: 3,
    },
    {
      id: "b4",
      name: "EfficientNet-B4",
      width: 1.4,
      depth: 1.8,
      resolution: 380,
      dropout: 0.4,
      phi: 4,
    },
    {
      id: "b5",
      name: "EfficientNet-B5",
      width: 1.6,
      depth: 2.2,
      resolution: 456,
      dropout: 0.4,
      phi: 5,
    },
    {
      id: "b6",
      name: "EfficientNet-B6",
      width: 1.8,
      depth: 2.6,
      resolution: 528,
      dropout: 0.5,
      phi: 6,
    },
    {
      id: "b7",
      name: "EfficientNet-B7",
      width: 2.0,
      depth: 3.1,
      resolution: 600,
      dropout: 0.5,
      phi: 7,
    },
    { id: "b8", name: "EfficientNet-B8", width: 2.2, depth: 3.6, resolution: 672, dropout: 0.5 },
    { id: "l2", name: "EfficientNet-L2", width: 4.3, depth: 5.3, resolution: 800, dropout: 0.5 },
  ],
};

/** MobileNetV1 as Keras builds it; depthwise-separable blocks grouped into stages. */
export const MOBILENET_V1: BaselineDef = {
  id: "mobilenetv1",
  name: "MobileNetV1",
  source: "Howard et al. 2017, table 1; Keras applications mobilenet.py",
  resolution: 224,
  channelRule: "floor",
  block: "dwsep",
  activation: "relu6",
  bnEpsilon: 1e-3,
  stem: { filters: 32, kernel: 3, stride: 2, maxPool: null },
  stages: [
    stage({ stride: 1, filters: 64, repeats: 1 }),
    stage({ stride: 2, filters: 128, repeats: 2 }),
    stage({ stride: 2, filters: 256, repeats: 2 }),
    stage({ stride: 2, filters: 512, repeats: 6 }),
    stage({ stride: 2, filters: 1024, repeats: 2 }),
  ],
  se: null,
  dropConnect: 0,
  headConv: null,
  headDense: null,
  classifier: "conv1x1",
  dropout: 1e-3,
  initializers: KERAS_DEFAULT_INIT,
  naming: "mobilenetv1",
  paper: { table: 3, table2Presets: false, notes: [] },
  exports: {
    family: "mobilenetv1",
    keras: "MobileNet",
    torchvision: null,
    torchvisionConf: null,
    kerasInputNormalization: false,
    kerasNotes: [],
  },
};

/** MobileNetV2 as torchvision defines it (t, c, n, s). */
export const MOBILENET_V2: BaselineDef = {
  id: "mobilenetv2",
  name: "MobileNetV2",
  source: "Sandler et al. 2018, table 2; torchvision mobilenetv2.py",
  resolution: 224,
  channelRule: "round8",
  block: "mbconv",
  activation: "relu6",
  bnEpsilon: 1e-3,
  stem: { filters: 32, kernel: 3, stride: 2, maxPool: null },
  stages: [
    stage({ expand: 1, stride: 1, filters: 16, repeats: 1 }),
    stage({ expand: 6, stride: 2, filters: 24, repeats: 2 }),
    stage({ expand: 6, stride: 2, filters: 32, repeats: 3 }),
    stage({ expand: 6, stride: 2, filters: 64, repeats: 4 }),
    stage({ expand: 6, stride: 1, filters: 96, repeats: 3 }),
    stage({ expand: 6, stride: 2, filters: 160, repeats: 3 }),
    stage({ expand: 6, stride: 1, filters: 320, repeats: 1 }),
  ],
  se: null,
  dropConnect: 0,
  headConv: { rule: "scaled", filters: 1280, minWidthOne: true },
  headDense: null,
  classifier: "dense",
  dropout: 0.2,
  initializers: KERAS_DEFAULT_INIT,
  naming: "mobilenetv2",
  paper: {
    table: 3,
    table2Presets: false,
    notes: ["The paper does not give the compound coefficients for this baseline."],
  },
  exports: {
    family: "mobilenetv2",
    keras: "MobileNetV2",
    torchvision: "mobilenet_v2",
    torchvisionConf: null,
    kerasInputNormalization: false,
    kerasNotes: [
      exportNote(
        "kerasV2NoDropout",
        "Keras's MobileNetV2 has no dropout before the classifier (torchvision's has 0.2); parameters are equal.",
      ),
    ],
  },
};

/** ResNet-50 as torchvision defines it (stride on the 3x3; planes, repeats, stride). */
export const RESNET_50: BaselineDef = {
  id: "resnet50",
  name: "ResNet-50",
  source: "He et al. 2016, table 1; torchvision resnet.py (v1.5)",
  resolution: 224,
  channelRule: "round8",
  block: "bottleneck",
  activation: "relu",
  bnEpsilon: 1.001e-5,
  stem: { filters: 64, kernel: 7, stride: 2, maxPool: { kernel: 3, stride: 2 } },
  stages: [
    stage({ mid: 64, filters: 256, stride: 1, repeats: 3 }),
    stage({ mid: 128, filters: 512, stride: 2, repeats: 4 }),
    stage({ mid: 256, filters: 1024, stride: 2, repeats: 6 }),
    stage({ mid: 512, filters: 2048, stride: 2, repeats: 3 }),
  ],
  se: null,
  dropConnect: 0,
  headConv: null,
  headDense: null,
  classifier: "dense",
  dropout: 0,
  initializers: KERAS_DEFAULT_INIT,
  naming: "resnet",
  paper: {
    table: 3,
    table2Presets: false,
    notes: [
      "The paper's d=4 and w=2 ResNet-50 rows look swapped against the counting rules.",
      "The paper does not give the compound coefficients for this baseline.",
    ],
  },
  exports: {
    family: "resnet",
    keras: "ResNet50",
    torchvision: "resnet50",
    torchvisionConf: null,
    kerasInputNormalization: false,
    kerasNotes: [
      exportNote(
        "kerasResnetV1",
        "Keras's ResNet50 is v1 (stride on the 1x1 conv, conv biases) and has no width/depth coefficients; this net is torchvision's v1.5. Use the converted model below for an exact match.",
      ),
    ],
  },
};

/** MobileNetV3 (torchvision): SE on the expanded channels, ReLU inside, hard-sigmoid gate. */
const MOBILENETV3_SE: SeRule = {
  of: "expanded",
  rounding: "divisible8",
  activation: "relu",
  gate: "hardSigmoid",
};

/**
 * One MobileNetV3 stage: consecutive equal rows of torchvision's table (input, kernel,
 * expanded, out, SE, activation, stride) become one stage of n blocks, so depth scaling
 * (ceil(n x d)) has something to repeat; at depth 1 the blocks are torchvision's rows.
 */
function v3(
  kernel: number,
  expandedFilters: number,
  filters: number,
  se: boolean,
  activation: "relu" | "hardSwish",
  stride: number,
  repeats = 1,
): StageDef {
  return stage({
    kernel,
    expandedFilters,
    filters,
    se: se ? 0.25 : 0,
    activation,
    stride,
    repeats,
  });
}

/** Shared by MobileNetV3-Large and -Small (torchvision mobilenetv3.py). */
const MOBILENETV3_COMMON = {
  source: "Howard et al. 2019, tables 1 and 2; torchvision mobilenetv3.py",
  resolution: 224,
  channelRule: "round8",
  block: "mbconv",
  activation: "hardSwish",
  bnEpsilon: 1e-3,
  stem: { filters: 16, kernel: 3, stride: 2, maxPool: null },
  se: MOBILENETV3_SE,
  dropConnect: 0,
  // torchvision: last conv = 6 x the last block's channels (960 / 576 at width 1).
  headConv: { rule: "lastTimes", times: 6 },
  classifier: "dense",
  dropout: 0.2,
  initializers: KERAS_DEFAULT_INIT,
  naming: "mobilenetv3",
  paper: null,
} as const satisfies Partial<BaselineDef>;

const MOBILENETV3_KERAS_NOTES = [
  exportNote(
    "kerasV3Head",
    "Keras's head dense layers are 1x1 convolutions on the pooled map (same parameters and MACs) and its classifier is followed by a Flatten.",
    { layer: "Flatten" },
  ),
];

/** MobileNetV3-Large as torchvision defines it (mobilenet_v3_large). */
export const MOBILENET_V3_LARGE: BaselineDef = {
  ...MOBILENETV3_COMMON,
  id: "mobilenetv3large",
  name: "MobileNetV3-Large",
  stages: [
    v3(3, 16, 16, false, "relu", 1),
    v3(3, 64, 24, false, "relu", 2),
    v3(3, 72, 24, false, "relu", 1),
    v3(5, 72, 40, true, "relu", 2),
    v3(5, 120, 40, true, "relu", 1, 2),
    v3(3, 240, 80, false, "hardSwish", 2),
    v3(3, 200, 80, false, "hardSwish", 1),
    v3(3, 184, 80, false, "hardSwish", 1, 2),
    v3(3, 480, 112, true, "hardSwish", 1),
    v3(3, 672, 112, true, "hardSwish", 1),
    v3(5, 672, 160, true, "hardSwish", 2),
    v3(5, 960, 160, true, "hardSwish", 1, 2),
  ],
  // torchvision's last_channel = _make_divisible(1280 x width_mult): scaled at any width.
  headDense: { units: 1280, activation: "hardSwish" },
  exports: {
    family: "mobilenetv3",
    keras: "MobileNetV3Large",
    torchvision: "mobilenet_v3_large",
    torchvisionConf: "mobilenet_v3_large",
    kerasInputNormalization: false,
    kerasNotes: MOBILENETV3_KERAS_NOTES,
  },
};

/** MobileNetV3-Small as torchvision defines it (mobilenet_v3_small). */
export const MOBILENET_V3_SMALL: BaselineDef = {
  ...MOBILENETV3_COMMON,
  id: "mobilenetv3small",
  name: "MobileNetV3-Small",
  stages: [
    v3(3, 16, 16, true, "relu", 2),
    v3(3, 72, 24, false, "relu", 2),
    v3(3, 88, 24, false, "relu", 1),
    v3(5, 96, 40, true, "hardSwish", 2),
    v3(5, 240, 40, true, "hardSwish", 1, 2),
    v3(5, 120, 48, true, "hardSwish", 1),
    v3(5, 144, 48, true, "hardSwish", 1),
    v3(5, 288, 96, true, "hardSwish", 2),
    v3(5, 576, 96, true, "hardSwish", 1, 2),
  ],
  headDense: { units: 1024, activation: "hardSwish" },
  exports: {
    family: "mobilenetv3",
    keras: "MobileNetV3Small",
    torchvision: "mobilenet_v3_small",
    torchvisionConf: "mobilenet_v3_small",
    kerasInputNormalization: false,
    kerasNotes: MOBILENETV3_KERAS_NOTES,
  },
};

/** Fused-MBConv stage row of EfficientNetV2 (no SE, as in torchvision and Keras). */
function fused(expand: number, stride: number, filters: number, repeats: number): StageDef {
  return stage({ block: "fused-mbconv", expand, kernel: 3, stride, filters, repeats });
}

/** MBConv stage row of EfficientNetV2 (SE 0.25 of the block's input channels). */
function mb(expand: number, stride: number, filters: number, repeats: number): StageDef {
  return stage({ expand, kernel: 3, stride, filters, repeats, se: 0.25 });
}

/** Shared by EfficientNetV2-S/-M/-L (torchvision efficientnet.py `_efficientnet_conf`). */
const EFFICIENTNETV2_COMMON = {
  source: "Tan & Le 2021, table 4; torchvision efficientnet.py _efficientnet_conf",
  channelRule: "round8",
  block: "mbconv",
  activation: "swish",
  bnEpsilon: 1e-3,
  se: EFFICIENTNET_SE,
  dropConnect: 0.2,
  // The authors' Head: round_filters(1280, width) (torchvision passes last_channel=1280).
  headConv: { rule: "scaled", filters: 1280, minWidthOne: false },
  headDense: null,
  classifier: "dense",
  initializers: EFFICIENTNET_INIT,
  naming: "efficientnet",
  paper: null,
} as const satisfies Partial<BaselineDef>;

const V2_KERAS_NOTES = [
  exportNote(
    "kerasV2Same",
    "Keras's EfficientNetV2 uses the same stage tables and round_filters(1280 x width) head.",
    { rule: "round_filters(1280 x width)" },
  ),
];

export const EFFICIENTNET_V2_S: BaselineDef = {
  ...EFFICIENTNETV2_COMMON,
  id: "efficientnetv2s",
  name: "EfficientNetV2-S",
  resolution: 384,
  stem: { filters: 24, kernel: 3, stride: 2, maxPool: null },
  stages: [
    fused(1, 1, 24, 2),
    fused(4, 2, 48, 4),
    fused(4, 2, 64, 4),
    mb(4, 2, 128, 6),
    mb(6, 1, 160, 9),
    mb(6, 2, 256, 15),
  ],
  dropout: 0.2,
  exports: {
    family: "efficientnetv2",
    keras: "EfficientNetV2S",
    torchvision: "efficientnet_v2_s",
    torchvisionConf: "efficientnet_v2_s",
    kerasInputNormalization: false,
    kerasNotes: V2_KERAS_NOTES,
  },
};

export const EFFICIENTNET_V2_M: BaselineDef = {
  ...EFFICIENTNETV2_COMMON,
  id: "efficientnetv2m",
  name: "EfficientNetV2-M",
  resolution: 480,
  stem: { filters: 24, kernel: 3, stride: 2, maxPool: null },
  stages: [
    fused(1, 1, 24, 3),
    fused(4, 2, 48, 5),
    fused(4, 2, 80, 5),
    mb(4, 2, 160, 7),
    mb(6, 1, 176, 14),
    mb(6, 2, 304, 18),
    mb(6, 1, 512, 5),
  ],
  dropout: 0.3,
  exports: {
    family: "efficientnetv2",
    keras: "EfficientNetV2M",
    torchvision: "efficientnet_v2_m",
    torchvisionConf: "efficientnet_v2_m",
    kerasInputNormalization: false,
    kerasNotes: V2_KERAS_NOTES,
  },
};

export const EFFICIENTNET_V2_L: BaselineDef = {
  ...EFFICIENTNETV2_COMMON,
  id: "efficientnetv2l",
  name: "EfficientNetV2-L",
  resolution: 480,
  stem: { filters: 32, kernel: 3, stride: 2, maxPool: null },
  stages: [
    fused(1, 1, 32, 4),
    fused(4, 2, 64, 7),
    fused(4, 2, 96, 7),
    mb(4, 2, 192, 10),
    mb(6, 1, 224, 19),
    mb(6, 2, 384, 25),
    mb(6, 1, 640, 7),
  ],
  dropout: 0.4,
  exports: {
    family: "efficientnetv2",
    keras: "EfficientNetV2L",
    torchvision: "efficientnet_v2_l",
    torchvisionConf: "efficientnet_v2_l",
    kerasInputNormalization: false,
    kerasNotes: V2_KERAS_NOTES,
  },
};

export const BASELINES: Readonly<Record<ModelId, BaselineDef>> = {
  efficientnet: EFFICIENTNET_B0,
  mobilenetv1: MOBILENET_V1,
  mobilenetv2: MOBILENET_V2,
  resnet50: RESNET_50,
  mobilenetv3large: MOBILENET_V3_LARGE,
  mobilenetv3small: MOBILENET_V3_SMALL,
  efficientnetv2s: EFFICIENTNET_V2_S,
  efficientnetv2m: EFFICIENTNET_V2_M,
  efficientnetv2l: EFFICIENTNET_V2_L,
};
