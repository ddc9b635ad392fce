/**
 * A small pure-TS BMP decoder (sharp/libvips cannot read BMP). Handles the formats real
 * tools write: 1/4/8-bit palette, 16/24/32-bit, BI_RGB and BI_BITFIELDS, bottom-up and
 * top-down. RLE-compressed BMPs are refused with a clear message.
 */
import { ImageError } from "./errors";
import type { RgbaImage } from "./rgba";

export function decodeBmp(b: Uint8Array, name = "the image"): RgbaImage {
  const corrupt = (why: string) => new ImageError("corrupt", `${name} is a damaged BMP: ${why}.`);
  if (b.length < 26 || b[0] !== 0x42 || b[1] !== 0x4d) throw corrupt("missing BMP header");
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dataOffset = dv.getUint32(10, true);
  const dib = dv.getUint32(14, true);
  let width: number,
    height: number,
    bpp: number,
    compression = 0,
    colorsUsed = 0;
  let paletteEntrySize = 4;
  if (dib === 12) {
    width = dv.getUint16(18, true);
    height = dv.getInt16(20, true);
    bpp = dv.getUint16(24, true);
    paletteEntrySize = 3;
  } else if (dib >= 40 && b.length >= 54) {
    width = dv.getInt32(18, true);
    height = dv.getInt32(22, true);
    bpp = dv.getUint16(28, true);
    compression = dv.getUint32(30, true);
    colorsUsed = dv.getUint32(46, true);
  } else {
    throw corrupt(`unknown DIB header size ${dib}`);
  }
  const topDown = height < 0;
  height = Math.abs(height);
  if (width <= 0 || height <= 0) throw corrupt(`bad size ${width} x ${height}`);
  if (compression === 1 || compression === 2) {
    throw new ImageError(
      "unsupported-format",
      `${name} is an RLE-compressed BMP, which is not supported; save it as an uncompressed BMP or PNG.`,
    );
  }
  if (compression !== 0 && compression !== 3 && compression !== 6) {
    throw new ImageError(
      "unsupported-format",
      `${name} uses BMP compression ${compression}, which is not supported.`,
    );
  }
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) throw corrupt(`unsupported bit depth ${bpp}`);

  // Channel masks for 16/32-bit.
  let masks: [number, number, number, number] | null = null;
  if (bpp === 16 || bpp === 32) {
    if (compression === 3 || compression === 6) {
      const at = 54; // BITMAPINFOHEADER: right after it; V4/V5: inside it, same offset
      if (at + 12 > b.length) throw corrupt("bitfield masks missing");
      masks = [
        dv.getUint32(at, true),
        dv.getUint32(at + 4, true),
        dv.getUint32(at + 8, true),
        dib >= 56 || compression === 6 ? dv.getUint32(at + 12, true) : 0,
      ];
    } else {
      masks = bpp === 16 ? [0x7c00, 0x03e0, 0x001f, 0] : [0x00ff0000, 0x0000ff00, 0x000000ff, 0];
    }
  }

  let palette: Uint8Array | null = null;
  if (bpp <= 8) {
    const n = colorsUsed || 1 << bpp;
    const start = 14 + dib;
    if (start + n * paletteEntrySize > b.length) throw corrupt("palette truncated");
    palette = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) {
      const p = start + i * paletteEntrySize;
      palette[i * 3] = b[p + 2];
      palette[i * 3 + 1] = b[p + 1];
      palette[i * 3 + 2] = b[p];
    }
  }

  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataOffset + stride * height > b.length) {
    throw corrupt(`pixel data truncated (${b.length} bytes, need ${dataOffset + stride * height})`);
  }
  const out = new Uint8ClampedArray(width * height * 4);
  const field = (v: number, m: number) => {
    if (!m) return 255;
    let shift = 0;
    while (((m >>> shift) & 1) === 0) shift++;
    const max = m >>> shift;
    return Math.round((((v & m) >>> shift) * 255) / max);
  };
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (palette) {
        const bitPos = x * bpp;
        const byte = b[row + (bitPos >> 3)];
        const idx = bpp === 8 ? byte : (byte >> (8 - bpp - (bitPos & 7))) & ((1 << bpp) - 1);
        if (idx * 3 + 2 >= palette.length) throw corrupt(`palette index ${idx} out of range`);
        out[o] = palette[idx * 3];
        out[o + 1] = palette[idx * 3 + 1];
        out[o + 2] = palette[idx * 3 + 2];
        out[o + 3] = 255;
      } else if (bpp === 24) {
        const p = row + x * 3;
        out[o] = b[p + 2];
        out[o + 1] = b[p + 1];
        out[o + 2] = b[p];
        out[o + 3] = 255;
      } else {
        const v = bpp === 16 ? dv.getUint16(row + x * 2, true) : dv.getUint32(row + x * 4, true);
        const m = masks!;
        out[o] = field(v, m[0]);
        out[o + 1] = field(v, m[1]);
        out[o + 2] = field(v, m[2]);
        out[o + 3] = m[3] ? field(v, m[3]) : 255;
      }
    }
  }
  return { width, height, data: out };
}

/** Encode RGBA as a plain 24-bit bottom-up BMP (alpha dropped): for tests and downloads. */
export function encodeBmp24(img: RgbaImage): Uint8Array {
  const { width, height, data } = img;
  const stride = Math.floor((24 * width + 31) / 32) * 4;
  const size = 54 + stride * height;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  b[0] = 0x42;
  b[1] = 0x4d;
  dv.setUint32(2, size, true);
  dv.setUint32(10, 54, true);
  dv.setUint32(14, 40, true);
  dv.setInt32(18, width, true);
  dv.setInt32(22, height, true); // bottom-up, the common case
  dv.setUint16(26, 1, true);
  dv.setUint16(28, 24, true);
  dv.setUint32(34, stride * height, true);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 4;
      b[row + x * 3] = data[s + 2];
      b[row + x * 3 + 1] = data[s + 1];
      b[row + x * 3 + 2] = data[s];
    }
  }
  return b;
}
