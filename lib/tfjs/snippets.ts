/**
 * Code that recreates a configuration in Keras or PyTorch, so a user can take it to
 * training. Pure strings from the NetworkSpec; where a library cannot express the exact
 * net, a note says so and the tfjs -> Keras conversion is the exact route.
 */
import type { NetworkSpec } from "../arch/types";
import { PRESETS, PRESET_IDS, type PresetId } from "../scaling/presets";

export interface CodeSnippet {
  readonly id: "keras" | "pytorch" | "convert";
  readonly title: string;
  readonly language: "python" | "shell";
  readonly code: string;
  /** Where the snippet is not an exact match of the built net, say so. */
  readonly notes: readonly string[];
}

/** Python literal for a coefficient, shortest exact-enough form. */
function py(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function matchingPreset(spec: NetworkSpec): PresetId | null {
  for (const id of PRESET_IDS) {
    const p = PRESETS[id];
    if (
      p.width === spec.width &&
      p.depth === spec.depth &&
      p.resolution === spec.resolution &&
      p.dropout === spec.dropout &&
      id !== "b8" &&
      id !== "l2"
    ) {
      return id;
    }
  }
  return null;
}

function kerasSnippet(spec: NetworkSpec): CodeSnippet {
  const r = spec.resolution;
  const n = spec.classes;
  const notes: string[] = [];
  let code: string;
  switch (spec.model) {
    case "efficientnet": {
      const preset = matchingPreset(spec);
      notes.push(
        "Keras adds Rescaling and Normalization layers at the input (7 extra non-trainable weights); the blocks are identical.",
      );
      code = preset
        ? [
            "import keras",
            "",
            `# ${PRESETS[preset].name}: width ${py(spec.width)}, depth ${py(spec.depth)}, ${r} px, dropout ${py(spec.dropout)}`,
            `model = keras.applications.EfficientNet${preset.toUpperCase()}(`,
            `    weights=None, input_shape=(${r}, ${r}, 3), classes=${n})`,
            "model.summary()",
          ].join("\n")
        : [
            "import keras",
            "from keras.applications.efficientnet import EfficientNet",
            "",
            "model = EfficientNet(",
            `    width_coefficient=${py(spec.width)},`,
            `    depth_coefficient=${py(spec.depth)},`,
            `    default_size=${r},`,
            `    dropout_rate=${py(spec.dropout)},`,
            "    drop_connect_rate=0.2,",
            '    name="efficientnet_scaled",  # Keras 2: model_name=',
            "    weights=None,",
            `    input_shape=(${r}, ${r}, 3),`,
            `    classes=${n},`,
            ")",
            "model.summary()",
          ].join("\n");
      break;
    }
    case "mobilenetv1":
      if (spec.depth !== 1)
        notes.push("Keras's MobileNet has no depth coefficient: use the converted model below.");
      code = [
        "import keras",
        "",
        "model = keras.applications.MobileNet(",
        `    alpha=${py(spec.width)}, depth_multiplier=1, dropout=${py(spec.dropout)},`,
        `    weights=None, input_shape=(${r}, ${r}, 3), classes=${n})`,
        "model.summary()",
      ].join("\n");
      break;
    case "mobilenetv2":
      if (spec.depth !== 1)
        notes.push("Keras's MobileNetV2 has no depth coefficient: use the converted model below.");
      notes.push(
        "Keras's MobileNetV2 has no dropout before the classifier (torchvision's has 0.2); parameters are equal.",
      );
      code = [
        "import keras",
        "",
        "model = keras.applications.MobileNetV2(",
        `    alpha=${py(spec.width)}, weights=None, input_shape=(${r}, ${r}, 3), classes=${n})`,
        "model.summary()",
      ].join("\n");
      break;
    case "resnet50":
      notes.push(
        "Keras's ResNet50 is v1 (stride on the 1x1 conv, conv biases) and has no width/depth coefficients; this net is torchvision's v1.5. Use the converted model below for an exact match.",
      );
      code = [
        "import keras",
        "",
        `model = keras.applications.ResNet50(weights=None, input_shape=(${r}, ${r}, 3), classes=${n})`,
      ].join("\n");
      break;
  }
  return { id: "keras", title: "Keras (keras.applications)", language: "python", code, notes };
}

function pytorchSnippet(spec: NetworkSpec): CodeSnippet {
  const n = spec.classes;
  const r = spec.resolution;
  const w = py(spec.width);
  const d = py(spec.depth);
  const notes = [
    `PyTorch models take any input size; train and evaluate at ${r} x ${r} px to match this configuration.`,
    "PyTorch counts parameters without BatchNorm running statistics (the calculator's trainable count).",
  ];
  let code: string;
  switch (spec.model) {
    case "efficientnet":
      notes.push(
        "torchvision sizes the head conv as 4 x the last stage's channels, which can differ from round8(1280 x width) by a multiple of 8.",
      );
      code = [
        "from torchvision.models import EfficientNet",
        "from torchvision.models.efficientnet import _efficientnet_conf",
        "",
        `settings, last_channel = _efficientnet_conf("efficientnet_b0", width_mult=${w}, depth_mult=${d})`,
        `model = EfficientNet(settings, dropout=${py(spec.dropout)}, last_channel=last_channel, num_classes=${n})`,
        "",
        "# or timm:",
        "# from timm.models.efficientnet import _gen_efficientnet",
        `# model = _gen_efficientnet("efficientnet_b0", channel_multiplier=${w}, depth_multiplier=${d}, num_classes=${n})`,
      ].join("\n");
      break;
    case "mobilenetv2":
      code = [
        "import math",
        "from torchvision.models import mobilenet_v2",
        "",
        "# (t, c, n, s) of torchvision's table with the depth coefficient applied to n",
        `depth = ${d}`,
        "setting = [[t, c, math.ceil(n * depth), s] for t, c, n, s in [",
        "    [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2],",
        "    [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]]]",
        `model = mobilenet_v2(width_mult=${w}, inverted_residual_setting=setting, num_classes=${n}, dropout=${py(spec.dropout)})`,
      ].join("\n");
      break;
    case "resnet50":
      if (spec.width !== 1) {
        notes.push(
          "torchvision's ResNet cannot widen every layer (width_per_group widens only the 3x3 convs): use the converted Keras model for widths other than 1.",
        );
      }
      code = [
        "import math",
        "from torchvision.models.resnet import ResNet, Bottleneck",
        "",
        `depth = ${d}`,
        "layers = [math.ceil(n * depth) for n in (3, 4, 6, 3)]",
        `model = ResNet(Bottleneck, layers, num_classes=${n})`,
      ].join("\n");
      break;
    case "mobilenetv1":
      notes.push(
        "torchvision has no MobileNetV1; timm >= 1.0 has mobilenetv1_100 (a different stem and head). Use the converted Keras model for an exact match.",
      );
      code = [
        "import timm",
        "",
        `model = timm.create_model("mobilenetv1_100", num_classes=${n})`,
      ].join("\n");
      break;
  }
  return { id: "pytorch", title: "PyTorch (torchvision / timm)", language: "python", code, notes };
}

function convertSnippet(): CodeSnippet {
  return {
    id: "convert",
    title: "Exact copy: convert the download to Keras",
    language: "shell",
    code: [
      "pip install tensorflowjs",
      "tensorflowjs_converter --input_format=tfjs_layers_model \\",
      "    --output_format=keras model.json model.h5",
      "# then in Python: model = tf.keras.models.load_model('model.h5')",
    ].join("\n"),
    notes: [
      "Carries this exact architecture, layer names and (random) weights into Keras for fine-tuning.",
    ],
  };
}

export function codeSnippets(spec: NetworkSpec): readonly CodeSnippet[] {
  return [kerasSnippet(spec), pytorchSnippet(spec), convertSnippet()];
}
