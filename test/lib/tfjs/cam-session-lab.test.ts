/**
 * Lab test images on /cam through the worker's logic (CamSession on wasm, the real MobileNet
 * over HTTP): raw pixels stored with put-image and mapped with their true box give the
 * pointing-game hit and the energy in the box, exactly as the same pixels decoded from a file
 * with a drawn box do; bad pixels and boxes are refused with messages; nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";

import { encodeBmp24 } from "@/lib/image/bmp";
import { labCamImages } from "@/lib/lab/cam-images";
import type { Box } from "@/lib/tfjs/cam-metrics";

import { type CamBody, camSession, serveMobileNetOnWasm } from "./cam-fixtures";

const model = serveMobileNetOnWasm();

const analyze = (imageId: string, box: Box | null): CamBody => ({
  type: "analyze",
  key: "m",
  imageId,
  method: "gradcam",
  classes: "top",
  resize: "stretch",
  preprocess: "symmetric",
  faithfulness: true,
  box,
});

const bufferOf = (a: Uint8Array | Uint8ClampedArray) =>
  a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer;

describe("CamSession with Lab test images", () => {
  it("scores a Lab image's map against its true box, as a drawn box on the same pixels", async () => {
    const { s, send } = camSession();
    await send({ type: "init" });
    const before = tf.memory().numTensors;
    const loaded = await send({
      type: "load",
      key: "m",
      source: { kind: "url", url: model.url() },
    });
    if (loaded.type !== "loaded") throw new Error(JSON.stringify(loaded));
    // The MobileNet records no Lab dataset.
    expect(loaded.summary.labDataset).toBeNull();

    const [im] = labCamImages({ seed: 1, count: 1 });
    const stored = await send({
      type: "put-image",
      imageId: "lab0",
      name: im.name,
      width: im.width,
      height: im.height,
      rgba: bufferOf(im.rgba),
    });
    expect(stored).toEqual({ type: "stored", id: expect.any(Number), imageId: "lab0" });

    const r = await send(analyze("lab0", im.box));
    if (r.type !== "result") throw new Error(JSON.stringify(r));
    const f = r.maps[0].faithfulness!;
    expect(f.box).not.toBeNull();
    expect(typeof f.box!.hit).toBe("boolean");
    expect(f.box!.energy).toBeGreaterThan(0);
    expect(f.box!.energy).toBeLessThan(1);
    // The hit is the map's peak (reported in image pixels) inside the box, 15 px tolerance.
    const { x0, y0, x1, y1 } = im.box;
    const inside = (t: number) =>
      r.peak.x >= x0 - t && r.peak.x <= x1 + t && r.peak.y >= y0 - t && r.peak.y <= y1 + t;
    expect(f.box!.hit).toBe(inside(15));

    // The same pixels as a file (BMP), decoded, with the same box drawn: the same scores.
    const bmp = encodeBmp24({ width: im.width, height: im.height, data: im.rgba });
    expect(
      (await send({ type: "decode", imageId: "file0", name: "lab0.bmp", bytes: bufferOf(bmp) }))
        .type,
    ).toBe("decoded");
    const rf = await send(analyze("file0", im.box));
    if (rf.type !== "result") throw new Error(JSON.stringify(rf));
    expect(rf.top).toEqual(r.top);
    expect(Array.from(rf.maps[0].grid)).toEqual(Array.from(r.maps[0].grid));
    expect(rf.maps[0].faithfulness).toEqual(f);

    // A box over the whole image holds all of the map's energy.
    const all = await send(analyze("lab0", { x0: 0, y0: 0, x1: im.width, y1: im.height }));
    if (all.type !== "result") throw new Error(JSON.stringify(all));
    expect(all.maps[0].faithfulness!.box).toEqual({ hit: true, energy: 1 });

    await s.handle({ type: "forget-image", id: 0, imageId: "lab0" }); // no reply
    await s.handle({ type: "forget-image", id: 0, imageId: "file0" }); // no reply
    await send({ type: "unload", key: "m" });
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it("refuses raw pixels of the wrong size and boxes outside the image, naming them", async () => {
    const { s, send } = camSession();
    await send({ type: "init" });
    await send({ type: "load", key: "m", source: { kind: "url", url: model.url() } });
    const before = tf.memory().numTensors;
    const put = (width: number, height: number, bytes: number) =>
      send({
        type: "put-image",
        imageId: "x",
        name: "lab-x",
        width,
        height,
        rgba: new ArrayBuffer(bytes),
      });
    const e1 = await put(8, 8, 8 * 8 * 3);
    expect(e1).toMatchObject({ type: "error", code: "corrupt" });
    expect(e1.type === "error" && e1.message).toBe("lab-x: 8 x 8 RGBA needs 256 bytes; got 192.");
    expect(await put(0, 8, 0)).toMatchObject({
      type: "error",
      code: "empty",
      message: expect.stringMatching(/^lab-x: width and height must be whole numbers/),
    });
    expect(await put(4096, 1, 4096 * 4)).toMatchObject({
      type: "error",
      code: "too-many-pixels",
      message: expect.stringMatching(/at most 2048 px on a side/),
    });
    // Nothing was stored by the refused messages.
    expect(await send(analyze("x", null))).toMatchObject({
      type: "error",
      message: "image x is not decoded",
    });

    const [im] = labCamImages({ seed: 2, count: 1, size: 64 });
    await send({
      type: "put-image",
      imageId: "lab",
      name: im.name,
      width: 64,
      height: 64,
      rgba: bufferOf(im.rgba),
    });
    const outside = await send(analyze("lab", { x0: 10, y0: 10, x1: 65, y1: 40 }));
    expect(outside).toMatchObject({
      type: "error",
      message:
        "The box (10, 10, 65, 40) must lie inside the 64x64 image: 0 <= x0 < x1 <= 64 and 0 <= y0 < y1 <= 64.",
    });
    expect(await send(analyze("lab", { x0: 30, y0: 10, x1: 20, y1: 40 }))).toMatchObject({
      type: "error",
      message: expect.stringMatching(/^The box \(30, 10, 20, 40\) must lie inside/),
    });
    expect(await send(analyze("lab", { x0: NaN, y0: 0, x1: 5, y1: 5 }))).toMatchObject({
      type: "error",
      message: "The box needs four finite numbers x0, y0, x1, y1; got NaN, 0, 5, 5.",
    });
    // The image itself still maps, with its true box.
    const ok = await send(analyze("lab", im.box));
    expect(ok.type === "result" && ok.maps[0].faithfulness?.box).toBeTruthy();
    await s.handle({ type: "forget-image", id: 0, imageId: "lab" }); // no reply
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  }, 300_000);
});
