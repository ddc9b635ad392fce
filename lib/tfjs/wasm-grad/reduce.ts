/**
 * Sum and Mean for the wasm backend, replacing tfjs-backend-wasm's when the reduced axes are
 * not the innermost ones (BatchNorm statistics and gradients over batch and space, global
 * average pooling): those first transpose the whole input so the axes come last. Here, one
 * pass over the input in place: [outer, reduced, inner] with a float64 accumulator per inner
 * index. Innermost reductions, other dtypes and non-contiguous axes go to the original.
 * Also Identity, which tfjs-backend-wasm implements as a copy: tensors are immutable, so it
 * shares the data and counts a reference, as the cpu backend and wasm's own Reshape do.
 */
import * as tf from "@tensorflow/tfjs";
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

import { WASM, withScratch } from "./scratch";

type Args = { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap };

/** [start, end) if `axes` (sorted, distinct) is one contiguous run, else null. */
function run(axes: readonly number[]): [number, number] | null {
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1]! + 1) return null;
  return axes.length ? [axes[0]!, axes[axes.length - 1]! + 1] : null;
}

function product(xs: readonly number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}

export function reduceConfig(kind: "Sum" | "Mean", original: KernelConfig): KernelConfig {
  const fallback = original.kernelFunc;
  return {
    kernelName: kind,
    backendName: WASM,
    setupFunc: original.setupFunc,
    disposeFunc: original.disposeFunc,
    kernelFunc: ((args: Args) => {
      const x = args.inputs.x;
      if (!x || x.dtype !== "float32" || product(x.shape) === 0) {
        return fallback(args as Parameters<KernelFunc>[0]);
      }
      const rank = x.shape.length;
      const axisAttr = args.attrs?.axis as number | number[] | undefined;
      const axes = [...new Set(tf.util.parseAxisParam(axisAttr ?? [], x.shape))].sort(
        (a, b) => a - b,
      );
      const span = run(axes);
      if (!span || span[1] === rank) return fallback(args as Parameters<KernelFunc>[0]);
      const backend = args.backend as BackendWasm;
      const [start, end] = span;
      const outer = product(x.shape.slice(0, start));
      const reduced = product(x.shape.slice(start, end));
      const inner = product(x.shape.slice(end));
      const outShape = x.shape.filter((_, i) => i < start || i >= end);
      const finalShape =
        args.attrs?.keepDims === true
          ? tf.backend_util.expandShapeToKeepDim(outShape, axes)
          : outShape;
      if (reduced >= 64) {
        return withScratch(backend, (s) => {
          const ones = s.run(
            "Fill",
            {},
            {
              shape: [outer, 1, reduced],
              value: kind === "Mean" ? 1 / reduced : 1,
              dtype: "float32",
            },
          );
          const sums = s.matMul(ones, s.reshape(x, [outer, reduced, inner]));
          return s.reshape(sums, finalShape);
        });
      }
      const out: TensorInfo = backend.makeOutput(outShape, "float32");
      // Views after makeOutput: allocating may grow (and so replace) the wasm memory.
      const xs = backend.typedArrayFromHeap(x) as Float32Array;
      const os = backend.typedArrayFromHeap(out) as Float32Array;
      const acc = new Float64Array(inner);
      const scale = kind === "Mean" ? 1 / reduced : 1;
      for (let o = 0; o < outer; o++) {
        acc.fill(0);
        let base = o * reduced * inner;
        for (let r = 0; r < reduced; r++, base += inner) {
          for (let i = 0; i < inner; i++) acc[i]! += xs[base + i]!;
        }
        const at = o * inner;
        for (let i = 0; i < inner; i++) os[at + i] = acc[i]! * scale;
      }
      out.shape = finalShape;
      return out;
    }) as KernelFunc,
  };
}

export function identityConfig(original: KernelConfig): KernelConfig {
  const fallback = original.kernelFunc;
  return {
    kernelName: "Identity",
    backendName: WASM,
    setupFunc: original.setupFunc,
    disposeFunc: original.disposeFunc,
    kernelFunc: ((args: Args) => {
      const x = args.inputs.x;
      if (!x || x.dtype === "string") return fallback(args as Parameters<KernelFunc>[0]);
      (args.backend as BackendWasm).incRef(x.dataId);
      return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    }) as KernelFunc,
  };
}
