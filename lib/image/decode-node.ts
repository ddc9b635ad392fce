/**
 * Node decoding (CLI, tests, benchmarks): sharp for JPEG/PNG/WebP/GIF (first frame), with
 * EXIF auto-orientation; our own decoder for BMP. Not for the browser bundle.
 */
import sharp from "sharp";

import { decodeBmp } from "./bmp";
import type { DecodedImage } from "./decoded";
import { ImageError } from "./errors";
import { applyOrientation } from "./exif";
import { IMAGE_LIMITS, workingSize } from "./limits";
import { resizeRgba } from "./resize";
import { checkImageBytes } from "./sniff";

export async function decodeImageNode(
  bytes: Uint8Array,
  name = "the image",
): Promise<DecodedImage> {
  const header = checkImageBytes(bytes, name);
  const W = header.displayWidth;
  const H = header.displayHeight;
  const work = workingSize(W, H);
  if (header.format === "bmp") {
    let image = applyOrientation(decodeBmp(bytes, name), header.orientation);
    if (work.scale < 1) image = resizeRgba(image, work.width, work.height);
    return { image, header, originalWidth: W, originalHeight: H, scale: work.scale };
  }
  try {
    let pipeline = sharp(bytes, {
      pages: 1,
      limitInputPixels: IMAGE_LIMITS.maxPixels,
      failOn: "error",
    }).rotate();
    if (work.scale < 1) pipeline = pipeline.resize(work.width, work.height, { fit: "fill" });
    const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`expected 4 channels, got ${info.channels}`);
    return {
      image: {
        width: info.width,
        height: info.height,
        data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
      },
      header,
      originalWidth: W,
      originalHeight: H,
      scale: info.width / W,
    };
  } catch (e) {
    throw new ImageError(
      "corrupt",
      `${name} could not be decoded as ${header.format.toUpperCase()} (the file is damaged or truncated): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
