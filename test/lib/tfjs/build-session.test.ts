import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";
import type { FromWorker } from "@/lib/tfjs/build-protocol";
import { BuildSession } from "@/lib/tfjs/build-session";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

/** The worker's logic, driven by the same messages the page sends. */
function session() {
  const out: FromWorker[] = [];
  const s = new BuildSession((m) => out.push(m));
  return { s, out, last: (type: FromWorker["type"]) => out.filter((m) => m.type === type).at(-1) };
}

describe("BuildSession (the build worker's logic)", () => {
  const request = parseRequest({ width: 0.5, depth: 0.5, resolution: 96, classes: 10 });
  const calc = calculate(request);

  it("builds, summarises, times, exports and disposes without leaking", async () => {
    const before = tf.memory().numTensors;
    const { s, out, last } = session();
    await s.handle({ type: "build", id: 1, request, prefer: "wasm" });
    const built = last("built");
    if (built?.type !== "built") throw new Error(JSON.stringify(out.at(-1)));
    expect(built.params).toBe(calc.totals.totalParams);
    expect(built.choice.backend).toBe("wasm");
    expect(built.layers.map((l) => l.name)).toEqual(calc.spec.layers.map((l) => l.name));
    expect(built.layers.find((l) => l.name === "stem_conv")).toMatchObject({
      className: "Conv2D",
      outShape: [48, 48, 16],
    });
    expect(built.memory.tensorBytes).toBeGreaterThanOrEqual(4 * calc.totals.totalParams);
    expect(out.some((m) => m.type === "progress")).toBe(true);

    await s.handle({ type: "time", id: 2, runs: 3, warmup: 1, batch: 2 });
    const timed = last("timed");
    if (timed?.type !== "timed") throw new Error(JSON.stringify(out.at(-1)));
    expect(timed.stats).toMatchObject({ runs: 3, batch: 2, warmup: 1 });
    expect(timed.stats.gmacPerSec).toBeGreaterThan(0);
    expect(out.filter((m) => m.type === "timing-progress")).toHaveLength(3);

    await s.handle({ type: "export", id: 3 });
    const ex = last("exported");
    if (ex?.type !== "exported") throw new Error(JSON.stringify(out.at(-1)));
    expect(ex.weightsBin.byteLength).toBe(4 * calc.totals.totalParams);
    expect(JSON.parse(ex.kerasJson)).toHaveProperty("config.layers");

    await s.handle({ type: "dispose", id: 4 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects bad timing options with a message naming them, and timing before a build", async () => {
    const { s, out } = session();
    await s.handle({ type: "time", id: 1, runs: 3, warmup: 1, batch: 1 });
    expect(out.at(-1)).toEqual({ type: "error", id: 1, message: "build the model first" });
    await s.handle({ type: "build", id: 2, request, prefer: "cpu" });
    await s.handle({ type: "time", id: 3, runs: 0, warmup: 1, batch: 1 });
    expect(out.at(-1)).toMatchObject({
      type: "error",
      id: 3,
      message: expect.stringMatching(/^runs:/),
    });
    await s.handle({ type: "time", id: 4, runs: 2, warmup: 1, batch: 65 });
    expect(out.at(-1)).toMatchObject({
      type: "error",
      id: 4,
      message: expect.stringMatching(/^batch:/),
    });
    await s.handle({ type: "dispose", id: 5 });
  });

  it("cancels a build in flight by id and leaves nothing behind", async () => {
    const before = tf.memory().numTensors;
    const { s, out } = session();
    const big = parseRequest({ preset: "b2" });
    const job = s.handle({ type: "build", id: 7, request: big, prefer: "wasm" });
    // Cancel as soon as the first progress message arrives.
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (out.some((m) => m.type === "progress")) {
          clearInterval(t);
          void s.handle({ type: "cancel", id: 7 });
          resolve();
        }
      }, 1);
    });
    await job;
    expect(out.at(-1)).toEqual({ type: "cancelled", id: 7 });
    expect(out.some((m) => m.type === "built")).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
