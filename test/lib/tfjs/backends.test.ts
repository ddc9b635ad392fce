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

  it("keeps WASM when gradients are needed: its missing gradient kernels are registered", async () => {
    const c = await selectBackend({ needGradients: true });
    expect(c.backend).toBe("wasm");
    for (const k of [
      "Conv2DBackpropFilter",
      "DepthwiseConv2dNativeBackpropFilter",
      "DepthwiseConv2dNativeBackpropInput",
    ]) {
      expect(tf.getKernel(k, "wasm"), k).toBeDefined();
    }
    // and gradients of both convolutions really run there
    const x = tf.ones([1, 4, 4, 2]);
    const f = tf.ones([3, 3, 2, 1]);
    const [gx, gf] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(
        tf.depthwiseConv2d(
          tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, "same"),
          tf.ones([3, 3, 1, 1]),
          1,
          "same",
        ),
      ),
    )([x, f]);
    expect(gx!.shape).toEqual([1, 4, 4, 2]);
    expect(gf!.shape).toEqual([3, 3, 2, 1]);
    const wasmGf = Array.from(gf!.dataSync());
    tf.dispose([x, f, gx!, gf!]);
    await selectBackend({ prefer: "cpu" });
    const x2 = tf.ones([1, 4, 4, 2]) as tf.Tensor4D;
    const f2 = tf.ones([3, 3, 2, 1]);
    const gf2 = tf.grad((b: tf.Tensor) =>
      tf.sum(
        tf.depthwiseConv2d(
          tf.conv2d(x2, b as tf.Tensor4D, 1, "same"),
          tf.ones([3, 3, 1, 1]),
          1,
          "same",
        ),
      ),
    )(f2);
    expect(wasmGf).toEqual(Array.from(gf2.dataSync()));
    tf.dispose([x2, f2, gf2]);
    await selectBackend({ prefer: "wasm" });
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
