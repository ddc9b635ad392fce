"use client";
/** The page's zustand store: URL-backed values (state.ts) plus the notes from reading the link. */
import { createStore, type StoreApi } from "zustand/vanilla";

import type { Msg } from "@/lib/i18n/msg";
import { correctValue, type QueryInput, type StateNote } from "@/lib/state/props";

import {
  COMPARE_PROPS,
  compareQuery,
  parseCompareQuery,
  type CompareKey,
  type CompareValues,
} from "./state";

export interface CompareState {
  readonly values: CompareValues;
  readonly query: string;
  readonly notes: readonly StateNote[];
  set<K extends CompareKey>(key: K, raw: string | number): InputProblem | null;
  loadQuery(q: QueryInput): void;
}

/** Why typed input was refused: English text and its parts for the interface. */
export interface InputProblem {
  readonly text: string;
  readonly msgs: readonly Msg[];
}

export type CompareStore = StoreApi<CompareState>;

export function createCompareStore(initial: QueryInput): CompareStore {
  const first = parseCompareQuery(initial);
  return createStore<CompareState>((set, get) => ({
    values: first.values,
    query: compareQuery(first.values),
    notes: first.notes,
    /** Applies a valid value; returns the problem (and applies nothing) for a bad one. */
    set(key, raw) {
      const c = correctValue(COMPARE_PROPS[key], raw);
      if (c.note) {
        return {
          text: `${COMPARE_PROPS[key].label}: ${c.note.replace(/; using.*$/, "")}`,
          msgs: c.msgs,
        };
      }
      const values = { ...get().values, [key]: c.value } as CompareValues;
      set({ values, query: compareQuery(values), notes: [] });
      return null;
    },
    loadQuery(q) {
      const p = parseCompareQuery(q);
      set({ values: p.values, query: compareQuery(p.values), notes: p.notes });
    },
  }));
}
