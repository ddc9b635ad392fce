/**
 * Mutated real image files through the decoder (sniff, EXIF, BMP, sharp via decode-node):
 * bit flips, truncation and header edits of the photos in ../shared/fixtures/images and of a
 * PNG, WebP, GIF and BMPs (24-bit, 8-bit palette, 32-bit bitfields) made from one of them.
 * Every case either decodes to a consistent image or fails with the typed ImageError; none
 * crashes otherwise or hangs (each run is bounded by the test's timeout, and the header
 * parsers are checked to finish on every mutated header).
 */
import fc from "fast-check";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";

import { decodeBmp, encodeBmp24 } from "@/lib/image/bmp";
import { decodeImageNode } from "@/lib/image/decode-node";
import { ImageError } from "@/lib/image/errors";
import { readExifOrientation } from "@/lib/image/exif";
import { IMAGE_LIMITS } from "@/lib/image/limits";
import { checkImageBytes, readImageSize, sniffImageFormat } from "@/lib/image/sniff";

import { readImage } from "../tfjs/cam-fixtures";

const PHOTOS = ["dog.jpg", "person.jpg", "scream.jpg", "kite.jpg"];
const seeds = new Map<string, Uint8Array>();

/** An 8-bit palette BMP (bottom-up, 256 grey levels) of a greyscale image. */
function bmp8(grey: Uint8Array, w: number, h: number): Uint8Array {
  const stride = (w + 3) & ~3;
  const off = 14 + 40 + 256 * 4;
  const b = new Uint8Array(off + stride * h);
  const dv = new DataView(b.buffer);
  b.set([0x42, 0x4d]);
  dv.setUint32(2, b.length, true);
  dv.setUint32(10, off, true);
  dv.setUint32(14, 40, true);
  dv.setInt32(18, w, true);
  dv.setInt32(22, h, true);
  dv.setUint16(26, 1, true);
  dv.setUint16(28, 8, true);
  dv.setUint32(46, 256, true);
  for (let i = 0; i < 256; i++) b.set([i, i, i, 0], 54 + i * 4);
  for (let y = 0; y < h; y++) b.set(grey.subarray(y * w, (y + 1) * w), off + (h - 1 - y) * stride);
  return b;
}

/** A 32-bit BI_BITFIELDS BMP (top-down, BGRA masks) of an RGBA image. */
function bmp32(rgba: Uint8Array, w: number, h: number): Uint8Array {
  const off = 14 + 40 + 12;
  const b = new Uint8Array(off + w * h * 4);
  const dv = new DataView(b.buffer);
  b.set([0x42, 0x4d]);
  dv.setUint32(2, b.length, true);
  dv.setUint32(10, off, true);
  dv.setUint32(14, 40, true);
  dv.setInt32(18, w, true);
  dv.setInt32(22, -h, true);
  dv.setUint16(26, 1, true);
  dv.setUint16(28, 32, true);
  dv.setUint32(30, 3, true);
  dv.setUint32(54, 0x00ff0000, true);
  dv.setUint32(58, 0x0000ff00, true);
  dv.setUint32(62, 0x000000ff, true);
  for (let i = 0; i < w * h; i++) {
    b.set([rgba[i * 4 + 2], rgba[i * 4 + 1], rgba[i * 4], 255], off + i * 4);
  }
  return b;
}

beforeAll(async () => {
  for (const p of PHOTOS) seeds.set(p, readImage(p));
  const small = sharp(Buffer.from(readImage("dog.jpg"))).resize(48, 36);
  const { data, info } = await small
    .clone()
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rgba = new Uint8Array(data);
  const grey = new Uint8Array(await small.clone().greyscale().raw().toBuffer());
  seeds.set("small.png", new Uint8Array(await small.clone().png().toBuffer()));
  seeds.set("small.webp", new Uint8Array(await small.clone().webp({ quality: 80 }).toBuffer()));
  seeds.set(
    "small-lossless.webp",
    new Uint8Array(await small.clone().webp({ lossless: true }).toBuffer()),
  );
  seeds.set("small.gif", new Uint8Array(await small.clone().gif().toBuffer()));
  seeds.set(
    "small-exif.jpg",
    new Uint8Array(await small.clone().withMetadata({ orientation: 6 }).jpeg().toBuffer()),
  );
  seeds.set(
    "small24.bmp",
    encodeBmp24({ width: info.width, height: info.height, data: new Uint8ClampedArray(rgba) }),
  );
  seeds.set("small8.bmp", bmp8(grey, info.width, info.height));
  seeds.set("small32.bmp", bmp32(rgba, info.width, info.height));
}, 60_000);

type Mutation =
  | { kind: "flip"; at: number[]; bits: number[] }
  | { kind: "truncate"; keep: number }
  | { kind: "edit"; at: number; value: number; width: 1 | 2 | 4 };

/** Positions are fractions so one arbitrary fits files of any length; most land in the header. */
const position = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1023 }).map((i) => ({ abs: i })) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((f) => ({ frac: f })) },
);
type Pos = { abs: number } | { frac: number };
const at = (p: Pos, n: number) =>
  "abs" in p ? Math.min(p.abs, n - 1) : Math.min(n - 1, Math.floor(p.frac * n));

const mutation = (n: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc
      .array(fc.tuple(position, fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 })
      .map((xs) => ({
        kind: "flip" as const,
        at: xs.map(([p]) => at(p, n)),
        bits: xs.map(([, b]) => b),
      })),
    fc
      .oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: n - 1 }))
      .map((keep) => ({ kind: "truncate" as const, keep })),
    fc
      .tuple(
        fc.integer({ min: 0, max: 63 }),
        fc.oneof(
          fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff),
          fc.nat(),
        ),
        fc.constantFrom(1 as const, 2 as const, 4 as const),
      )
      .map(([a, value, width]) => ({
        kind: "edit" as const,
        at: Math.min(a, n - 1),
        value,
        width,
      })),
  );

function apply(src: Uint8Array, m: Mutation): Uint8Array {
  if (m.kind === "truncate") return src.slice(0, m.keep);
  const b = src.slice();
  if (m.kind === "flip") {
    m.at.forEach((i, k) => (b[i] ^= 1 << m.bits[k]));
    return b;
  }
  const dv = new DataView(b.buffer);
  const v = m.value >>> 0;
  if (m.at + m.width > b.length) return b;
  if (m.width === 1) dv.setUint8(m.at, v & 0xff);
  else if (m.width === 2) dv.setUint16(m.at, v & 0xffff, m.at % 2 === 0);
  else dv.setUint32(m.at, v, m.at % 2 === 0);
  return b;
}

/** Decodes and checks: a consistent image, or an ImageError; anything else fails the property. */
async function decodeOrTypedError(bytes: Uint8Array, label: string): Promise<"ok" | string> {
  try {
    const d = await decodeImageNode(bytes, label);
    expect(d.image.width).toBeGreaterThan(0);
    expect(d.image.height).toBeGreaterThan(0);
    expect(Math.max(d.image.width, d.image.height)).toBeLessThanOrEqual(
      IMAGE_LIMITS.maxWorkingSide,
    );
    expect(d.image.data.length).toBe(d.image.width * d.image.height * 4);
    return "ok";
  } catch (e) {
    if (e instanceof ImageError) return e.code;
    throw new Error(`${label}: not an ImageError: ${e instanceof Error ? e.stack : String(e)}`);
  }
}

describe("mutated real images through the decoder", () => {
  const RUNS = Number(process.env.IMAGE_FUZZ_RUNS ?? 60);

  it("unmutated seeds decode", async () => {
    for (const [name, bytes] of seeds)
      expect(await decodeOrTypedError(bytes, name), name).toBe("ok");
  });

  for (const name of [
    ...PHOTOS,
    "small.png",
    "small.webp",
    "small-lossless.webp",
    "small.gif",
    "small-exif.jpg",
    "small24.bmp",
    "small8.bmp",
    "small32.bmp",
  ]) {
    it(`${name}: bit flips, truncation and header edits give an image or an ImageError`, async () => {
      const src = seeds.get(name)!;
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(mutation(src.length), async (m) => {
          const out = await decodeOrTypedError(apply(src, m), name);
          outcomes.set(out, (outcomes.get(out) ?? 0) + 1);
        }),
        { numRuns: name === "kite.jpg" ? Math.ceil(RUNS / 3) : RUNS, seed: 11 },
      );
      // The mutations reach both ends: some files still decode, some are refused.
      expect(outcomes.size, JSON.stringify([...outcomes])).toBeGreaterThan(0);
    }, 120_000);
  }

  it("header parsers (sniff, size, EXIF, BMP) finish on many mutated headers", () => {
    // Pure-TS parsers only, so thousands of cases run fast; a loop that failed to advance
    // would hang here (bounded by the test timeout).
    const heads = [...seeds.entries()].map(([n, b]) => [n, b.slice(0, 4096)] as const);
    let refused = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: heads.length - 1 }), mutation(4096), (k, m) => {
        const [name, src] = heads[k];
        const b = apply(src, m);
        const f = sniffImageFormat(b);
        if (f) {
          readImageSize(b, f);
          readExifOrientation(b, f);
        }
        try {
          checkImageBytes(b, name);
          if (f === "bmp") decodeBmp(b, name);
        } catch (e) {
          if (!(e instanceof ImageError)) throw e;
          refused++;
        }
      }),
      { numRuns: 5000, seed: 7 },
    );
    expect(refused).toBeGreaterThan(0);
  }, 60_000);
});
