/**
 * Calls the wasm backend's own kernels from inside a kernel of ours, and frees every
 * intermediate result. Kernel functions receive and return TensorInfos, which the engine
 * does not track: whatever we make and do not return must be released with
 * backend.disposeData (a Reshape shares its input's data and counts a reference, so it is
 * released the same way).
 */
import * as tf from "@tensorflow/tfjs";
import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from "@tensorflow/tfjs";

export const WASM = "wasm";

type KernelFunction = (params: {
  inputs: NamedTensorInfoMap;
  backend: KernelBackend;
  attrs: NamedAttrMap;
}) => TensorInfo;

/** The part of BackendWasm that `make` needs (imported as a type only elsewhere). */
interface WasmOutputs {
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
}

const found = new Map<string, KernelFunction>();

/** The wasm backend's kernel `name` (throws if tfjs-backend-wasm did not register it). */
export function wasmKernel(name: string): KernelFunction {
  let k = found.get(name);
  if (!k) {
    const config = tf.getKernel(name, WASM);
    if (!config) {
      throw new Error(`the wasm backend has no ${name} kernel (is tfjs-backend-wasm imported?)`);
    }
    k = config.kernelFunc as unknown as KernelFunction;
    found.set(name, k);
  }
  return k;
}

/** Intermediates of one kernel call; `dispose()` frees all but the ones `keep()` took back. */
export class Scratch {
  private readonly held: TensorInfo[] = [];

  constructor(readonly backend: KernelBackend) {}

  /** Runs wasm kernel `name`; its output is freed on dispose() unless kept. */
  run(name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const out = wasmKernel(name)({ inputs, backend: this.backend, attrs });
    this.held.push(out);
    return out;
  }

  /** A new float32 tensor of `shape` (contents undefined), freed on dispose() unless kept. */
  make(shape: readonly number[]): TensorInfo {
    const out = (this.backend as unknown as WasmOutputs).makeOutput([...shape], "float32");
    this.held.push(out);
    return out;
  }

  reshape(x: TensorInfo, shape: readonly number[]): TensorInfo {
    return this.run("Reshape", { x }, { shape: [...shape] });
  }

  transpose(x: TensorInfo, perm: readonly number[]): TensorInfo {
    return this.run("Transpose", { x }, { perm: [...perm] });
  }

  /**
   * x [r, c] -> [c, r]. wasm's 2-D transpose writes down columns r floats apart, which for
   * r a power of two (8192 rows: the Lab's 16x16 activations at batch 32) hits the same
   * cache sets every write: 2.1 ms for [8192, 48]. Through tiles of t rows (transpose each
   * [t, c] tile, then move whole t-long runs) it is 0.67 ms, the same values.
   */
  transpose2d(x: TensorInfo): TensorInfo {
    const [r, c] = x.shape as [number, number];
    const t = [64, 32, 16].find((v) => r % v === 0 && r > v);
    if (c < 16 || t === undefined) return this.transpose(x, [1, 0]);
    const tiles = this.transpose(this.reshape(x, [r / t, t, c]), [0, 2, 1]); // [r/t, c, t]
    return this.reshape(this.transpose(tiles, [1, 0, 2]), [c, r]);
  }

  /** Zero padding; `paddings` is [before, after] per axis. Skipped when all are zero. */
  pad(x: TensorInfo, paddings: readonly (readonly [number, number])[]): TensorInfo {
    if (paddings.every(([a, b]) => a === 0 && b === 0)) return x;
    return this.run(
      "PadV2",
      { x },
      { paddings: paddings.map(([a, b]) => [a, b]), constantValue: 0 },
    );
  }

  slice(x: TensorInfo, begin: readonly number[], size: readonly number[]): TensorInfo {
    return this.run("Slice", { x }, { begin: [...begin], size: [...size] });
  }

  stridedSlice(
    x: TensorInfo,
    begin: readonly number[],
    end: readonly number[],
    strides: readonly number[],
  ): TensorInfo {
    return this.run(
      "StridedSlice",
      { x },
      {
        begin: [...begin],
        end: [...end],
        strides: [...strides],
        beginMask: 0,
        endMask: 0,
        ellipsisMask: 0,
        newAxisMask: 0,
        shrinkAxisMask: 0,
      },
    );
  }

  concat(xs: readonly TensorInfo[], axis: number): TensorInfo {
    if (xs.length === 1) return xs[0]!;
    const inputs: NamedTensorInfoMap = {};
    xs.forEach((x, i) => (inputs[String(i)] = x));
    // Concat takes its inputs as an array; NamedTensorInfoMap is how the registry types it.
    return this.run("Concat", Object.values(inputs) as unknown as NamedTensorInfoMap, { axis });
  }

  /** a [M, K] x b [K, N] -> [M, N] (no transposes: wasm sends only this case to XNNPACK). */
  matMul(a: TensorInfo, b: TensorInfo): TensorInfo {
    return this.run("BatchMatMul", { a, b }, { transposeA: false, transposeB: false });
  }

  multiply(a: TensorInfo, b: TensorInfo): TensorInfo {
    return this.run("Multiply", { a, b });
  }

  sum(x: TensorInfo, axis: readonly number[]): TensorInfo {
    return this.run("Sum", { x }, { axis: [...axis], keepDims: false });
  }

  reverse(x: TensorInfo, dims: readonly number[]): TensorInfo {
    return this.run("Reverse", { x }, { dims: [...dims] });
  }

  zeros(shape: readonly number[]): TensorInfo {
    return this.run("Fill", {}, { shape: [...shape], value: 0, dtype: "float32" });
  }

  /** Takes `x` out of the scratch so dispose() leaves it (the kernel's result). */
  keep(x: TensorInfo): TensorInfo {
    const i = this.held.lastIndexOf(x);
    if (i < 0) throw new Error("wasm-grad: the result must be made in this scratch");
    this.held.splice(i, 1);
    return x;
  }

  dispose(): void {
    for (const t of this.held.splice(0)) this.backend.disposeData(t.dataId);
  }
}

/** What a kernel function of ours receives. */
export type KernelArgs = { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap };

/** Input `name` of a kernel of ours, which must be there and be float32. */
export function floatInput(kernel: string, inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`${kernel}: missing input ${name}`);
  if (t.dtype !== "float32") throw new Error(`${kernel}: ${name} must be float32, got ${t.dtype}`);
  return t;
}

/**
 * A replacement for tfjs-backend-wasm's kernel `original` (same name, setup and dispose):
 * `ours` computes the cases it takes and returns null for the rest, which `original` serves.
 */
export function replaceKernel(
  original: KernelConfig,
  ours: (args: KernelArgs) => TensorInfo | TensorInfo[] | null,
): KernelConfig {
  const fallback = original.kernelFunc;
  return {
    ...original,
    kernelFunc: ((args: KernelArgs) =>
      ours(args) ?? fallback(args as Parameters<KernelFunc>[0])) as KernelFunc,
  };
}

/**
 * A kernel tfjs-backend-wasm lacks, computed by `f` over two required inputs (named `names`,
 * in `f`'s order) with a fresh scratch.
 */
export function scratchKernel<A>(
  kernelName: string,
  names: readonly [string, string],
  f: (s: Scratch, a: TensorInfo, b: TensorInfo, attrs: A) => TensorInfo,
): KernelConfig {
  return {
    kernelName,
    backendName: WASM,
    kernelFunc: ((args: KernelArgs) => {
      const a = args.inputs[names[0]];
      const b = args.inputs[names[1]];
      if (!a || !b)
        throw new Error(`${kernelName} (wasm): inputs ${names[0]} and ${names[1]} are required`);
      const attrs = (args.attrs ?? {}) as unknown as A;
      return withScratch(args.backend as KernelBackend, (s) => f(s, a, b, attrs));
    }) as KernelFunc,
  };
}

/** Runs `f` with a fresh scratch and returns its result, every intermediate freed. */
export function withScratch(backend: KernelBackend, f: (s: Scratch) => TensorInfo): TensorInfo {
  const s = new Scratch(backend);
  try {
    return s.keep(f(s));
  } finally {
    s.dispose();
  }
}
