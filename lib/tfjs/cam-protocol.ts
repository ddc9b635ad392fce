/**
 * Messages between the CAM page and workers/cam.worker.ts. Plain data only (structured
 * clone); pixel buffers are transferred, not copied.
 */
import type { Preprocess } from "../image/normalize";
import type { ResizeMode, ResizePlan } from "../image/resize";
import type { TopClass } from "./cam";
import type { CamMethod } from "./cam-methods";
import type { SpatialMap } from "./head-detect";

export type ModelSource =
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "files"; readonly files: readonly { name: string; bytes: ArrayBuffer }[] }
  /** A network built from the calculator's spec (random weights). */
  | { readonly kind: "builder"; readonly request: Record<string, string | number> };

export interface ModelSummary {
  readonly key: string;
  readonly format: "layers" | "graph";
  readonly feature: SpatialMap;
  readonly candidates: readonly SpatialMap[];
  readonly camPossible: boolean;
  readonly camBlocker: string | null;
  readonly inputSize: readonly [number, number];
  readonly numClasses: number;
  readonly classOffset: number;
  readonly weightBytes: number;
  readonly randomWeights: boolean;
}

export interface MapPayload {
  readonly classIndex: number;
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly grid: Float32Array;
}

export type CamRequest =
  | { readonly type: "init"; readonly id: number }
  | {
      readonly type: "load";
      readonly id: number;
      readonly key: string;
      readonly source: ModelSource;
      readonly featureLayer?: string | null;
    }
  | { readonly type: "cancel"; readonly id: number }
  | { readonly type: "unload"; readonly id: number; readonly key: string }
  | {
      readonly type: "decode";
      readonly id: number;
      readonly imageId: string;
      readonly name: string;
      readonly bytes: ArrayBuffer;
    }
  | { readonly type: "forget-image"; readonly id: number; readonly imageId: string }
  | {
      readonly type: "analyze";
      readonly id: number;
      readonly key: string;
      readonly imageId: string;
      readonly method: CamMethod;
      readonly classes: readonly number[] | "top";
      readonly resize: ResizeMode;
      readonly preprocess: Preprocess;
    }
  /** Raw normalised HWC input (tests: browser vs Node on identical numbers). */
  | {
      readonly type: "predict-raw";
      readonly id: number;
      readonly key: string;
      readonly data: Float32Array;
    };

export type CamResponse =
  | {
      readonly type: "ready";
      readonly id: number;
      readonly backend: string;
      readonly detail: string;
    }
  | {
      readonly type: "progress";
      readonly id: number;
      readonly fraction: number;
      readonly file: string;
      readonly stage: string;
    }
  | { readonly type: "loaded"; readonly id: number; readonly summary: ModelSummary }
  | { readonly type: "unloaded"; readonly id: number }
  | {
      readonly type: "decoded";
      readonly id: number;
      readonly imageId: string;
      readonly width: number;
      readonly height: number;
      readonly originalWidth: number;
      readonly originalHeight: number;
      readonly format: string;
      readonly orientation: number;
      readonly rgba: ArrayBuffer;
    }
  | {
      readonly type: "result";
      readonly id: number;
      readonly key: string;
      readonly imageId: string;
      readonly top: readonly TopClass[];
      readonly probs: Float32Array;
      readonly maps: readonly MapPayload[];
      readonly plan: ResizePlan;
      readonly peak: { x: number; y: number };
      readonly timings: { preprocessMs: number; forwardMs: number; mapMs: number };
      readonly backend: string;
    }
  | { readonly type: "probs"; readonly id: number; readonly probs: Float32Array }
  | {
      readonly type: "error";
      readonly id: number;
      readonly code: string;
      readonly message: string;
    };
