import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { encodeBmp24 } from "@/lib/image/bmp";
import { ImageError } from "@/lib/image/errors";
import { IMAGE_LIMITS } from "@/lib/image/limits";
import { checkImageBytes, sniffImageFormat } from "@/lib/image/sniff";

import { readImage } from "../tfjs/cam-fixtures";

const rgba = (w: number, h: number) => ({
  width: w,
  height: h,
  data: new Uint8ClampedArray(w * h * 4).fill(200),
});
const raw = (w: number, h: number) =>
  sharp(Buffer.alloc(w * h * 3, 128), { raw: { width: w, height: h, channels: 3 } });

function errorOf(f: () => unknown): ImageError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ImageError);
    return e as ImageError;
  }
  throw new Error("expected an ImageError");
}

describe("format sniffing (bytes, not names) and header sizes", () => {
  it("recognises every accepted format and reads its size", async () => {
    const cases: [string, Uint8Array][] = [
      ["jpeg", new Uint8Array(await raw(37, 21).jpeg().toBuffer())],
      ["png", new Uint8Array(await raw(37, 21).png().toBuffer())],
      ["webp", new Uint8Array(await raw(37, 21).webp().toBuffer())],
      ["webp", new Uint8Array(await raw(37, 21).webp({ lossless: true }).toBuffer())],
      ["gif", new Uint8Array(await raw(37, 21).gif().toBuffer())],
      ["bmp", encodeBmp24(rgba(37, 21))],
    ];
    for (const [fmt, bytes] of cases) {
      expect(sniffImageFormat(bytes)).toBe(fmt);
      const h = checkImageBytes(bytes, "x");
      expect([h.format, h.width, h.height]).toEqual([fmt, 37, 21]);
    }
    const dog = checkImageBytes(readImage("dog.jpg"));
    expect([dog.format, dog.width, dog.height, dog.orientation]).toEqual(["jpeg", 768, 576, 1]);
  });

  it("refuses empty, unknown, corrupt and oversized inputs, each with its own message", async () => {
    expect(errorOf(() => checkImageBytes(new Uint8Array(0), "a.jpg")).code).toBe("empty");
    const pdf = errorOf(() => checkImageBytes(new TextEncoder().encode("%PDF-1.7 ..."), "cv.jpg"));
    expect([pdf.code, pdf.message]).toEqual([
      "unsupported-format",
      expect.stringContaining("cv.jpg is a PDF document"),
    ]);
    expect(
      errorOf(() => checkImageBytes(new TextEncoder().encode("<svg xmlns=...>"), "s")).message,
    ).toMatch(/SVG/);
    expect(errorOf(() => checkImageBytes(new Uint8Array([1, 2, 3, 4, 5]), "r")).message).toMatch(
      /not an image we recognise/,
    );
    // Truncated: a JPEG cut before its frame header.
    const trunc = errorOf(() => checkImageBytes(readImage("dog.jpg").slice(0, 20), "t.jpg"));
    expect([trunc.code, trunc.message]).toEqual([
      "corrupt",
      expect.stringMatching(/JPEG.*damaged or truncated/),
    ]);
    // 10000 x 7000 PNG header = 70 MP > 60 MP, refused before any decoding.
    const png = new Uint8Array(await raw(10, 10).png().toBuffer());
    const dv = new DataView(png.buffer);
    dv.setUint32(16, 10000);
    dv.setUint32(20, 7000);
    const big = errorOf(() => checkImageBytes(png, "huge.png"));
    expect([big.code, big.message]).toEqual([
      "too-many-pixels",
      expect.stringMatching(/70\.0 megapixels; the limit is 60/),
    ]);
    const bytes = new Uint8Array(IMAGE_LIMITS.maxBytes + 1);
    bytes.set([0xff, 0xd8, 0xff]);
    expect(errorOf(() => checkImageBytes(bytes, "b.jpg")).code).toBe("too-many-bytes");
  });
});
