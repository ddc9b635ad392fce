import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { decodeBmp, encodeBmp24 } from "@/lib/image/bmp";
import { decodeImageNode } from "@/lib/image/decode-node";
import { ImageError } from "@/lib/image/errors";
import { applyOrientation } from "@/lib/image/exif";
import { checkImageBytes } from "@/lib/image/sniff";

import { readImage } from "../tfjs/cam-fixtures";

/** A 6x4 image whose every pixel is distinct, as RGBA. */
function pattern(w = 6, h = 4) {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([i * 10, 255 - i * 10, (i * 37) % 256, 255], i * 4);
  return { width: w, height: h, data };
}

describe("EXIF orientation", () => {
  it("is read from JPEG, PNG and WebP, and applyOrientation matches libvips for all 8 values", async () => {
    const img = pattern();
    const rawIn = sharp(Buffer.from(img.data), { raw: { width: 6, height: 4, channels: 4 } });
    for (let o = 1; o <= 8; o++) {
      for (const fmt of ["png", "webp", "jpeg"] as const) {
        let p = rawIn.clone().withMetadata({ orientation: o });
        p =
          fmt === "png"
            ? p.png()
            : fmt === "webp"
              ? p.webp({ lossless: true })
              : p.jpeg({ quality: 100 });
        const bytes = new Uint8Array(await p.toBuffer());
        const h = checkImageBytes(bytes, fmt);
        expect(h.orientation, `${fmt} orientation ${o}`).toBe(o);
        expect([h.displayWidth, h.displayHeight]).toEqual(o >= 5 ? [4, 6] : [6, 4]);
        if (fmt === "jpeg") continue; // lossy: pixel equality only on lossless formats
        const d = await decodeImageNode(bytes, fmt);
        const mine = applyOrientation(img, o);
        expect([d.image.width, d.image.height]).toEqual([mine.width, mine.height]);
        expect(Array.from(d.image.data)).toEqual(Array.from(mine.data));
      }
    }
  });
});

describe("BMP", () => {
  it("round-trips 24-bit bottom-up, reads top-down and refuses truncated/RLE files", () => {
    const img = pattern(7, 3); // odd width: row padding
    const bmp = encodeBmp24(img);
    const back = decodeBmp(bmp);
    expect(Array.from(back.data)).toEqual(Array.from(img.data));
    const td = bmp.slice();
    new DataView(td.buffer).setInt32(22, -3, true);
    const flipped = decodeBmp(td);
    expect(Array.from(flipped.data.slice(0, 4))).toEqual(
      Array.from(img.data.slice(2 * 7 * 4, 2 * 7 * 4 + 4)),
    );
    expect(() => decodeBmp(bmp.slice(0, bmp.length - 10))).toThrow(/truncated/);
    const rle = bmp.slice();
    new DataView(rle.buffer).setUint32(30, 1, true);
    expect(() => decodeBmp(rle)).toThrow(ImageError);
    expect(() => decodeBmp(rle)).toThrow(/RLE/);
  });

  it("decodes 8-bit palette BMPs", () => {
    const w = 3,
      h = 2;
    const stride = 4;
    const b = new Uint8Array(54 + 256 * 4 + stride * h);
    const dv = new DataView(b.buffer);
    b.set([0x42, 0x4d]);
    dv.setUint32(10, 54 + 1024, true);
    dv.setUint32(14, 40, true);
    dv.setInt32(18, w, true);
    dv.setInt32(22, h, true);
    dv.setUint16(28, 8, true);
    for (let i = 0; i < 256; i++) b.set([i, 255 - i, 7, 0], 54 + i * 4); // B, G, R
    b.set([1, 2, 3], 54 + 1024); // bottom row
    b.set([4, 5, 6], 54 + 1024 + stride); // top row
    const d = decodeBmp(b);
    expect(Array.from(d.data.slice(0, 4))).toEqual([7, 251, 4, 255]); // top-left = index 4
  });

  it("decodes through the Node path like the other formats (and the real photo as PNG vs JPEG agree)", async () => {
    const dog = await decodeImageNode(readImage("dog.jpg"), "dog.jpg");
    const bmp = encodeBmp24(dog.image);
    const viaBmp = await decodeImageNode(bmp, "dog.bmp");
    expect([viaBmp.image.width, viaBmp.image.height, viaBmp.header.format]).toEqual([
      768,
      576,
      "bmp",
    ]);
    expect(viaBmp.image.data[1000]).toBe(dog.image.data[1000]);
  });

  it("corrupt JPEG body gives a decode error naming the file", async () => {
    const bytes = readImage("dog.jpg");
    // Cut inside the entropy-coded data (the frame header at byte 8338 is intact).
    await expect(decodeImageNode(bytes.slice(0, 20000), "cut.jpg")).rejects.toMatchObject({
      code: "corrupt",
      message: expect.stringMatching(/cut\.jpg could not be decoded as JPEG/),
    });
    // Cut before the frame header: refused from the header alone.
    await expect(decodeImageNode(bytes.slice(0, 2000), "head.jpg")).rejects.toMatchObject({
      code: "corrupt",
      message: expect.stringMatching(/head\.jpg starts like a JPEG file but its header is damaged/),
    });
  });

  it("GIF: first frame of an animation", async () => {
    const frames = Buffer.concat([Buffer.alloc(4 * 4 * 4, 255), Buffer.alloc(4 * 4 * 4, 0)]);
    const gif = new Uint8Array(
      await sharp(frames, { raw: { width: 4, height: 8, channels: 4, pageHeight: 4 } as never })
        .gif()
        .toBuffer(),
    );
    const d = await decodeImageNode(gif, "anim.gif");
    expect([d.image.width, d.image.height]).toEqual([4, 4]);
    expect(d.image.data[0]).toBe(255);
  });
});
