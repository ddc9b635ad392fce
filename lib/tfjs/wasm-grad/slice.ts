/**
 * Slice for the wasm backend, replacing tfjs-backend-wasm's, which copies the whole input
 * out of the heap (readSync) before taking its part: 2 ms to cut a [1, 7, 7, 1536] window
 * out of [1, 19, 19, 1536]. Here the rows are copied from a view of the heap (`set` of
 * contiguous runs). Float32 and int32 up to rank 4; anything else goes to the original.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelConfig } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

import { replaceKernel, type KernelArgs } from "./scratch";

export function sliceConfig(original: KernelConfig): KernelConfig {
  return replaceKernel(original, (args: KernelArgs) => {
    const x = args.inputs.x;
    if (!x || (x.dtype !== "float32" && x.dtype !== "int32") || x.shape.length > 4) {
      return null;
    }
    const [begin, size] = tf.slice_util.parseSliceParams(
      x,
      args.attrs?.begin as number[],
      args.attrs?.size as number[],
    );
    tf.slice_util.assertParamsValid(x, begin, size);
    const backend = args.backend as BackendWasm;
    const out = backend.makeOutput(size, x.dtype);
    if (size.some((v) => v === 0)) return out;
    // Views after makeOutput: an allocation may grow the heap and detach older views.
    const src = backend.typedArrayFromHeap(x);
    const dst = backend.typedArrayFromHeap(out);
    // Trailing axes taken whole merge into the one before (longer contiguous runs), then
    // the rest is seen as rank 4 (leading axes of size 1 added).
    const shape = [...x.shape];
    const b = [...begin];
    const sz = [...size];
    while (shape.length > 1 && sz[sz.length - 1] === shape[shape.length - 1]) {
      const n = shape.pop()!;
      sz.pop();
      b.pop();
      shape[shape.length - 1]! *= n;
      sz[sz.length - 1]! *= n;
      b[b.length - 1]! *= n;
    }
    while (shape.length < 4) {
      shape.unshift(1);
      b.unshift(0);
      sz.unshift(1);
    }
    const s2 = shape[3]!;
    const s1 = shape[2]! * s2;
    const s0 = shape[1]! * s1;
    let o = 0;
    for (let i = b[0]!; i < b[0]! + sz[0]!; i++) {
      for (let j = b[1]!; j < b[1]! + sz[1]!; j++) {
        for (let k = b[2]!; k < b[2]! + sz[2]!; k++) {
          const from = i * s0 + j * s1 + k * s2 + b[3]!;
          dst.set(src.subarray(from, from + sz[3]!), o);
          o += sz[3]!;
        }
      }
    }
    return out;
  });
}
