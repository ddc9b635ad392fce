/**
 * Messages between the /build page and workers/build.worker.ts. Plain data only (structured
 * clone); big buffers are transferred.
 */
import type { CalcRequest } from "../scaling/request";
import type { BackendChoice, BackendName } from "./backends";
import type { LatencyOptions, LatencyProgress, LatencyTable } from "./latency-table";
import type { TimingStats } from "./timing";

export type BackendPreference = BackendName | "auto";

export type ToWorker =
  | { readonly type: "backend"; readonly id: number; readonly prefer: BackendPreference }
  | {
      readonly type: "build";
      readonly id: number;
      readonly request: CalcRequest;
      readonly prefer: BackendPreference;
    }
  | {
      readonly type: "time";
      readonly id: number;
      readonly runs: number;
      readonly warmup: number;
      readonly batch: number;
      /** Omitted: a random image. Otherwise the user's file bytes, decoded in the worker. */
      readonly image?: { readonly bytes: ArrayBuffer; readonly name: string };
    }
  | { readonly type: "export"; readonly id: number }
  /** Paper table 4 on this device: build and time every candidate net within a budget. */
  | {
      readonly type: "latency";
      readonly id: number;
      readonly prefer: BackendPreference;
      readonly options: LatencyOptions;
    }
  | { readonly type: "cancel"; readonly id: number }
  | { readonly type: "dispose"; readonly id: number };

export interface LayerSummaryRow {
  readonly name: string;
  /** tfjs / Keras class, e.g. "Conv2D". */
  readonly className: string;
  /** Output shape without the batch dimension. */
  readonly outShape: readonly number[];
  /** From the built tfjs layer (countParams), not from the calculator. */
  readonly params: number;
}

export interface MemoryFigures {
  /** Bytes held by tensors right after the build (weights). */
  readonly tensorBytes: number;
  /** Highest tensor bytes seen (build, fusing, timing). */
  readonly peakTensorBytes: number;
  /** WebAssembly heap size when on wasm (it only grows: its peak). */
  readonly wasmHeapBytes: number | null;
  readonly numTensors: number;
}

export interface TopClass {
  readonly index: number;
  readonly probability: number;
}

export type FromWorker =
  | { readonly type: "backend"; readonly id: number; readonly choice: BackendChoice }
  | {
      readonly type: "progress";
      readonly id: number;
      readonly done: number;
      readonly total: number;
      readonly layer: string;
      readonly elapsedMs: number;
    }
  | {
      readonly type: "built";
      readonly id: number;
      readonly params: number;
      readonly buildMs: number;
      readonly layers: readonly LayerSummaryRow[];
      readonly fusedSteps: number;
      readonly choice: BackendChoice;
      readonly memory: MemoryFigures;
    }
  | {
      readonly type: "timing-progress";
      readonly id: number;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: "timed";
      readonly id: number;
      readonly stats: TimingStats;
      readonly source: "random" | "upload";
      /** For an uploaded image: what the (randomly initialised) net answers. */
      readonly top?: readonly TopClass[];
      readonly imageSize?: readonly [number, number];
      readonly memory: MemoryFigures;
    }
  | {
      readonly type: "exported";
      readonly id: number;
      readonly modelJson: string;
      readonly weightsBin: ArrayBuffer;
      readonly kerasJson: string;
    }
  | ({ readonly type: "latency-progress"; readonly id: number } & LatencyProgress)
  | { readonly type: "latency-table"; readonly id: number; readonly table: LatencyTable }
  | { readonly type: "cancelled"; readonly id: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };
