/**
 * Messages between the /lab page's worker pool (lib/lab/pool.ts) and workers/lab.worker.ts;
 * the pool speaks the same messages to the page. Plain data only (structured clone).
 */
import type { BackendChoice } from "../tfjs/backend-info";
import type { BackendPreference } from "../tfjs/build-protocol";
import type { FolderFile } from "./data-source";
import type { ExperimentDef } from "./experiment";
import type { ExperimentResult } from "./results";
import type { LabEvent } from "./runner";

export type ToLab =
  | {
      readonly type: "start";
      readonly id: number;
      readonly experimentId: string;
      readonly def: ExperimentDef;
      readonly prefer: BackendPreference;
      /** A person's folder; omitted: the procedural dataset. */
      readonly folder?: readonly FolderFile[];
      /** Train only these runs of the plan (this worker's share, lib/lab/pool.ts). */
      readonly runIds?: readonly string[];
      /** WASM threads, if this worker's backend is not started yet (one when several train). */
      readonly threads?: number;
    }
  /** Starts the backend and answers with "backend": the pool's first step (lib/lab/pool.ts). */
  | {
      readonly type: "probe";
      readonly id: number;
      readonly prefer: BackendPreference;
      readonly threads?: number;
    }
  | { readonly type: "pause"; readonly id: number }
  | { readonly type: "resume"; readonly id: number }
  | { readonly type: "cancel"; readonly id: number }
  /** The trained model at a tf.loadLayersModel URL, as tfjs files for a download. */
  | { readonly type: "export"; readonly id: number; readonly url: string; readonly name: string }
  /** Deletes saved models (an experiment removed from the list). */
  | { readonly type: "forget"; readonly id: number; readonly urls: readonly string[] };

export type FromLab =
  | { readonly type: "backend"; readonly id: number; readonly choice: BackendChoice }
  | { readonly type: "event"; readonly id: number; readonly event: LabEvent }
  | { readonly type: "paused"; readonly id: number; readonly paused: boolean }
  | { readonly type: "done"; readonly id: number; readonly result: ExperimentResult }
  | {
      readonly type: "exported";
      readonly id: number;
      readonly name: string;
      readonly modelJson: string;
      readonly weightsBin: ArrayBuffer;
    }
  | { readonly type: "cancelled"; readonly id: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };
