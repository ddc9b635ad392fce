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
    kerasNotes: [
      "Keras adds Rescaling and Normalization layers at the input (7 extra non-trainable weights); the blocks are identical.",
    ],
  },
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
    kerasNotes: [
      "Keras's MobileNetV2 has no dropout before the classifier (torchvision's has 0.2); parameters are equal.",
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
    kerasNotes: [
      "Keras's ResNet50 is v1 (stride on the 1x1 conv, conv biases) and has no width/depth coefficients; this net is torchvision's v1.5. Use the converted model below for an exact match.",
    ],
  },
};

export const BASELINES: Readonly<Record<ModelId, BaselineDef>> = {
  efficientnet: EFFICIENTNET_B0,
  mobilenetv1: MOBILENET_V1,
  mobilenetv2: MOBILENET_V2,
  resnet50: RESNET_50,
};
