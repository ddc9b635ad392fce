/**
 * Records what the page saves. jsdom has no URL.createObjectURL and does not download on a
 * link click, so both are observed here: the Blob handed to the browser and the link's
 * file name, exactly as the real download code produces them.
 */
import { afterEach, beforeEach, vi } from "vitest";

export interface Saved {
  readonly filename: string;
  readonly href: string;
  readonly blob: Blob | null;
}

export function recordDownloads(): Saved[] {
  const saved: Saved[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  beforeEach(() => {
    saved.length = 0;
    URL.createObjectURL = (b: Blob | MediaSource) => {
      const url = `blob:test/${++n}`;
      blobs.set(url, b as Blob);
      return url;
    };
    URL.revokeObjectURL = (u: string) => void blobs.delete(u);
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({
        filename: this.download,
        href: this.getAttribute("href") ?? "",
        blob: blobs.get(this.getAttribute("href") ?? "") ?? null,
      });
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return saved;
}
