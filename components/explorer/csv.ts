/** CSV text (RFC 4180 quoting) and a browser download helper for the explorer's tables. */

export type Cell = string | number | boolean | null | undefined;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const esc = (c: Cell): string => {
    const s = c === null || c === undefined ? "" : String(c);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(esc).join(",")).join("\r\n") + "\r\n";
}

/** Saves a Blob under `filename` via a temporary object URL. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(
  filename: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): void {
  downloadBlob(new Blob([toCsv(header, rows)], { type: "text/csv;charset=utf-8" }), filename);
}

/** A file-name-safe slug of the current configuration, e.g. "efficientnet-phi-3.5". */
export function slug(query: string): string {
  return (query || "efficientnet-b0")
    .replace(/model=/, "")
    .replace(/[&=]/g, "-")
    .replace(/[^\w.-]/g, "");
}
