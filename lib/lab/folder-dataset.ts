/**
 * A person's own images as a Lab dataset: one subfolder per class ("cats/a.jpg",
 * "dogs/b.png"), each image decoded, centre-cropped to a square and resized to the
 * resolution with the app's own resampler (lib/image/resize.ts), so Node and a browser
 * worker give the same numbers from the same decoded pixels.
 *
 * Decoding differs by place (sharp in Node, createImageBitmap in a browser), so the caller
 * passes the decoder: `decodeImageNode` from lib/image/decode-node, or in a worker
 * `(b, n) => decodeImageBrowser(b, n, (w, h) => new OffscreenCanvas(w, h))`.
 */
import type { RgbaImage } from "../image/rgba";
import { planResize, resizeToInput } from "../image/resize";
import {
  checkResolution,
  checkSeed,
  checkSize,
  datasetSha256,
  type LabDataset,
  LabDatasetError,
} from "./dataset";

export interface FolderFile {
  /** Relative path, "class/file.jpg" (a common top folder, as a directory picker gives, is ignored). */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Decodes one file; throws (any error, its message is kept) when it cannot. */
export type ImageDecoder = (
  bytes: Uint8Array,
  name: string,
) => Promise<{ readonly image: RgbaImage }>;

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface FolderDatasetOptions {
  readonly resolution: number;
  readonly seed: number;
  readonly decode: ImageDecoder;
  /** Called after each file with (files done, files in total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops between files (rejects with the signal's reason). */
  readonly signal?: AbortSignal;
}

/** Most files read at once (a folder of more is refused before decoding anything). */
export const MAX_FOLDER_FILES = 50_000;

function segments(path: string): string[] {
  return path
    .replace(/\\/g, "/")
    .split("/")
    .filter((s) => s !== "" && s !== ".");
}

/**
 * Each file's class folder, or a reason it has none. A top folder shared by every file
 * (what a directory picker or a drop of the folder itself gives) is dropped first.
 */
export function classFolders(paths: readonly string[]): ({ cls: string } | { reason: string })[] {
  const parts = paths.map(segments);
  let drop = 0;
  for (;;) {
    const first = parts[0]?.[drop];
    if (first === undefined || !parts.every((p) => p.length >= drop + 3 && p[drop] === first)) {
      break;
    }
    drop++;
  }
  return parts.map((p) => {
    const rest = p.slice(drop);
    const name = rest[rest.length - 1] ?? "";
    if (rest.length < 2) return { reason: "not inside a class folder (expected class/file)" };
    if (rest.some((s) => s.startsWith("."))) return { reason: "hidden file or folder" };
    if (name === "Thumbs.db" || name === "desktop.ini") return { reason: "system file" };
    return { cls: rest[0] };
  });
}

export async function folderDataset(
  files: readonly FolderFile[],
  opts: FolderDatasetOptions,
): Promise<{ dataset: LabDataset; skipped: readonly SkippedFile[] }> {
  const res = checkResolution(opts.resolution);
  const seed = checkSeed(opts.seed);
  if (files.length > MAX_FOLDER_FILES) {
    throw new LabDatasetError(
      "too-many-files",
      `the folder holds ${files.length} files; the limit is ${MAX_FOLDER_FILES}.`,
    );
  }
  const skipped: SkippedFile[] = [];
  const folders = classFolders(files.map((f) => f.path));
  const candidates: { file: FolderFile; cls: string }[] = [];
  files.forEach((file, k) => {
    const c = folders[k];
    if ("reason" in c) skipped.push({ path: file.path, reason: c.reason });
    else candidates.push({ file, cls: c.cls });
  });
  candidates.sort((a, b) => (a.cls === b.cls ? cmp(a.file.path, b.file.path) : cmp(a.cls, b.cls)));
  checkSize(candidates.length, res);

  const per = res * res * 3;
  const pixels: Float32Array[] = [];
  const names: string[] = [];
  let done = 0;
  for (const { file, cls } of candidates) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("cancelled");
    try {
      const { image } = await opts.decode(file.bytes, file.path);
      const plan = planResize(image.width, image.height, res, res, "crop");
      const rgb = resizeToInput(image, plan);
      for (let i = 0; i < per; i++) rgb[i] = Math.min(1, Math.max(0, rgb[i] / 255));
      pixels.push(rgb);
      names.push(cls);
    } catch (e) {
      skipped.push({
        path: file.path,
        reason: e instanceof Error && e.message ? e.message : "could not be decoded",
      });
    }
    opts.onProgress?.(++done, candidates.length);
  }

  const skipNote = skipped.length
    ? ` (${skipped.length} file${skipped.length === 1 ? "" : "s"} skipped: ${skipped
        .slice(0, 3)
        .map((s) => s.path)
        .join(", ")}${skipped.length > 3 ? ", ..." : ""})`
    : "";
  if (pixels.length === 0) {
    throw new LabDatasetError(
      "no-images",
      `the folder has no readable images in class subfolders${skipNote}; put each class's images in a subfolder named after the class.`,
    );
  }
  const classes = [...new Set(names)];
  if (classes.length < 2) {
    throw new LabDatasetError(
      "too-few-classes",
      `the folder has images of ${classes.length} class (${classes.join(", ")}); at least two class subfolders with images are needed${skipNote}.`,
    );
  }
  const images = new Float32Array(pixels.length * per);
  pixels.forEach((p, i) => images.set(p, i * per));
  const labels = Int32Array.from(names, (n) => classes.indexOf(n));
  return {
    dataset: {
      kind: "folder",
      classes,
      resolution: res,
      count: pixels.length,
      images,
      labels,
      boxes: null,
      seed,
      sha256: datasetSha256(images, labels),
    },
    skipped,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
