import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";

import { BACKEND_NAMES, parseBackend, selectBackend } from "@/lib/tfjs/backends";

describe("backend selection in Node", () => {
  it("picks WASM with SIMD by default and says why GPU backends were skipped", async () => {
    const c = await selectBackend();
    expect(c.backend).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(c.detail).toMatch(/^WASM, SIMD, 1 thread/);
    expect(c.checks.map((x) => x.name)).toEqual([...BACKEND_NAMES]);
    const by = Object.fromEntries(c.checks.map((x) => [x.name, x]));
    expect(by.webgpu).toMatchObject({ status: "unavailable", reason: "not available in Node" });
    expect(by.webgl).toMatchObject({ status: "unavailable", reason: "not available in Node" });
    expect(by.wasm!.status).toBe("active");
    expect(by.wasm!.reason).toMatch(/no threads in Node/);
    expect(by.cpu).toMatchObject({ status: "not-tried" });
  });

  it("skips WASM when gradients are needed", async () => {
    const c = await selectBackend({ needGradients: true });
    expect(c.backend).toBe("cpu");
    expect(c.checks.find((x) => x.name === "wasm")!.reason).toMatch(/no gradient kernels/);
    // and gradients really work there
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, x)))(tf.tensor1d([1, 2]));
    expect(Array.from(g.dataSync())).toEqual([2, 4]);
  });

  it("honours a preferred backend and falls back past unavailable ones", async () => {
    expect((await selectBackend({ prefer: "cpu" })).backend).toBe("cpu");
    const c = await selectBackend({ prefer: "webgpu" });
    expect(c.backend).toBe("wasm");
    expect(c.checks[0]).toMatchObject({ name: "webgpu", status: "unavailable" });
  });

  it("rejects unknown backend names with the allowed list", () => {
    expect(parseBackend("wasm")).toBe("wasm");
    expect(() => parseBackend("tpu")).toThrow(
      /unknown backend "tpu"; allowed: webgpu, webgl, wasm, cpu/,
    );
    expect(() => parseBackend("webgl", ["wasm", "cpu"])).toThrow(/allowed: wasm, cpu/);
  });
});
