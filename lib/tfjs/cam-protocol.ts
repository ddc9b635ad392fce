/**
 * Messages between the CAM page and workers/cam.worker.ts. Plain data only (structured
 * clone); pixel buffers are transferred, not copied.
 */
import type { Preprocess } from "../image/normalize";
import type { LabCamDataset } from "../lab/cam-images";
import type { ResizeMode, ResizePlan } from "../image/resize";
import type { TopClass } from "./cam";
import type { Faithfulness } from "./cam-faithfulness";
import type { CamMethod } from "./cam-methods";
import type { Box } from "./cam-metrics";
import type { SpatialMap } from "./head-detect";

export type ModelSource =
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "files"; readonly files: readonly { name: string; bytes: ArrayBuffer }[] }
  /** A network built from the calculator's spec (random weights). */
  | { readonly kind: "builder"; readonly request: Record<string, string | number> }
  /** A LayersModel saved in this browser, e.g. indexeddb://scaling-lab/<experiment>/<run>. */
  | { readonly kind: "indexeddb"; readonly url: string };

/** A network the Lab trained and saved in this browser (lib/lab/saved-models.ts). */
export interface LabModelRef {
  /** indexeddb://scaling-lab/<experimentId>/<runId> */
  readonly url: string;
  readonly experimentId: string;
  readonly runId: string;
  /** base | depth | width | resolution | compound */
  readonly strategy: string;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly macs: number;
  readonly testAccuracy: number;
}

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
  /** Names in label space (from the user's file, the model's metadata, or ImageNet). */
  readonly labels: readonly string[];
  /** Why the classes are "class i" (a label list of the wrong length), or null. */
  readonly labelNote: string | null;
  /** The Lab dataset the model records in its metadata (its test images have true boxes). */
  readonly labDataset: LabCamDataset | null;
}

export interface MapPayload {
  readonly classIndex: number;
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly grid: Float32Array;
  /** Deletion/insertion (and box scores), when asked for. */
  readonly faithfulness: Faithfulness | null;
}

export type CamRequest =
  | { readonly type: "init"; readonly id: number }
  | {
      readonly type: "load";
      readonly id: number;
      readonly key: string;
      readonly source: ModelSource;
      readonly featureLayer?: string | null;
      /** Class names given by the user: refused when their count fits no output count. */
      readonly labels?: readonly string[] | null;
    }
  | { readonly type: "cancel"; readonly id: number }
  /** Networks the Lab saved in this browser (indexeddb://scaling-lab/...). */
  | { readonly type: "list-lab"; readonly id: number }
  | { readonly type: "unload"; readonly id: number; readonly key: string }
  | {
      readonly type: "decode";
      readonly id: number;
      readonly imageId: string;
      readonly name: string;
      readonly bytes: ArrayBuffer;
    }
  /** An image given as raw pixels (width * height * 4 bytes, RGBA), e.g. a Lab test image. */
  | {
      readonly type: "put-image";
      readonly id: number;
      readonly imageId: string;
      readonly name: string;
      readonly width: number;
      readonly height: number;
      readonly rgba: ArrayBuffer;
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
      /** Compute deletion/insertion (and box scores when a box is given). */
      readonly faithfulness?: boolean;
      /** Object box in original-image pixels (drawn, or a Lab image's true box); checked to
       * lie inside the image. */
      readonly box?: Box | null;
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
      readonly timings: {
        preprocessMs: number;
        forwardMs: number;
        mapMs: number;
        faithfulnessMs: number;
      };
      readonly backend: string;
      /** Where the gradient ran and why not on `backend` (gradient methods only). */
      readonly gradient: { readonly backend: string; readonly fallback: string | null } | null;
    }
  | { readonly type: "probs"; readonly id: number; readonly probs: Float32Array }
  /** A put-image was checked and stored. */
  | { readonly type: "stored"; readonly id: number; readonly imageId: string }
  | { readonly type: "lab-models"; readonly id: number; readonly models: readonly LabModelRef[] }
  | {
      readonly type: "error";
      readonly id: number;
      readonly code: string;
      readonly message: string;
    };
