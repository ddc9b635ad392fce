/**
 * The /cam page's settings as a props table (lib/state/props.ts), mirrored in the URL, and
 * its zustand store (vanilla: plain TS, testable in Node). Models and images are not in the
 * URL (they are files or downloads); the map settings are.
 *
 *   const store = createCamStore("?method=scorecam&opacity=2");
 *   store.getState().values.opacity  // 1, with a note "opacity: 2 is out of range ..."
 *   store.getState().set("method", "layercam");
 *   store.getState().query           // "method=layercam"
 */
import { createStore, type StoreApi } from "zustand/vanilla";

import { COLORMAPS } from "../image/colormap";
import { PREPROCESS_MODES } from "../image/normalize";
import { RESIZE_MODES } from "../image/resize";
import { UPSAMPLE_MODES } from "../image/upsample";
import { CAM_METHODS } from "../tfjs/cam-methods";
import {
  booleanProp,
  correctionNote,
  correctValue,
  defineProps,
  enumProp,
  numberProp,
  parseQuery,
  serializeQuery,
  type QueryInput,
  type StateNote,
  type ValuesOf,
} from "./props";

/** "auto" = each model's own preprocessing (what it was trained with). */
export const CAM_PREPROCESS = ["auto", ...PREPROCESS_MODES] as const;

export const CAM_PROPS = defineProps({
  method: enumProp(CAM_METHODS, "cam", "Method"),
  /** Index into the model's spatial maps, last first: 0 = the map feeding the head. */
  layer: numberProp({
    label: "Feature map (0 = last)",
    min: 0,
    max: 999,
    default: 0,
    integer: true,
  }),
  resize: enumProp(RESIZE_MODES, "stretch", "Resize"),
  preprocess: enumProp(CAM_PREPROCESS, "auto", "Preprocessing"),
  colormap: enumProp(COLORMAPS, "jet", "Colormap"),
  upsample: enumProp(UPSAMPLE_MODES, "smooth", "Upsampling"),
  opacity: numberProp({ label: "Opacity", min: 0, max: 1, default: 0.5, digits: 2 }),
  threshold: numberProp({ label: "Threshold", min: 0, max: 0.95, default: 0, digits: 2 }),
  /** Label index to map in every model; -1 = each model's top-1. */
  class: numberProp({ label: "Class", min: -1, max: 99999, default: -1, integer: true }),
  faithfulness: booleanProp(true, "Faithfulness scores"),
});

export type CamKey = keyof typeof CAM_PROPS & string;
export type CamValues = ValuesOf<typeof CAM_PROPS>;

export interface CamSettingsState {
  readonly values: CamValues;
  /** Corrections of the last link or input, shown on the page. */
  readonly notes: readonly StateNote[];
  /** Canonical query (defaults left out). */
  readonly query: string;
  set<K extends CamKey>(key: K, raw: CamValues[K] | string): void;
  load(query: QueryInput): void;
  dismissNotes(): void;
}

export const camQuery = (v: CamValues) => serializeQuery(CAM_PROPS, v, { omitDefaults: true });

export function createCamStore(initial: QueryInput = ""): StoreApi<CamSettingsState> {
  const first = parseQuery(CAM_PROPS, initial);
  return createStore<CamSettingsState>((setState, get) => ({
    values: first.values,
    notes: first.notes,
    query: camQuery(first.values),
    set(key, raw) {
      const c = correctValue(CAM_PROPS[key], raw);
      const values = { ...get().values, [key]: c.value } as CamValues;
      setState({
        values,
        query: camQuery(values),
        notes: c.note ? [correctionNote(key, String(raw), c)!] : get().notes,
      });
    },
    load(query) {
      const p = parseQuery(CAM_PROPS, query);
      setState({ values: p.values, notes: p.notes, query: camQuery(p.values) });
    },
    dismissNotes() {
      setState({ notes: [] });
    },
  }));
}
