/**
 * EXIF orientation (tag 0x0112) from JPEG APP1, PNG eXIf and WebP EXIF chunks, plus a pure
 * TS rotation of RGBA pixels for decoders that do not apply it themselves (our BMP path has
 * no EXIF; sharp and createImageBitmap({imageOrientation:"from-image"}) apply it natively).
 */
import type { RgbaImage } from "./rgba";
import type { ImageFormat } from "./sniff";

/** Orientation 1..8 from a TIFF-structured EXIF block starting at `start`; 1 if absent/bad. */
export function orientationFromTiff(b: Uint8Array, start: number): number {
  if (start + 8 > b.length) return 1;
  const le = b[start] === 0x49 && b[start + 1] === 0x49;
  const be = b[start] === 0x4d && b[start + 1] === 0x4d;
  if (!le && !be) return 1;
  const u16 = (i: number) => (le ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  const u32 = (i: number) =>
    le
      ? (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0
      : ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
  if (u16(start + 2) !== 42) return 1;
  const ifd = start + u32(start + 4);
  if (ifd + 2 > b.length) return 1;
  const n = u16(ifd);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > b.length) return 1;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

function jpegOrientation(b: Uint8Array): number {
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1];
    if (marker === 0xda || marker === 0xd9) break;
    const len = (b[i + 2] << 8) | b[i + 3];
    if (
      marker === 0xe1 &&
      i + 10 <= b.length &&
      b[i + 4] === 0x45 && // "Exif\0\0"
      b[i + 5] === 0x78 &&
      b[i + 6] === 0x69 &&
      b[i + 7] === 0x66
    ) {
      return orientationFromTiff(b, i + 10);
    }
    i += 2 + len;
  }
  return 1;
}

function pngOrientation(b: Uint8Array): number {
  let i = 8;
  while (i + 8 <= b.length) {
    const len = ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    if (type === "eXIf") return orientationFromTiff(b, i + 8);
    if (type === "IDAT" || type === "IEND") break;
    i += 12 + len;
  }
  return 1;
}

function webpOrientation(b: Uint8Array): number {
  let i = 12;
  while (i + 8 <= b.length) {
    const type = String.fromCharCode(b[i], b[i + 1], b[i + 2], b[i + 3]);
    const len = (b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24)) >>> 0;
    if (type === "EXIF") {
      // Some writers keep the "Exif\0\0" prefix inside the chunk.
      const s = i + 8;
      const off = b[s] === 0x45 && b[s + 1] === 0x78 ? 6 : 0;
      return orientationFromTiff(b, s + off);
    }
    i += 8 + len + (len & 1);
  }
  return 1;
}

export function readExifOrientation(b: Uint8Array, format: ImageFormat): number {
  switch (format) {
    case "jpeg":
      return jpegOrientation(b);
    case "png":
      return pngOrientation(b);
    case "webp":
      return webpOrientation(b);
    default:
      return 1;
  }
}

/**
 * Apply an EXIF orientation to stored pixels, giving the image as it should be displayed.
 * Orientation semantics follow the EXIF spec (2 = mirror, 3 = 180, 6 = rotate 90 CW, ...).
 */
export function applyOrientation(img: RgbaImage, orientation: number): RgbaImage {
  if (orientation <= 1 || orientation > 8) return img;
  const { width: w, height: h, data } = img;
  const swap = orientation >= 5;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8ClampedArray(ow * oh * 4);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      // (sx, sy): the stored pixel shown at display position (x, y).
      let sx: number, sy: number;
      switch (orientation) {
        case 2:
          sx = w - 1 - x;
          sy = y;
          break;
        case 3:
          sx = w - 1 - x;
          sy = h - 1 - y;
          break;
        case 4:
          sx = x;
          sy = h - 1 - y;
          break;
        case 5:
          sx = y;
          sy = x;
          break;
        case 6:
          sx = y;
          sy = h - 1 - x;
          break;
        case 7:
          sx = w - 1 - y;
          sy = h - 1 - x;
          break;
        default:
          sx = w - 1 - y;
          sy = x;
          break; // 8
      }
      const si = (sy * w + sx) * 4;
      const di = (y * ow + x) * 4;
      out[di] = data[si];
      out[di + 1] = data[si + 1];
      out[di + 2] = data[si + 2];
      out[di + 3] = data[si + 3];
    }
  }
  return { width: ow, height: oh, data: out };
}
