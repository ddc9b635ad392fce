/**
 * The threaded tfjs-backend-wasm in Node (bench:train's 2-thread figures): it starts with
 * the asked-for XNNPACK threads, trains with the wasm-grad kernels, and computes what the
 * cpu backend computes. Its own file: a wasm module cannot be restarted in one process.
 */
import * as tf from "@tensorflow/tfjs";
import { afterAll, describe, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import { installNodeThreadedWasm, stopNodeThreadedWasm } from "@/lib/tfjs/wasm-threads-node";

afterAll(() => stopNodeThreadedWasm());

describe("threaded wasm in Node", () => {
  it("refuses a bad thread count", () => {
    expect(() => installNodeThreadedWasm(0)).toThrow(/from 1 to 8, got 0/);
    expect(() => installNodeThreadedWasm(1.5)).toThrow(/whole number/);
  });

  it("runs 2 threads and agrees with cpu on a conv's gradients", async () => {
    installNodeThreadedWasm(2);
    const choice = await selectBackend({ prefer: "wasm" });
    expect(choice.backend).toBe("wasm");
    expect(choice.threads).toBe(2);
    const grads = (): number[][] =>
      tf.tidy(() => {
        const x = tf.linspace(-1, 1, 2 * 9 * 9 * 4).reshape([2, 9, 9, 4]) as tf.Tensor4D;
        const f = tf.linspace(1, -1, 3 * 3 * 4 * 6).reshape([3, 3, 4, 6]) as tf.Tensor4D;
        const d = tf.linspace(-2, 1, 3 * 3 * 6 * 1).reshape([3, 3, 6, 1]) as tf.Tensor4D;
        const gs = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
          tf.sum(
            tf.square(
              tf.depthwiseConv2d(
                tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, "same"),
                c as tf.Tensor4D,
                1,
                "same",
              ),
            ),
          ),
        )([x, f, d]);
        return gs.map((g) => Array.from(g.dataSync()));
      });
    const onWasm = grads();
    await tf.setBackend("cpu");
    const onCpu = grads();
    await tf.setBackend("wasm");
    onWasm.forEach((g, k) => {
      const scale = Math.max(...onCpu[k]!.map(Math.abs));
      const diff = Math.max(...g.map((v, i) => Math.abs(v - onCpu[k]![i]!)));
      expect(diff / scale).toBeLessThan(1e-4);
    });
  });
});
