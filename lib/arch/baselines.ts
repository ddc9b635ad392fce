import type { BaselineDef, ModelId, StageDef } from "./types";

/** Compact stage row constructor: keeps the tables as readable as the paper's. */
function stage(s: Partial<StageDef> & Pick<StageDef, "filters" | "repeats" | "stride">): StageDef {
  return { expand: 1, kernel: 3, mid: 0, se: 0, ...s };
}

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
  headConv: { filters: 1280, minWidthOne: false },
  classifier: "dense",
  dropout: 0.2,
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
  headConv: null,
  classifier: "conv1x1",
  dropout: 1e-3,
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
  headConv: { filters: 1280, minWidthOne: true },
  classifier: "dense",
  dropout: 0.2,
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
  headConv: null,
  classifier: "dense",
  dropout: 0,
};

export const BASELINES: Readonly<Record<ModelId, BaselineDef>> = {
  efficientnet: EFFICIENTNET_B0,
  mobilenetv1: MOBILENET_V1,
  mobilenetv2: MOBILENET_V2,
  resnet50: RESNET_50,
};
