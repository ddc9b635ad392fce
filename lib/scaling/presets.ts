/** The official EfficientNet table (hand-picked; not alpha^phi). Keras / the authors' code. */
export const PRESET_IDS = ["b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "l2"] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  readonly id: PresetId;
  readonly name: string;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly dropout: number;
}

function p(
  id: PresetId,
  width: number,
  depth: number,
  resolution: number,
  dropout: number,
): Preset {
  return { id, name: `EfficientNet-${id.toUpperCase()}`, width, depth, resolution, dropout };
}

export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  b0: p("b0", 1.0, 1.0, 224, 0.2),
  b1: p("b1", 1.0, 1.1, 240, 0.2),
  b2: p("b2", 1.1, 1.2, 260, 0.3),
  b3: p("b3", 1.2, 1.4, 300, 0.3),
  b4: p("b4", 1.4, 1.8, 380, 0.4),
  b5: p("b5", 1.6, 2.2, 456, 0.4),
  b6: p("b6", 1.8, 2.6, 528, 0.5),
  b7: p("b7", 2.0, 3.1, 600, 0.5),
  b8: p("b8", 2.2, 3.6, 672, 0.5),
  l2: p("l2", 4.3, 5.3, 800, 0.5),
};

export function isPresetId(s: string): s is PresetId {
  return (PRESET_IDS as readonly string[]).includes(s);
}
