import { BASELINES } from "@/lib/arch/baselines";
import { MODEL_IDS, type ModelId } from "@/lib/arch/types";
import type { Preprocess } from "@/lib/image/normalize";
import type { ModelSource } from "@/lib/tfjs/cam-protocol";
import {
  type MobilenetAlpha,
  MOBILENET_V1_ALPHAS,
  mobilenetV1HubUrl,
  mobilenetV1Url,
} from "@/lib/tfjs/model-load";

import type { Problem } from "./rich";

export interface ModelChoice {
  readonly id: string;
  /** English label (the model's name in the list, data); `labelMsg` is how it is shown. */
  readonly label: string;
  readonly labelMsg?: Problem;
  /** The group's message key under cam.choices.groups. */
  readonly groupKey: "builtin" | "layers" | "graph" | "builder";
  readonly group:
    | "Built in (works offline)"
    | "MobileNet v1 (LayersModel)"
    | "MobileNet v1 (TF-Hub GraphModel)"
    | "Built in the Build tab (random weights)";
  readonly preprocess: Preprocess;
  source(baseUrl: string): ModelSource;
}

const alphaLabel = (a: MobilenetAlpha) => (a === 1 ? "1.0" : a.toFixed(2));

/** Shipped in public/models/ (see its NOTICE.md): loads first, with no network. */
export const BUILTIN_MODEL_URL = "/models/mobilenet_v1_0.25_224/model.json";

const FIXED_CHOICES: readonly ModelChoice[] = [
  {
    id: "builtin",
    label: "MobileNet v1 α=0.25 · 224 (built in)",
    labelMsg: { key: "choices.builtin", values: { name: "MobileNet v1 α=0.25 · 224" } },
    groupKey: "builtin",
    group: "Built in (works offline)",
    preprocess: "symmetric",
    source: () => ({ kind: "url", url: BUILTIN_MODEL_URL }),
  },
  ...MOBILENET_V1_ALPHAS.map((a): ModelChoice => ({
    id: `mnv1-layers-${a}`,
    label: `MobileNet v1 α=${alphaLabel(a)} · 224`,
    groupKey: "layers",
    group: "MobileNet v1 (LayersModel)",
    preprocess: "symmetric",
    source: (base) => ({ kind: "url", url: mobilenetV1Url(a, base) }),
  })),
  ...MOBILENET_V1_ALPHAS.map((a): ModelChoice => ({
    id: `mnv1-graph-${a}`,
    label: `MobileNet v1 α=${alphaLabel(a)} · 224 (TF-Hub graph)`,
    labelMsg: { key: "choices.graph", values: { name: `MobileNet v1 α=${alphaLabel(a)} · 224` } },
    groupKey: "graph",
    group: "MobileNet v1 (TF-Hub GraphModel)",
    preprocess: "unit",
    source: () => ({ kind: "url", url: mobilenetV1HubUrl(a) }),
  })),
];

/**
 * Builder networks with their own label or preset; every other baseline of lib/arch is
 * offered at its own resolution, read from the one list (MODEL_IDS).
 */
const BUILDER_SPECIAL: readonly {
  model: ModelId;
  preset?: string;
  label: string;
  labelMsg: Problem;
  preprocess: Preprocess;
}[] = [
  {
    model: "mobilenetv1",
    label: "MobileNet v1 (builder, random weights)",
    labelMsg: { key: "choices.builder", values: { name: "MobileNet v1" } },
    preprocess: "symmetric",
  },
  {
    model: "efficientnet",
    preset: "b0",
    label: "EfficientNet-B0 (builder, random weights)",
    labelMsg: { key: "choices.builder", values: { name: "EfficientNet-B0" } },
    preprocess: "imagenet",
  },
];

const builderChoice = (b: (typeof BUILDER_SPECIAL)[number]): ModelChoice => ({
  id: b.preset ? `builder-${b.model}-${b.preset}` : `builder-${b.model}`,
  label: b.label,
  labelMsg: b.labelMsg,
  groupKey: "builder",
  group: "Built in the Build tab (random weights)",
  preprocess: b.preprocess,
  source: () => {
    const request: Record<string, string> = { model: b.model };
    if (b.preset) request.preset = b.preset;
    return { kind: "builder", request };
  },
});

const specialModels = new Set<ModelId>(BUILDER_SPECIAL.map((b) => b.model));
export const MODEL_CHOICES: readonly ModelChoice[] = [
  ...FIXED_CHOICES,
  ...BUILDER_SPECIAL.map(builderChoice),
  ...MODEL_IDS.filter((m) => !specialModels.has(m)).map((m) =>
    builderChoice({
      model: m,
      label: `${BASELINES[m].name} (builder, random weights, ${BASELINES[m].resolution} px)`,
      labelMsg: {
        key: "choices.builderAt",
        values: { name: BASELINES[m].name, resolution: BASELINES[m].resolution },
      },
      preprocess: "imagenet",
    }),
  ),
];

export const BASE_URL_KEY = "cam.modelBaseUrl";

/** Sample photos shipped in public/samples/ (see its NOTICE.md). */
export const SAMPLE_IMAGES = [
  { file: "dog.jpg", label: "dog, bicycle and truck", key: "dog" },
  { file: "person.jpg", label: "person, horse and dog", key: "person" },
  { file: "scream.jpg", label: "The Scream", key: "scream" },
] as const;
export const SAMPLE_BASE = "/samples/";
