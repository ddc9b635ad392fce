import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";
import { deviceBudget, estimateMemory, formatBytes, overBudget } from "@/lib/tfjs/memory-estimate";
import { checkCount, median, percentile, summarize, timeInference } from "@/lib/tfjs/timing";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

describe("memory estimate", () => {
  it("B7 at 600 px: weights from the calculator, activations scale with the batch", () => {
    const b7 = calculate(parseRequest({ preset: "b7" }));
    const e1 = estimateMemory(b7, { batch: 1 });
    const e4 = estimateMemory(b7, { batch: 4 });
    expect(e1.weightBytes).toBe(4 * 66_658_680);
    expect(e1.activationBytes).toBe(b7.totals.peakActivationBytes);
    expect(e4.activationBytes).toBe(4 * e1.activationBytes);
    expect(e1.totalBytes).toBe(e1.weightBytes + e1.fusedBytes + e1.activationBytes);
    expect(estimateMemory(b7, { fused: false }).fusedBytes).toBe(0);
  });

  it("budget depends on the device and warns for heavy nets on small ones", () => {
    const b7 = estimateMemory(calculate(parseRequest({ preset: "b7" })), { batch: 8 });
    const b0 = estimateMemory(calculate(parseRequest({ preset: "b0" })));
    const phone = deviceBudget({ deviceMemoryGB: 2, backend: "wasm" });
    const desktop = deviceBudget({ deviceMemoryGB: 8, backend: "webgl" });
    expect(phone.bytes).toBe(512 * 1024 ** 2);
    expect(phone.source).toMatch(/deviceMemory/);
    expect(desktop.bytes).toBe(2 * 1024 ** 3);
    expect(overBudget(b7, phone)).toBe(true);
    expect(overBudget(b0, phone)).toBe(false);
    expect(deviceBudget({}).source).toMatch(/does not report/);
    // The wasm heap caps even a big machine.
    expect(deviceBudget({ totalMemBytes: 64 * 1024 ** 3, backend: "wasm" }).bytes).toBe(
      2 * 1024 ** 3,
    );
    expect(formatBytes(266_634_720)).toBe("254 MiB");
  });
});

describe("timing", () => {
  it("median and nearest-rank p90", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
    const s = summarize([10, 20, 30], 1e9, 2, 1);
    expect(s.gmacPerSec).toBeCloseTo(100, 6); // 2 images x 1 GMAC in 20 ms
    expect(s.imagesPerSec).toBeCloseTo(100, 6);
  });

  it("checks counts and names the option", () => {
    expect(checkCount("runs", "25")).toBe(25);
    expect(() => checkCount("runs", 0)).toThrow(/runs: expected an integer from 1 to 1000/);
    expect(() => checkCount("batch", "2.5")).toThrow(/batch/);
    expect(() => checkCount("warmup", "abc")).toThrow(/warmup/);
  });

  it("times real inference without leaking, and can be cancelled", async () => {
    const w = tf.variable(tf.randomNormal([3, 3, 3, 8]) as tf.Tensor4D);
    const predict = (x: tf.Tensor4D) =>
      tf.tidy(() => tf.conv2d(x, w as unknown as tf.Tensor4D, 1, "same"));
    const x = tf.randomUniform([2, 32, 32, 3]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const runs: number[] = [];
    const s = await timeInference(predict, x, 32 * 32 * 8 * 27, {
      runs: 5,
      warmup: 1,
      onRun: (d) => runs.push(d),
    });
    expect(s.runs).toBe(5);
    expect(s.batch).toBe(2);
    expect(runs).toEqual([1, 2, 3, 4, 5]);
    expect(s.p90Ms).toBeGreaterThanOrEqual(s.medianMs);
    expect(s.medianMs).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    const ctl = new AbortController();
    ctl.abort();
    await expect(timeInference(predict, x, 1, { runs: 3, signal: ctl.signal })).rejects.toThrow(
      /cancelled/,
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    w.dispose();
  });
});
