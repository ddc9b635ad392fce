/**
 * The explorer's single store (zustand/vanilla: plain TS, usable from tests and workers).
 * It holds the params, the resolved calculation and its baseline, and the canonical query
 * string the URL mirrors. Every action validates its input (lib/state/props.ts
 * `correctValue`) and the cross-key rules (explorer.ts `resolveExplorer`); corrections are
 * kept as notes for the page to show. Recalculation is synchronous: the calculator takes
 * about a millisecond for B7.
 *
 *   const store = createExplorerStore("?model=resnet50&phi=2");
 *   store.getState().setValue("phi", "3.5");
 *   store.getState().query // "model=resnet50&phi=3.5"
 */
import { createStore, type StoreApi } from "zustand/vanilla";

import type { ModelId } from "../arch/types";
import type { Calculation } from "../calculator";
import { msg } from "../i18n/msg";
import { PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA } from "../scaling/compound";
import { presetOf, presetsOf } from "../scaling/presets";
import { modesOfKey } from "../scaling/request";
import {
  baselineOf,
  DEFAULT_PARAMS,
  displayName,
  EXPLORER_PROPS,
  modesFor,
  parseExplorerQuery,
  resolveExplorer,
  serializeExplorer,
  type ExplorerKey,
  type ExplorerParams,
  type ExplorerPreset,
  type ExplorerValues,
  type Mode,
  type Resolved,
} from "./explorer";
import {
  correctionNote,
  correctValue,
  formatValue,
  type QueryInput,
  type StateNote,
} from "./props";

export interface ExplorerData {
  readonly params: ExplorerParams;
  readonly calc: Calculation;
  readonly baseline: Calculation;
  /** Display name of the configured network ("EfficientNet-B3", "ResNet-50, φ = 2"). */
  readonly name: string;
  /** Canonical query (no "?"); "" for the default view. */
  readonly query: string;
  /** Corrections made reading the link; kept until dismissed or a new link is loaded. */
  readonly linkNotes: readonly StateNote[];
  /** Corrections of the latest edit. */
  readonly inputNotes: readonly StateNote[];
  /** Draw the baseline over the scaled network in the diagram. */
  readonly showBaseline: boolean;
}

export interface ExplorerActions {
  /** Sets one key from a number or typed text; compound/explicit/preset keys switch the mode. */
  setValue(key: ExplorerKey, raw: string | number): void;
  setModel(model: ModelId): void;
  setMode(mode: Mode): void;
  setPreset(preset: ExplorerPreset): void;
  /** alpha, beta, gamma back to the paper's 1.2, 1.1, 1.15. */
  resetConstants(): void;
  /** The whole view back to EfficientNet-B0 (keeping the baseline overlay setting). */
  resetAll(): void;
  loadQuery(query: QueryInput): void;
  dismissNotes(): void;
  setShowBaseline(show: boolean): void;
}

export type ExplorerState = ExplorerData & ExplorerActions;
export type ExplorerStore = StoreApi<ExplorerState>;

/** The mode an edit of `key` leaves the view in: the current one if the key belongs to it. */
function modeForEdit(key: ExplorerKey, current: Mode): Mode | undefined {
  const modes = modesOfKey(key);
  if (modes.length === 0 || modes.includes(current)) return undefined;
  return modes[0];
}

/** Trims float noise from a derived value before it becomes a link value. */
function tidy(key: ExplorerKey, v: number): number {
  return Number(formatValue(EXPLORER_PROPS[key], v));
}

/** The params of `mode` that describe (as closely as the mode can) the current network. */
export function convertMode(p: ExplorerParams, calc: Calculation, mode: Mode): ExplorerParams {
  const v = p.values;
  if (mode === p.mode) return p;
  if (!modesFor(v.model).includes(mode)) return p;
  const c = calc.coefficients;
  let values: ExplorerValues = v;
  if (mode === "explicit") {
    values = {
      ...v,
      width: tidy("width", c.width),
      depth: tidy("depth", c.depth),
      resolution: c.resolution,
    };
  } else if (mode === "compound" && p.mode === "preset") {
    // A preset stands nominally for phi = its index with the paper's constants.
    values = {
      ...v,
      phi: presetOf(v.model, v.preset)?.phi ?? 0,
      alpha: PAPER_ALPHA,
      beta: PAPER_BETA,
      gamma: PAPER_GAMMA,
    };
  } else if (mode === "preset") {
    const presets = presetsOf(v.model);
    const wanted = p.mode === "compound" ? Math.round(v.phi) : 0;
    const pr = presets.find((x) => x.phi === wanted) ?? presets[0];
    if (pr) values = { ...v, preset: pr.id, resolution: pr.resolution };
  }
  return { values, mode };
}

/** Shared empty list: a fresh [] per edit would re-render the notes on every slider move. */
const NO_NOTES: readonly StateNote[] = [];

export function createExplorerStore(initial: QueryInput = ""): ExplorerStore {
  const first = parseExplorerQuery(initial);

  const data = (r: Resolved, s: Partial<ExplorerData> = {}): Partial<ExplorerData> => ({
    params: r.params,
    calc: r.calc,
    baseline: baselineOf(r.params.values.model, r.params.values.classes),
    query: serializeExplorer(r.params),
    name: displayName(r.params),
    ...s,
  });

  return createStore<ExplorerState>()((set, get) => {
    /** Resolves and stores new params; a no-op (no new objects) when nothing changed. */
    const commit = (next: ExplorerParams, notes: StateNote[]): void => {
      const r = resolveExplorer(next);
      const all = [...notes, ...r.notes];
      const cur = get();
      const query = serializeExplorer(r.params);
      if (query === cur.query && r.params.mode === cur.params.mode && all.length === 0) {
        if (cur.inputNotes.length) set({ inputNotes: [] });
        return;
      }
      set(data(r, { inputNotes: all.length ? all : NO_NOTES }));
    };

    return {
      ...(data(first) as ExplorerData),
      linkNotes: first.notes,
      inputNotes: [],
      showBaseline: true,

      setValue(key, raw) {
        const p = get().params;
        const prop = EXPLORER_PROPS[key];
        const c = correctValue(prop, raw);
        const corrected = correctionNote(key, String(raw), c);
        const notes: StateNote[] = corrected ? [corrected] : [];
        if (key === "model") return get().setModel(c.value as ModelId);
        const wanted = modeForEdit(key, p.mode);
        let base = p;
        if (wanted) {
          if (!modesFor(p.values.model).includes(wanted)) {
            notes.push({
              key,
              input: String(raw),
              message: `${key}: ${p.values.model} has no official presets; ignored`,
              msgs: [msg("explorer.notes.keyNoPresets", { model: p.values.model })],
              keyed: true,
            });
            return set({ inputNotes: notes });
          }
          base = convertMode(p, get().calc, wanted);
        }
        const values = { ...base.values, [key]: c.value };
        // A newly picked preset starts at its own resolution.
        if (key === "preset") {
          values.resolution =
            presetOf(values.model, values.preset)?.resolution ?? values.resolution;
        }
        commit({ ...base, values }, notes);
      },

      setModel(model) {
        const p = get().params;
        if (model === p.values.model) return;
        let next: ExplorerParams = { ...p, values: { ...p.values, model } };
        if (!modesFor(model).includes(p.mode)) next = convertMode(p, get().calc, "compound");
        next = { ...next, values: { ...next.values, model } };
        if (next.mode === "preset" && !presetOf(model, next.values.preset)) {
          next = convertMode({ ...next, mode: "explicit" }, get().calc, "preset");
        }
        commit(next, []);
      },

      setMode(mode) {
        const s = get();
        if (!modesFor(s.params.values.model).includes(mode)) return;
        commit(convertMode(s.params, s.calc, mode), []);
      },

      setPreset(preset) {
        get().setValue("preset", preset);
      },

      resetConstants() {
        const p = get().params;
        const values = { ...p.values, alpha: PAPER_ALPHA, beta: PAPER_BETA, gamma: PAPER_GAMMA };
        commit({ values, mode: p.mode === "preset" ? "preset" : "compound" }, []);
      },

      resetAll() {
        commit(DEFAULT_PARAMS, []);
      },

      loadQuery(query) {
        const r = parseExplorerQuery(query);
        set({ ...data(r), linkNotes: r.notes, inputNotes: [] });
      },

      dismissNotes() {
        set({ linkNotes: [], inputNotes: [] });
      },

      setShowBaseline(show) {
        set({ showBaseline: show });
      },
    };
  });
}
