/**
 * Code that recreates a configuration in Keras or PyTorch, so a user can take it to
 * training. Pure strings from the NetworkSpec; where a library cannot express the exact
 * net, a note says so and the tfjs -> Keras conversion is the exact route.
 */
import { BASELINES } from "../arch/baselines";
import { exportNote as note } from "../arch/export-note";
import type {
  BaselineDef,
  ExportNames,
  ExportNote,
  NetworkSpec,
  SnippetFamily,
  StageDef,
} from "../arch/types";
import type { Msg } from "../i18n/msg";
import { PRESETS, PRESET_IDS, type PresetId } from "../scaling/presets";

export interface CodeSnippet {
  readonly id: "keras" | "pytorch" | "convert";
  readonly title: string;
  readonly language: "python" | "shell";
  readonly code: string;
  /** Where the snippet is not an exact match of the built net, say so. */
  readonly notes: readonly string[];
  /** The notes as catalogue messages for the interface, index by index. */
  readonly noteMsgs: readonly Msg[];
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

/** What every snippet writer reads: the spec, its baseline's facts, and a few derived values. */
interface SnippetInput {
  readonly spec: NetworkSpec;
  readonly base: BaselineDef;
  readonly names: ExportNames;
  /** Channels of the head conv (torchvision's `last_channel`), or null where there is none. */
  readonly headConv: number | null;
}

interface Writer {
  keras(i: SnippetInput): { code: string; notes: ExportNote[] };
  pytorch(i: SnippetInput): { code: string; notes: ExportNote[] };
}

const shape = (r: number): string => `input_shape=(${r}, ${r}, 3)`;

/** Python list of the stage table's rows (for snippets that rebuild it with depth applied). */
function rows(base: BaselineDef, f: (st: StageDef) => string): string {
  return base.stages.map((st) => `    ${f(st)},`).join("\n");
}

const noDepth = (name: string): ExportNote =>
  note("kerasNoDepth", `Keras's ${name} has no depth coefficient: use the converted model below.`, {
    name,
  });

const efficientnet: Writer = {
  keras({ spec, names }) {
    const r = spec.resolution;
    const n = spec.classes;
    const preset = matchingPreset(spec);
    const code = preset
      ? [
          "import keras",
          "",
          `# ${PRESETS[preset].name}: width ${py(spec.width)}, depth ${py(spec.depth)}, ${r} px, dropout ${py(spec.dropout)}`,
          `model = keras.applications.EfficientNet${preset.toUpperCase()}(`,
          `    weights=None, ${shape(r)}, classes=${n})`,
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
          `    ${shape(r)},`,
          `    classes=${n},`,
          ")",
          "model.summary()",
        ].join("\n");
    return { code, notes: [...names.kerasNotes] };
  },
  pytorch({ spec, names, headConv }) {
    return {
      code: [
        "from torchvision.models import EfficientNet",
        "from torchvision.models.efficientnet import _efficientnet_conf",
        "",
        `settings, _ = _efficientnet_conf("${names.torchvisionConf}", width_mult=${py(spec.width)}, depth_mult=${py(spec.depth)})`,
        "# last_channel: the authors' round_filters(1280 x width); torchvision's default is 4 x the last stage",
        `model = EfficientNet(settings, dropout=${py(spec.dropout)}, last_channel=${headConv}, num_classes=${spec.classes})`,
        "",
        "# or timm:",
        "# from timm.models.efficientnet import _gen_efficientnet",
        `# model = _gen_efficientnet("efficientnet_b0", channel_multiplier=${py(spec.width)}, depth_multiplier=${py(spec.depth)}, num_classes=${spec.classes})`,
      ].join("\n"),
      notes: [],
    };
  },
};

const efficientnetv2: Writer = {
  keras({ spec, base, names }) {
    const r = spec.resolution;
    const n = spec.classes;
    const plain = spec.width === 1 && spec.depth === 1;
    const notes = [
      note(
        "kerasNoPreprocessing",
        "include_preprocessing=False leaves out Keras's Rescaling and Normalization input layers; the blocks are the same tables.",
        { arg: "include_preprocessing=False", a: "Rescaling", b: "Normalization" },
      ),
      ...names.kerasNotes,
    ];
    if (spec.dropout !== 0.2)
      notes.push(
        note(
          "kerasDropoutDefault",
          `Keras's ${names.keras} defaults to dropout 0.2; dropout_rate=${py(spec.dropout)} below matches this net.`,
          { name: names.keras, arg: `dropout_rate=${py(spec.dropout)}` },
        ),
      );
    const code = plain
      ? [
          "import keras",
          "from keras.applications.efficientnet_v2 import EfficientNetV2",
          "",
          `# keras.applications.${names.keras} with this net's dropout and input size`,
          "model = EfficientNetV2(",
          `    width_coefficient=1.0, depth_coefficient=1.0, default_size=${base.resolution},`,
          `    dropout_rate=${py(spec.dropout)}, model_name="${names.torchvisionConf?.replace("efficientnet_v2_", "efficientnetv2-")}",`,
          `    weights=None, ${shape(r)}, classes=${n}, include_preprocessing=False)`,
          "model.summary()",
        ].join("\n")
      : [
          "import keras",
          "from keras.applications.efficientnet_v2 import EfficientNetV2",
          "",
          "model = EfficientNetV2(",
          `    width_coefficient=${py(spec.width)}, depth_coefficient=${py(spec.depth)}, default_size=${r},`,
          `    dropout_rate=${py(spec.dropout)}, model_name="${names.torchvisionConf?.replace("efficientnet_v2_", "efficientnetv2-")}",`,
          `    weights=None, ${shape(r)}, classes=${n}, include_preprocessing=False)`,
          "model.summary()",
        ].join("\n");
    return { code, notes };
  },
  pytorch({ spec, base, names, headConv }) {
    const code =
      spec.width === 1 && spec.depth === 1 && headConv === 1280 && spec.dropout === base.dropout
        ? [
            "from torchvision.models import " + names.torchvision,
            "",
            `model = ${names.torchvision}(num_classes=${spec.classes})`,
          ]
        : [
            "from functools import partial",
            "from torch import nn",
            "from torchvision.models import EfficientNet",
            "from torchvision.models.efficientnet import MBConvConfig, _efficientnet_conf",
            "",
            `width, depth = ${py(spec.width)}, ${py(spec.depth)}`,
            `settings, _ = _efficientnet_conf("${names.torchvisionConf}")`,
            "# torchvision's V2 tables take no multipliers: apply them as MBConvConfig does for V1",
            "for c in settings:",
            "    c.input_channels = MBConvConfig.adjust_channels(c.input_channels, width)",
            "    c.out_channels = MBConvConfig.adjust_channels(c.out_channels, width)",
            "    c.num_layers = MBConvConfig.adjust_depth(c.num_layers, depth)",
            "model = EfficientNet(",
            `    settings, dropout=${py(spec.dropout)}, last_channel=${headConv}, num_classes=${spec.classes},`,
            "    norm_layer=partial(nn.BatchNorm2d, eps=1e-3))",
          ];
    return { code: code.join("\n"), notes: [] };
  },
};

const mobilenetv1: Writer = {
  keras({ spec }) {
    const r = spec.resolution;
    const notes: ExportNote[] = [];
    if (spec.depth !== 1) notes.push(noDepth("MobileNet"));
    return {
      code: [
        "import keras",
        "",
        "model = keras.applications.MobileNet(",
        `    alpha=${py(spec.width)}, depth_multiplier=1, dropout=${py(spec.dropout)},`,
        `    weights=None, ${shape(r)}, classes=${spec.classes})`,
        "model.summary()",
      ].join("\n"),
      notes,
    };
  },
  pytorch({ spec }) {
    return {
      code: [
        "import timm",
        "",
        `model = timm.create_model("mobilenetv1_100", num_classes=${spec.classes})`,
      ].join("\n"),
      notes: [
        note(
          "timmMobilenetV1",
          "torchvision has no MobileNetV1; timm >= 1.0 has mobilenetv1_100 (a different stem and head). Use the converted Keras model for an exact match.",
          { lib: "timm >= 1.0", fn: "mobilenetv1_100" },
        ),
      ],
    };
  },
};

const mobilenetv2: Writer = {
  keras({ spec, names }) {
    const notes: ExportNote[] = [];
    if (spec.depth !== 1) notes.push(noDepth("MobileNetV2"));
    notes.push(...names.kerasNotes);
    return {
      code: [
        "import keras",
        "",
        "model = keras.applications.MobileNetV2(",
        `    alpha=${py(spec.width)}, weights=None, ${shape(spec.resolution)}, classes=${spec.classes})`,
        "model.summary()",
      ].join("\n"),
      notes,
    };
  },
  pytorch({ spec, base }) {
    return {
      code: [
        "import math",
        "from torchvision.models import mobilenet_v2",
        "",
        "# (t, c, n, s) of torchvision's table with the depth coefficient applied to n",
        `depth = ${py(spec.depth)}`,
        "setting = [[t, c, math.ceil(n * depth), s] for t, c, n, s in [",
        rows(base, (st) => `[${st.expand}, ${st.filters}, ${st.repeats}, ${st.stride}]`),
        "]]",
        `model = mobilenet_v2(width_mult=${py(spec.width)}, inverted_residual_setting=setting, num_classes=${spec.classes}, dropout=${py(spec.dropout)})`,
      ].join("\n"),
      notes: [],
    };
  },
};

const mobilenetv3: Writer = {
  keras({ spec, names }) {
    const notes: ExportNote[] = [];
    if (spec.depth !== 1) notes.push(noDepth(names.keras));
    if (spec.width !== 1)
      notes.push(
        note(
          "kerasV3Alpha",
          "At alpha != 1 Keras's MobileNetV3 differs from torchvision's: its stem stays at 16 channels, it scales expansion ratios instead of the expanded counts, and it widens the 1280/1024 head only for alpha > 1. Use the converted model below for an exact match.",
          { differs: "alpha != 1", wider: "alpha > 1" },
        ),
      );
    notes.push(...names.kerasNotes);
    return {
      code: [
        "import keras",
        "",
        `model = keras.applications.${names.keras}(`,
        `    alpha=${py(spec.width)}, dropout_rate=${py(spec.dropout)}, include_preprocessing=False,`,
        `    weights=None, ${shape(spec.resolution)}, classes=${spec.classes})`,
        "model.summary()",
      ].join("\n"),
      notes,
    };
  },
  pytorch({ spec, base, names }) {
    const n = spec.classes;
    if (spec.depth === 1) {
      return {
        code: [
          `from torchvision.models import ${names.torchvision}`,
          "",
          `model = ${names.torchvision}(width_mult=${py(spec.width)}, num_classes=${n}, dropout=${py(spec.dropout)})`,
        ].join("\n"),
        notes: [],
      };
    }
    const head = base.headDense?.units ?? 1280;
    const act = (st: StageDef): string =>
      (st.activation ?? base.activation) === "hardSwish" ? '"HS"' : '"RE"';
    return {
      code: [
        "import math",
        "from functools import partial",
        "from torchvision.models.mobilenetv3 import InvertedResidualConfig, MobileNetV3",
        "",
        `width, depth = ${py(spec.width)}, ${py(spec.depth)}`,
        "# torchvision's table, consecutive equal rows as one stage of n blocks:",
        "# (in, kernel, expanded, out, SE, activation, stride, n)",
        "stages = [",
        rows(base, (st) => {
          const i = base.stages.indexOf(st);
          const cin = i === 0 ? base.stem.filters : (base.stages[i - 1]?.filters ?? 0);
          const se = st.se > 0 ? "True" : "False";
          return `(${cin}, ${st.kernel}, ${st.expandedFilters ?? 0}, ${st.filters}, ${se}, ${act(st)}, ${st.stride}, ${st.repeats})`;
        }),
        "]",
        "conf = partial(InvertedResidualConfig, width_mult=width)",
        "setting = [",
        "    conf(cin if i == 0 else cout, k, e, cout, se, a, s if i == 0 else 1, 1)",
        "    for cin, k, e, cout, se, a, s, n in stages",
        "    for i in range(math.ceil(n * depth))",
        "]",
        `last_channel = InvertedResidualConfig.adjust_channels(${head}, width)`,
        `model = MobileNetV3(setting, last_channel, num_classes=${n}, dropout=${py(spec.dropout)})`,
      ].join("\n"),
      notes: [
        note(
          "torchvisionNoDepth",
          `torchvision's ${names.torchvision} has no depth multiplier; this rebuilds its table with ceil(n x depth) blocks per stage.`,
          { name: names.torchvision ?? "", rule: "ceil(n x depth)" },
        ),
      ],
    };
  },
};

const resnet: Writer = {
  keras({ spec, names }) {
    const r = spec.resolution;
    return {
      code: [
        "import keras",
        "",
        `model = keras.applications.${names.keras}(weights=None, ${shape(r)}, classes=${spec.classes})`,
      ].join("\n"),
      notes: [...names.kerasNotes],
    };
  },
  pytorch({ spec, base }) {
    const notes: ExportNote[] = [];
    if (spec.width !== 1) {
      notes.push(
        note(
          "torchvisionResnetWidth",
          "torchvision's ResNet cannot widen every layer (width_per_group widens only the 3x3 convs): use the converted Keras model for widths other than 1.",
          { arg: "width_per_group" },
        ),
      );
    }
    return {
      code: [
        "import math",
        "from torchvision.models.resnet import ResNet, Bottleneck",
        "",
        `depth = ${py(spec.depth)}`,
        `layers = [math.ceil(n * depth) for n in (${base.stages.map((s) => s.repeats).join(", ")})]`,
        `model = ResNet(Bottleneck, layers, num_classes=${spec.classes})`,
      ].join("\n"),
      notes,
    };
  },
};

/** One writer per snippet family (BaselineDef.exports.family). */
const WRITERS: Readonly<Record<SnippetFamily, Writer>> = {
  efficientnet,
  efficientnetv2,
  mobilenetv1,
  mobilenetv2,
  mobilenetv3,
  resnet,
};

function snippetInput(spec: NetworkSpec): SnippetInput {
  const base = BASELINES[spec.model];
  const head = spec.stages[spec.stages.length - 1];
  return {
    spec,
    base,
    names: base.exports,
    headConv: base.headConv && head ? head.outChannels : null,
  };
}

/** The English texts and the messages of a snippet's notes, index by index. */
const split = (notes: readonly ExportNote[]) => ({
  notes: notes.map((n) => n.text),
  noteMsgs: notes.map((n) => n.msg),
});

function kerasSnippet(i: SnippetInput): CodeSnippet {
  const { code, notes } = WRITERS[i.names.family].keras(i);
  return {
    id: "keras",
    title: "Keras (keras.applications)",
    language: "python",
    code,
    ...split(notes),
  };
}

function pytorchSnippet(i: SnippetInput): CodeSnippet {
  const r = i.spec.resolution;
  const { code, notes } = WRITERS[i.names.family].pytorch(i);
  return {
    id: "pytorch",
    title: "PyTorch (torchvision / timm)",
    language: "python",
    code,
    ...split([
      note(
        "pytorchSize",
        `PyTorch models take any input size; train and evaluate at ${r} x ${r} px to match this configuration.`,
        { r },
      ),
      note(
        "pytorchBn",
        "PyTorch counts parameters without BatchNorm running statistics (the calculator's trainable count).",
      ),
      ...notes,
    ]),
  };
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
    ...split([
      note(
        "convert",
        "Carries this exact architecture, layer names and (random) weights into Keras for fine-tuning.",
      ),
    ]),
  };
}

export function codeSnippets(spec: NetworkSpec): readonly CodeSnippet[] {
  const i = snippetInput(spec);
  return [kerasSnippet(i), pytorchSnippet(i), convertSnippet()];
}
