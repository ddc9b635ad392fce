/** Page-side records of the /cam view (what the worker returned, plus UI status). */
import type { Preprocess } from "@/lib/image/normalize";
import type { RgbaImage } from "@/lib/image/rgba";
import type { Box } from "@/lib/tfjs/cam-metrics";
import type { CamResponse, ModelSource, ModelSummary } from "@/lib/tfjs/cam-protocol";

import type { Problem } from "./rich";

export interface ModelEntry {
  readonly key: string;
  /** English name (data: downloads, compare titles); `labelMsg` shows it translated. */
  readonly label: string;
  readonly labelMsg?: Problem;
  readonly source: ModelSource;
  readonly preprocess: Preprocess;
  readonly status: "loading" | "ready" | "error";
  readonly progress: number;
  readonly progressText: Problem | null;
  readonly error?: Problem;
  readonly summary?: ModelSummary;
  readonly featureLayer: string | null;
  readonly loadId?: number;
}

export interface ImageEntry {
  readonly id: string;
  readonly name: string;
  readonly status: "decoding" | "ready" | "error";
  readonly image?: RgbaImage;
  readonly display?: RgbaImage;
  readonly originalWidth?: number;
  readonly originalHeight?: number;
  /** Object box (original-image pixels): a Lab image's true box, or one the user drew. */
  readonly box?: Box | null;
  /** A Lab test image (lib/lab/cam-images.ts): its dataset, index, class and true box. */
  readonly lab?: LabImageInfo;
}

/** State updater: image `id` is ready with its pixels (a decoded file or raw Lab pixels). */
export const markReady =
  (id: string, ready: Pick<ImageEntry, "image" | "display" | "originalWidth" | "originalHeight">) =>
  (is: ImageEntry[]): ImageEntry[] =>
    is.map((x) => (x.id === id ? { ...x, ...ready, status: "ready" } : x));

export interface LabImageInfo {
  readonly seed: number;
  readonly index: number;
  readonly className: string;
  readonly trueBox: Box;
}

export type Result = Extract<CamResponse, { type: "result" }>;
export type ResultOrError = Result | { readonly error: Problem; readonly cancelled?: boolean };

export const isResult = (r: ResultOrError | undefined): r is Result => !!r && "type" in r;
