/**
 * Identify an image by its bytes (never by its file name) and read its stored size and EXIF
 * orientation from the header, so limits can be enforced before decoding.
 */
import { ImageError } from "./errors";
import { readExifOrientation } from "./exif";
import { formatBytes, IMAGE_LIMITS } from "./limits";

export type ImageFormat = "jpeg" | "png" | "webp" | "gif" | "bmp";
export const IMAGE_FORMATS: readonly ImageFormat[] = ["jpeg", "png", "webp", "gif", "bmp"];

export interface ImageHeader {
  readonly format: ImageFormat;
  /** Stored size (before EXIF orientation). */
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1..8 (1 = as stored). */
  readonly orientation: number;
  /** Size as displayed, i.e. after applying the orientation (5..8 swap the axes). */
  readonly displayWidth: number;
  readonly displayHeight: number;
}

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** The format the bytes are in, or null if none we accept. */
export function sniffImageFormat(b: Uint8Array): ImageFormat | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8)) return "webp";
  if (startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a"))) return "gif";
  if (startsWith(b, ascii("BM")) && b.length >= 26) return "bmp";
  return null;
}

/** Names a few formats people often try, so the refusal says what the file actually is. */
function describeUnknown(b: Uint8Array): string {
  if (startsWith(b, ascii("%PDF"))) return "a PDF document";
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]))
    return "a TIFF image";
  if (
    startsWith(b, ascii("ftypheic"), 4) ||
    startsWith(b, ascii("ftypheix"), 4) ||
    startsWith(b, ascii("ftypmif1"), 4)
  )
    return "a HEIC/HEIF image";
  if (startsWith(b, ascii("ftypavif"), 4)) return "an AVIF image";
  if (startsWith(b, [0x00, 0x00, 0x01, 0x00])) return "an ICO icon";
  if (startsWith(b, ascii("PK"))) return "a ZIP archive";
  const head = new TextDecoder().decode(b.subarray(0, 256)).trimStart().toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg")))
    return "an SVG drawing";
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "an HTML page";
  if (head.startsWith("{") || head.startsWith("[")) return "JSON text";
  return "not an image we recognise";
}

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number) =>
  ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
const i32le = (b: Uint8Array, i: number) =>
  b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);

function jpegSize(b: Uint8Array): [number, number] | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    let marker = b[i + 1];
    while (marker === 0xff && i + 2 < b.length) {
      i++;
      marker = b[i + 1];
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end / scan before a frame header
    const len = u16be(b, i + 2);
    if (len < 2) return null;
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return null;
      return [u16be(b, i + 7), u16be(b, i + 5)];
    }
    i += 2 + len;
  }
  return null;
}

function webpSize(b: Uint8Array): [number, number] | null {
  const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
  if (chunk === "VP8X" && b.length >= 30) return [u24le(b, 24) + 1, u24le(b, 27) + 1];
  if (chunk === "VP8L" && b.length >= 25 && b[20] === 0x2f) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (chunk === "VP8 " && b.length >= 30 && startsWith(b, [0x9d, 0x01, 0x2a], 23)) {
    return [u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff];
  }
  return null;
}

/** Stored width/height from the header, or null if the header is unreadable. */
export function readImageSize(b: Uint8Array, format: ImageFormat): [number, number] | null {
  switch (format) {
    case "jpeg":
      return jpegSize(b);
    case "png":
      return b.length >= 24 && startsWith(b, ascii("IHDR"), 12)
        ? [u32be(b, 16), u32be(b, 20)]
        : null;
    case "gif":
      return b.length >= 10 ? [u16le(b, 6), u16le(b, 8)] : null;
    case "webp":
      return webpSize(b);
    case "bmp": {
      const dib = b[14] | (b[15] << 8);
      if (dib === 12) return [u16le(b, 18), u16le(b, 20)];
      return b.length >= 26 ? [i32le(b, 18), Math.abs(i32le(b, 22))] : null;
    }
  }
}

/**
 * Check raw bytes against the accepted formats and the size limits. Throws ImageError with
 * a message naming the problem (and the file, when given); returns the header otherwise.
 */
export function checkImageBytes(bytes: Uint8Array, name = "the image"): ImageHeader {
  if (bytes.length === 0) throw new ImageError("empty", `${name} is empty (0 bytes).`);
  if (bytes.length > IMAGE_LIMITS.maxBytes) {
    throw new ImageError(
      "too-many-bytes",
      `${name} is ${formatBytes(bytes.length)}; the limit is ${formatBytes(IMAGE_LIMITS.maxBytes)}.`,
    );
  }
  const format = sniffImageFormat(bytes);
  if (!format) {
    throw new ImageError(
      "unsupported-format",
      `${name} is ${describeUnknown(bytes)}; accepted formats are JPEG, PNG, WebP, GIF and BMP (checked from the file's bytes, not its name).`,
    );
  }
  const size = readImageSize(bytes, format);
  if (!size || !(size[0] > 0) || !(size[1] > 0)) {
    throw new ImageError(
      "corrupt",
      `${name} starts like a ${format.toUpperCase()} file but its header is damaged or truncated (no readable width and height).`,
    );
  }
  const [width, height] = size;
  if (width * height > IMAGE_LIMITS.maxPixels) {
    throw new ImageError(
      "too-many-pixels",
      `${name} is ${width} x ${height} = ${((width * height) / 1e6).toFixed(1)} megapixels; the limit is ${IMAGE_LIMITS.maxPixels / 1e6} megapixels.`,
    );
  }
  const orientation = readExifOrientation(bytes, format);
  const swap = orientation >= 5;
  return {
    format,
    width,
    height,
    orientation,
    displayWidth: swap ? height : width,
    displayHeight: swap ? width : height,
  };
}
