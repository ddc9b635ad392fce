/**
 * The CAM worker's logic (CamSession), driven by the page's messages in Node on wasm: the
 * real MobileNet over HTTP, real photos; faithfulness with a box; Score-CAM progress and
 * cancel; labels refused or replaced; nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";

import { BOXES, camSession, imageBuffer, serveMobileNetOnWasm } from "./cam-fixtures";

const model = serveMobileNetOnWasm();

const session = camSession;

describe("CamSession", () => {
  it("loads, decodes, maps with faithfulness and a box, and unloads without leaking", async () => {
    const { s, out, send } = session();
    const before = tf.memory().numTensors;
    expect((await send({ type: "init" })).type).toBe("ready");
    const url = model.url();
    const loaded = await send({ type: "load", key: "a", source: { kind: "url", url } });
    if (loaded.type !== "loaded") throw new Error(JSON.stringify(loaded));
    expect(loaded.summary.labels.length).toBe(1000);
    expect(loaded.summary.labelNote).toBeNull();
    expect(
      (await send({ type: "decode", imageId: "d", name: "dog.jpg", bytes: imageBuffer("dog.jpg") }))
        .type,
    ).toBe("decoded");
    const r = await send({
      type: "analyze",
      key: "a",
      imageId: "d",
      method: "gradcam",
      classes: [249],
      resize: "stretch",
      preprocess: "symmetric",
      faithfulness: true,
      box: BOXES["dog.jpg"].dog,
    });
    if (r.type !== "result") throw new Error(JSON.stringify(r));
    expect(r.gradient).toEqual({ backend: "wasm", fallback: null });
    const f = r.maps[0].faithfulness!;
    expect(f.insertion).toBeGreaterThan(f.deletion);
    expect(f.box?.hit).toBe(true);
    expect(f.box!.energy).toBeGreaterThan(0.3);
    expect(out.some((m) => m.type === "progress" && m.stage === "faithfulness")).toBe(true);
    // A box elsewhere (the truck) holds less of the dog's map.
    const r2 = await send({
      type: "analyze",
      key: "a",
      imageId: "d",
      method: "gradcam",
      classes: [249],
      resize: "stretch",
      preprocess: "symmetric",
      faithfulness: true,
      box: BOXES["dog.jpg"].truck,
    });
    if (r2.type !== "result") throw new Error(JSON.stringify(r2));
    expect(r2.maps[0].faithfulness!.box!.hit).toBe(false);
    expect(r2.maps[0].faithfulness!.box!.energy).toBeLessThan(f.box!.energy);
    await send({ type: "unload", key: "a" });
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it("Score-CAM reports progress and a cancel message stops it", async () => {
    const { s, out, send } = session();
    await send({ type: "init" });
    const url = model.url();
    await send({ type: "load", key: "a", source: { kind: "url", url } });
    await send({ type: "decode", imageId: "d", name: "dog.jpg", bytes: imageBuffer("dog.jpg") });
    const before = tf.memory().numTensors;
    const job = s.handle({
      type: "analyze",
      id: 99,
      key: "a",
      imageId: "d",
      method: "scorecam",
      classes: "top",
      resize: "stretch",
      preprocess: "symmetric",
    });
    // Cancel once the first batch has reported.
    while (!out.some((m) => m.id === 99 && m.type === "progress"))
      await new Promise((r) => setTimeout(r, 20));
    await s.handle({ type: "cancel", id: 99 });
    await job;
    const last = out.filter((m) => m.id === 99).at(-1)!;
    expect(last).toMatchObject({ type: "error", code: "aborted" });
    const p = out.filter((m) => m.id === 99 && m.type === "progress");
    expect(p.length).toBeLessThan(16); // 256 channels / 16 per batch: stopped early
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  }, 300_000);

  it("a user's label list that fits no output count is refused; Node has no Lab models", async () => {
    const { s, send } = session();
    await send({ type: "init" });
    const url = model.url();
    const before = tf.memory().numTensors;
    const r = await send({
      type: "load",
      key: "a",
      source: { kind: "url", url },
      labels: ["cat", "dog"],
    });
    expect(r).toMatchObject({ type: "error" });
    expect(r.type === "error" && r.message).toMatch(/2 names but the model has 1000 outputs/);
    expect(tf.memory().numTensors).toBe(before);
    expect(await send({ type: "list-lab" })).toMatchObject({ type: "lab-models", models: [] });
    s.dispose();
  }, 120_000);
});
