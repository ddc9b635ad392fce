/**
 * Official presets, read from the baselines' data (lib/arch/baselines.ts `presets`): a
 * baseline offers presets iff its definition lists any. Nothing here names a model.
 */
import { BASELINES } from "../arch/baselines";
import type { BaselineDef, ModelId } from "../arch/types";

export type Preset = NonNullable<BaselineDef["presets"]>[number] & { readonly model: ModelId };
/** A preset id ("b0".."l2" for EfficientNet). */
export type PresetId = string;

const ALL: readonly Preset[] = Object.values(BASELINES).flatMap((b) =>
  (b.presets ?? []).map((p) => ({ ...p, model: b.id })),
);

/** Every preset id of every baseline, in table order (the link and CLI value list). */
export const PRESET_IDS: readonly PresetId[] = [...new Set(ALL.map((p) => p.id))];

/** Presets by id (first baseline listing the id). */
export const PRESETS: Readonly<Record<PresetId, Preset>> = Object.fromEntries(
  [...ALL].reverse().map((p) => [p.id, p]),
);

export function isPresetId(s: string): s is PresetId {
  return PRESET_IDS.includes(s);
}

/** The presets a baseline offers (empty: none). */
export function presetsOf(model: ModelId): readonly Preset[] {
  return ALL.filter((p) => p.model === model);
}

export function presetOf(model: ModelId, id: string): Preset | undefined {
  return ALL.find((p) => p.model === model && p.id === id);
}

export function hasPresets(model: ModelId): boolean {
  return presetsOf(model).length > 0;
}
