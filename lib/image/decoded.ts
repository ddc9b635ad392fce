import type { RgbaImage } from "./rgba";
import type { ImageHeader } from "./sniff";

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
