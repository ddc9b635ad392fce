/**
 * Raw RGBA pixels given as an image (not a file): the Lab's procedural images on /cam
 * (lib/lab/cam-images.ts). Checked like a decoded file: size within the limits, and exactly
 * width * height * 4 bytes. The pixels are the original; nothing is resized.
 */
import type { WorkingImage } from "./decoded";
import { ImageError } from "./errors";
import { IMAGE_LIMITS } from "./limits";

export function rawImage(
  name: string,
  width: unknown,
  height: unknown,
  rgba: ArrayBuffer | ArrayBufferView,
): WorkingImage {
  const side = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 1;
  if (!side(width) || !side(height))
    throw new ImageError(
      "empty",
      `${name}: width and height must be whole numbers of pixels, at least 1; got ${String(width)} x ${String(height)}.`,
    );
  const w = width as number;
  const h = height as number;
  const max = IMAGE_LIMITS.maxWorkingSide;
  if (w > max || h > max || w * h > IMAGE_LIMITS.maxPixels)
    throw new ImageError(
      "too-many-pixels",
      `${name}: ${w} x ${h} px is too large for raw pixels; at most ${max} px on a side.`,
    );
  if (rgba.byteLength !== w * h * 4)
    throw new ImageError(
      "corrupt",
      `${name}: ${w} x ${h} RGBA needs ${w * h * 4} bytes; got ${rgba.byteLength}.`,
    );
  const bytes = ArrayBuffer.isView(rgba)
    ? new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength)
    : new Uint8ClampedArray(rgba);
  return {
    image: { width: w, height: h, data: bytes },
    originalWidth: w,
    originalHeight: h,
    scale: 1,
  };
}
