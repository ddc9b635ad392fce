"use client";
/**
 * The /lab page's zustand store: URL-backed setup (lib/lab/state.ts) with the notes from
 * reading the link, and the live state of the experiment the worker is training.
 */
import { createStore, type StoreApi } from "zustand/vanilla";

import { labQuery, LAB_PROPS, parseLabQuery, type LabValues } from "@/lib/lab/state";
import { shareWith, type ExperimentResult } from "@/lib/lab/results";
import type { LabEvent, PlannedRun } from "@/lib/lab/runner";
import type { LabStrategy } from "@/lib/lab/strategies";
import type { EpochPoint } from "@/lib/lab/train";
import type { BackendChoice } from "@/lib/tfjs/backend-info";
import type { Msg } from "@/lib/i18n/msg";
import { correctValue, type QueryInput, type StateNote } from "@/lib/state/props";

type SetupKey = keyof typeof LAB_PROPS & string;

/** Why a typed value was not taken: English (tests, logs) and its messages. */
export interface InputProblem {
  readonly text: string;
  readonly msgs: readonly Msg[];
}

export type Status = "idle" | "starting" | "running" | "paused" | "done" | "cancelled" | "error";

/** One run in training (several at once when the pool has several workers). */
export interface RunProgress {
  readonly runId: string;
  readonly runIndex: number;
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
}

export interface Progress {
  readonly runTotal: number;
  /** Runs in training now, in the order they started. */
  readonly active: readonly RunProgress[];
  readonly etaMs: number | null;
  readonly share: number;
}

export interface LabState {
  readonly values: LabValues;
  readonly query: string;
  readonly notes: readonly StateNote[];
  readonly status: Status;
  readonly jobId: number;
  readonly error: string | null;
  readonly backend: BackendChoice | null;
  readonly plan: readonly PlannedRun[];
  readonly progress: Progress | null;
  readonly curves: Readonly<Record<string, readonly EpochPoint[]>>;
  /** The experiment on show: the live one, or one picked from the saved list. */
  readonly result: ExperimentResult | null;
  readonly saved: readonly ExperimentResult[];
  set(key: SetupKey, raw: string | number): InputProblem | null;
  setRuns(runs: readonly LabStrategy[]): void;
  loadQuery(q: QueryInput): void;
  begin(jobId: number): void;
  onEvent(e: LabEvent): void;
  patch(p: Partial<Pick<LabState, "status" | "error" | "backend" | "result" | "saved">>): void;
}

export type LabStore = StoreApi<LabState>;

export function createLabStore(initial: QueryInput): LabStore {
  const first = parseLabQuery(initial);
  return createStore<LabState>((set, get) => ({
    values: first.values,
    query: labQuery(first.values),
    notes: first.notes,
    status: "idle",
    jobId: 0,
    error: null,
    backend: null,
    plan: [],
    progress: null,
    curves: {},
    result: null,
    saved: [],
    set(key, raw) {
      const c = correctValue(LAB_PROPS[key], raw);
      if (c.note)
        return {
          text: `${LAB_PROPS[key].label}: ${c.note.replace(/; using.*$/, "")}`,
          msgs: c.msgs,
        };
      const values = { ...get().values, [key]: c.value } as LabValues;
      set({ values, query: labQuery(values), notes: [] });
      return null;
    },
    setRuns(runs) {
      const values = { ...get().values, runs: [...runs] };
      set({ values, query: labQuery(values) });
    },
    loadQuery(q) {
      const p = parseLabQuery(q);
      set({ values: p.values, query: labQuery(p.values), notes: p.notes });
    },
    begin(jobId) {
      set({
        jobId,
        status: "starting",
        error: null,
        backend: null,
        plan: [],
        progress: null,
        curves: {},
        result: null,
      });
    },
    onEvent(e) {
      switch (e.type) {
        case "plan":
          set({ plan: e.runs, status: "running" });
          return;
        case "run-start": {
          const p = get().progress;
          const run: RunProgress = {
            runId: e.runId,
            runIndex: e.index,
            epoch: 0,
            epochs: 0,
            step: 0,
            totalSteps: 0,
            loss: NaN,
          };
          set({
            progress: {
              runTotal: e.total,
              active: [...(p?.active ?? []).filter((r) => r.runId !== e.runId), run],
              etaMs: p?.etaMs ?? null,
              share: p?.share ?? 0,
            },
          });
          return;
        }
        case "batch": {
          const p = get().progress;
          const g = e.progress;
          const active = p?.active ?? [];
          const was = active.find((r) => r.runId === e.runId);
          const run: RunProgress = {
            runId: e.runId,
            runIndex: was?.runIndex ?? 0,
            epoch: g.epoch,
            epochs: Math.round(g.totalSteps / g.batchesPerEpoch),
            step: g.step,
            totalSteps: g.totalSteps,
            loss: g.loss,
          };
          set({
            progress: {
              runTotal: p?.runTotal ?? 1,
              active: was ? active.map((r) => (r === was ? run : r)) : [...active, run],
              etaMs: e.etaMs,
              share: e.experimentShare,
            },
          });
          return;
        }
        case "epoch": {
          const curves = get().curves;
          set({ curves: { ...curves, [e.runId]: [...(curves[e.runId] ?? []), e.point] } });
          return;
        }
        case "run-done": {
          const p = get().progress;
          set({
            result: shareWith(get().result, e.partial),
            ...(p
              ? { progress: { ...p, active: p.active.filter((r) => r.runId !== e.run.id) } }
              : {}),
          });
          return;
        }
      }
    },
    patch(p) {
      set(p);
    },
  }));
}
