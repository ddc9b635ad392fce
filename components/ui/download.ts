/**
 * The app's one download helper: saves a Blob, text, bytes or a data URL under a file name
 * through a temporary link. Object URLs are revoked after the click has been handled.
 */
import { toCsv, type Cell } from "@/lib/csv";

export type Downloadable = Blob | string | ArrayBuffer | ArrayBufferView;

const REVOKE_AFTER_MS = 10_000;

/** Characters no file system accepts, and control characters, become "_". */
export function safeFilename(name: string, fallback = "download"): string {
  const s = name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, "_").trim();
  return s === "" || /^\.+$/.test(s) ? fallback : s.slice(0, 200);
}

/** A Blob of `data` (strings as UTF-8 text) with the given MIME type. */
export function toBlob(data: Downloadable, type = "application/octet-stream"): Blob {
  if (data instanceof Blob) return data;
  if (typeof data === "string") return new Blob([data], { type });
  if (data instanceof ArrayBuffer) return new Blob([data], { type });
  const view = new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  return new Blob([view], { type });
}

function clickLink(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = safeFilename(filename);
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves `data` as `filename`. Strings are text (give `type`, e.g. "text/csv"). */
export function download(data: Downloadable, filename: string, type?: string): void {
  const blob = toBlob(data, type);
  const url = URL.createObjectURL(blob);
  clickLink(url, filename);
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** Kept for callers that hold a Blob already. */
export function downloadBlob(blob: Blob, filename: string): void {
  download(blob, filename);
}

/** Saves a `data:` URL (e.g. canvas.toDataURL()) as `filename`. */
export function downloadDataUrl(dataUrl: string, filename: string): void {
  if (!dataUrl.startsWith("data:")) throw new Error("not a data: URL");
  clickLink(dataUrl, filename);
}

export const MIME = {
  csv: "text/csv;charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml;charset=utf-8",
  png: "image/png",
  bin: "application/octet-stream",
} as const;

/** A CSV table as a file (for DownloadButton's `make` or `download`). */
export function csvFile(
  filename: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): { readonly data: string; readonly filename: string; readonly type: string } {
  return { data: toCsv(header, rows), filename, type: MIME.csv };
}
