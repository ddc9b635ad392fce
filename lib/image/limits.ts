/**
 * Size limits for user images. Bytes and pixels are checked from the file header BEFORE
 * decoding, so a decompression bomb (tiny file, huge canvas) is refused without allocating it.
 */
export const IMAGE_LIMITS = {
  /** Largest accepted file. */
  maxBytes: 50 * 1024 * 1024,
  /** Largest accepted canvas (width x height of the stored image). */
  maxPixels: 60_000_000,
  /**
   * Decoded images are scaled down so their longer side is at most this many pixels before
   * they become tensors or canvases: a 60-megapixel photo would otherwise need ~240 MB of
   * RGBA. Maps are still reported in the ORIGINAL image's pixel coordinates.
   */
  maxWorkingSide: 2048,
} as const;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Size of the working copy: the image scaled down (never up) to fit maxSide. */
export function workingSize(
  width: number,
  height: number,
  maxSide: number = IMAGE_LIMITS.maxWorkingSide,
): { width: number; height: number; scale: number } {
  const longer = Math.max(width, height);
  if (longer <= maxSide) return { width, height, scale: 1 };
  const scale = maxSide / longer;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    scale,
  };
}
