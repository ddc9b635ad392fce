/**
 * Node decoding (CLI, tests, benchmarks): sharp for JPEG/PNG/WebP/GIF (first frame), with
 * EXIF auto-orientation; our own decoder for BMP. Not for the browser bundle.
 */
import sharp from "sharp";

import { beginDecode, type DecodedImage } from "./decoded";
import { ImageError } from "./errors";
import { IMAGE_LIMITS } from "./limits";

export async function decodeImageNode(
  bytes: Uint8Array,
  name = "the image",
): Promise<DecodedImage> {
  const { header, work, bmp } = beginDecode(bytes, name);
  if (bmp) return bmp;
  const W = header.displayWidth;
  const H = header.displayHeight;
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
