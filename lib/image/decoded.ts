import { decodeBmp } from "./bmp";
import { applyOrientation } from "./exif";
import { workingSize } from "./limits";
import { resizeRgba } from "./resize";
import type { RgbaImage } from "./rgba";
import { checkImageBytes, type ImageHeader } from "./sniff";

/**
 * A decoded user image: the working copy (EXIF orientation applied, scaled down to at most
 * IMAGE_LIMITS.maxWorkingSide) plus what is needed to report positions in the original.
 */
export interface DecodedImage {
  readonly image: RgbaImage;
  readonly header: ImageHeader;
  /** Original size as displayed (after orientation). */
  readonly originalWidth: number;
  readonly originalHeight: number;
  /** working / original (<= 1). */
  readonly scale: number;
}

/** What mapping and scoring need of an image: a decoded file, or raw pixels (raw.ts). */
export type WorkingImage = Pick<
  DecodedImage,
  "image" | "originalWidth" | "originalHeight" | "scale"
>;

/**
 * The part of decoding shared by the browser and Node: byte and size checks from the
 * header, the working size, and BMP, which both decode with our own decoder so they agree.
 */
export function beginDecode(
  bytes: Uint8Array,
  name: string,
): { header: ImageHeader; work: ReturnType<typeof workingSize>; bmp: DecodedImage | null } {
  const header = checkImageBytes(bytes, name);
  const W = header.displayWidth;
  const H = header.displayHeight;
  const work = workingSize(W, H);
  if (header.format !== "bmp") return { header, work, bmp: null };
  let image = applyOrientation(decodeBmp(bytes, name), header.orientation);
  if (work.scale < 1) image = resizeRgba(image, work.width, work.height);
  return {
    header,
    work,
    bmp: { image, header, originalWidth: W, originalHeight: H, scale: work.scale },
  };
}
