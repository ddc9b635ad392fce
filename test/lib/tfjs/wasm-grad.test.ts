/**
 * The wasm gradient kernels against the cpu backend's kernels (the reference tfjs ships),
 * over fuzzed shapes: kernel 1/3/5/7, stride 1/2, SAME / VALID / numeric / explicit padding,
 * odd and even, square and non-square inputs, batch > 1, channel multipliers 1 and 2.
 */
import * as tf from "@tensorflow/tfjs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import {
  registerWasmGradKernels,
  WASM_GRAD_KERNELS,
  WASM_REPLACED_KERNELS,
} from "@/lib/tfjs/wasm-grad";

import { relErr, values } from "./tensor-fixtures";

type Pad = "same" | "valid" | number | [[0, 0], [number, number], [number, number], [0, 0]];

interface Case {
  readonly batch: number;
  readonly h: number;
  readonly w: number;
  readonly cin: number;
  readonly cout: number; // conv: output channels; depthwise: channel multiplier
  readonly k: number;
  readonly kw: number;
  readonly stride: number;
  readonly pad: Pad;
  readonly seed: number;
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

async function runOn(
  backend: "cpu" | "wasm",
  kernel: string,
  inputs: Record<string, { shape: number[]; values: Float32Array }>,
  attrs: Record<string, unknown>,
): Promise<{ shape: number[]; values: Float32Array }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const ts: Record<string, tf.Tensor> = {};
    for (const [k, v] of Object.entries(inputs)) ts[k] = tf.tensor(v.values, v.shape, "float32");
    const out = tf.engine().runKernel(kernel, ts, attrs as tf.NamedAttrMap) as tf.Tensor;
    return { shape: out.shape, values: out.dataSync() as Float32Array };
  });
}

/** Output rows (axis 1) or columns (axis 2) as tfjs computes them (the definition both backends use). */
function outSize(
  n: number,
  k: number,
  s: number,
  pad: Pad,
  axis: 1 | 2,
  other = n,
  otherK = k,
): number {
  const shape: [number, number, number, number] = axis === 1 ? [1, n, other, 1] : [1, other, n, 1];
  const filter: [number, number, number, number] =
    axis === 1 ? [k, otherK, 1, 1] : [otherK, k, 1, 1];
  try {
    const info = tf.backend_util.computeConv2DInfo(shape, filter, s, 1, pad);
    return axis === 1 ? info.outHeight : info.outWidth;
  } catch {
    return 0;
  }
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    h: fc.integer({ min: 1, max: 13 }),
    w: fc.integer({ min: 1, max: 13 }),
    cin: fc.integer({ min: 1, max: 5 }),
    cout: fc.integer({ min: 1, max: 5 }),
    k: fc.constantFrom(1, 3, 5, 7),
    square: fc.boolean(),
    stride: fc.constantFrom(1, 2),
    padKind: fc.constantFrom("same", "same", "valid", "valid", "number", "explicit"),
    p: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .map((r) => {
    const kw = r.square ? r.k : [1, 3, 5, 7][(r.k + r.seed) % 4]!;
    const pad: Pad =
      r.padKind === "same" || r.padKind === "valid"
        ? r.padKind
        : r.padKind === "number"
          ? r.p[0]!
          : [
              [0, 0],
              [r.p[0]!, r.p[1]!],
              [r.p[2]!, r.p[3]!],
              [0, 0],
            ];
    return { ...r, kw, pad };
  })
  .filter((c) => outShape(c)[0] >= 1 && outShape(c)[1] >= 1);

function outShape(c: Omit<Case, "cout">): [number, number] {
  return [
    outSize(c.h, c.k, c.stride, c.pad, 1, c.w, c.kw),
    outSize(c.w, c.kw, c.stride, c.pad, 2, c.h, c.k),
  ];
}

function describeCase(c: Case): string {
  return `x [${c.batch}, ${c.h}, ${c.w}, ${c.cin}] filter ${c.k}x${c.kw} out/mult ${c.cout} stride ${c.stride} pad ${JSON.stringify(c.pad)}`;
}

beforeAll(async () => {
  await selectBackend({ prefer: "wasm" });
  registerWasmGradKernels();
});

const TOL = 1e-4;

describe("wasm gradient kernels match the cpu backend", () => {
  it("registers the missing kernels and our BatchNorm ones once, for wasm only", () => {
    registerWasmGradKernels();
    registerWasmGradKernels();
    for (const k of WASM_GRAD_KERNELS) {
      expect(tf.getKernel(k.kernelName, "wasm")?.kernelFunc).toBe(k.kernelFunc);
    }
    const replaced = WASM_REPLACED_KERNELS.map((k) => tf.getKernel(k, "wasm")?.kernelFunc);
    registerWasmGradKernels(); // replacing twice would wrap our own kernel as the "original"
    expect(WASM_REPLACED_KERNELS.map((k) => tf.getKernel(k, "wasm")?.kernelFunc)).toEqual(replaced);
    expect(WASM_GRAD_KERNELS.map((k) => k.kernelName).sort()).toEqual([
      "BatchNormTrain",
      "BatchNormTrainGrad",
      "Conv2DBackpropFilter",
      "DepthwiseConv2dNativeBackpropFilter",
      "DepthwiseConv2dNativeBackpropInput",
      "SwishTrain",
      "SwishTrainGrad",
    ]);
  });

  it("Conv2DBackpropFilter", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const xShape = [c.batch, c.h, c.w, c.cin];
        const [ho, wo] = outShape(c);
        const dyShape = [c.batch, ho, wo, c.cout];
        const inputs = {
          x: { shape: xShape, values: values(size(xShape), c.seed) },
          dy: { shape: dyShape, values: values(size(dyShape), c.seed + 7) },
        };
        const attrs = {
          strides: [c.stride, c.stride],
          pad: c.pad,
          dataFormat: "NHWC",
          filterShape: [c.k, c.kw, c.cin, c.cout],
        };
        const ref = await runOn("cpu", "Conv2DBackpropFilter", inputs, attrs);
        const got = await runOn("wasm", "Conv2DBackpropFilter", inputs, attrs);
        expect(got.shape, describeCase(c)).toEqual(ref.shape);
        expect(relErr(got.values, ref.values), describeCase(c)).toBeLessThan(TOL);
      }),
      { numRuns: 100, seed: 13 },
    );
  });

  it("Conv2DBackpropFilter 1x1 at the Lab's sizes (tiled transposes: >= 16 columns)", async () => {
    const cases: [number[], number][] = [
      [[8, 16, 16, 8], 48], // 2048 rows: tiles of 64
      [[3, 8, 16, 48], 8], // 384 rows
      [[1, 5, 16, 20], 17], // 80 rows: tiles of 16
      [[1, 7, 7, 24], 32], // 49 rows: no tile fits, wasm's own
    ];
    for (const [xShape, co] of cases) {
      const dyShape = [...xShape.slice(0, 3), co];
      const inputs = {
        x: { shape: xShape, values: values(size(xShape), 21) },
        dy: { shape: dyShape, values: values(size(dyShape), 22) },
      };
      const attrs = {
        strides: [1, 1],
        pad: "valid",
        dataFormat: "NHWC",
        filterShape: [1, 1, xShape[3]!, co],
      };
      const ref = await runOn("cpu", "Conv2DBackpropFilter", inputs, attrs);
      const got = await runOn("wasm", "Conv2DBackpropFilter", inputs, attrs);
      expect(got.shape, `[${xShape}] -> ${co}`).toEqual(ref.shape);
      expect(relErr(got.values, ref.values), `[${xShape}] -> ${co}`).toBeLessThan(TOL);
    }
  });

  it("DepthwiseConv2dNativeBackpropFilter", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const mult = 1 + (c.cout % 2);
        const xShape = [c.batch, c.h, c.w, c.cin];
        const [ho, wo] = outShape(c);
        const dyShape = [c.batch, ho, wo, c.cin * mult];
        const inputs = {
          x: { shape: xShape, values: values(size(xShape), c.seed) },
          dy: { shape: dyShape, values: values(size(dyShape), c.seed + 7) },
        };
        const attrs = {
          strides: [c.stride, c.stride],
          dilations: [1, 1],
          pad: c.pad,
          filterShape: [c.k, c.kw, c.cin, mult],
        };
        const ref = await runOn("cpu", "DepthwiseConv2dNativeBackpropFilter", inputs, attrs);
        const got = await runOn("wasm", "DepthwiseConv2dNativeBackpropFilter", inputs, attrs);
        expect(got.shape, describeCase(c)).toEqual(ref.shape);
        expect(relErr(got.values, ref.values), describeCase(c)).toBeLessThan(TOL);
      }),
      { numRuns: 100, seed: 29 },
    );
  });

  it("DepthwiseConv2dNativeBackpropInput", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const mult = 1 + (c.cout % 2);
        const xShape = [c.batch, c.h, c.w, c.cin];
        const [ho, wo] = outShape(c);
        const dyShape = [c.batch, ho, wo, c.cin * mult];
        const fShape = [c.k, c.kw, c.cin, mult];
        const inputs = {
          dy: { shape: dyShape, values: values(size(dyShape), c.seed) },
          filter: { shape: fShape, values: values(size(fShape), c.seed + 3) },
        };
        const attrs = {
          strides: [c.stride, c.stride],
          dilations: [1, 1],
          pad: c.pad,
          inputShape: xShape,
        };
        const ref = await runOn("cpu", "DepthwiseConv2dNativeBackpropInput", inputs, attrs);
        const got = await runOn("wasm", "DepthwiseConv2dNativeBackpropInput", inputs, attrs);
        expect(got.shape, describeCase(c)).toEqual(ref.shape);
        expect(relErr(got.values, ref.values), describeCase(c)).toBeLessThan(TOL);
      }),
      { numRuns: 100, seed: 31 },
    );
  });

  it("Conv2DBackpropInput (replacing wasm's scalar loop)", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const xShape = [c.batch, c.h, c.w, c.cin];
        const [ho, wo] = outShape(c);
        const dyShape = [c.batch, ho, wo, c.cout];
        const fShape = [c.k, c.kw, c.cin, c.cout];
        const inputs = {
          dy: { shape: dyShape, values: values(size(dyShape), c.seed) },
          filter: { shape: fShape, values: values(size(fShape), c.seed + 3) },
        };
        const attrs = {
          strides: [c.stride, c.stride],
          pad: c.pad,
          dataFormat: "NHWC",
          inputShape: xShape,
        };
        const ref = await runOn("cpu", "Conv2DBackpropInput", inputs, attrs);
        const got = await runOn("wasm", "Conv2DBackpropInput", inputs, attrs);
        expect(got.shape, describeCase(c)).toEqual(ref.shape);
        expect(relErr(got.values, ref.values), describeCase(c)).toBeLessThan(TOL);
      }),
      { numRuns: 100, seed: 37 },
    );
  });

  it("Tile (broadcasts replaced, other tiles by the original)", async () => {
    const cases: [number[], number[]][] = [
      [
        [1, 1, 1, 5],
        [2, 3, 4, 1],
      ], // the BatchNorm gradient's tile
      [
        [1, 1, 1, 5],
        [2, 3, 4, 2],
      ], // not a broadcast: the original
      [
        [3, 1],
        [1, 4],
      ],
      [
        [2, 3],
        [2, 2],
      ],
      [[1], [7]],
      [
        [4, 1, 2],
        [1, 3, 1],
      ],
    ];
    for (const [shape, reps] of cases) {
      const inputs = { x: { shape, values: values(size(shape), 3) } };
      const ref = await runOn("cpu", "Tile", inputs, { reps });
      const got = await runOn("wasm", "Tile", inputs, { reps });
      expect(got.shape, `${shape} x ${reps}`).toEqual(ref.shape);
      expect(Array.from(got.values), `${shape} x ${reps}`).toEqual(Array.from(ref.values));
    }
    await tf.setBackend("wasm");
    const t = tf.tile(tf.tensor([1, 2], [2, 1], "int32"), [1, 3]);
    expect(Array.from(t.dataSync())).toEqual([1, 1, 1, 2, 2, 2]);
    t.dispose();
  });

  it("Slice (float32 and int32 up to rank 4 replaced, others by the original)", async () => {
    const cases: [number[], number[], number[]][] = [
      [
        [1, 19, 19, 12],
        [0, 6, 6, 0],
        [1, 7, 7, 12],
      ], // a block of the depthwise filter gradient
      [
        [9, 9, 12, 1],
        [3, 3, 0, 0],
        [3, 3, 12, 1],
      ], // trailing axes whole: merged
      [
        [3, 5, 4, 6],
        [1, 2, 1, 2],
        [2, 3, 2, 3],
      ],
      [
        [3, 5, 4, 6],
        [0, 0, 0, 0],
        [3, 5, 4, 6],
      ],
      [
        [3, 5, 4, 6],
        [2, 4, 3, 5],
        [1, 1, 1, 1],
      ],
      [
        [3, 5, 4, 6],
        [1, 0, 0, 0],
        [0, 5, 4, 6],
      ], // empty
      [
        [7, 5],
        [2, 1],
        [-1, 3],
      ], // -1: to the end
      [[11], [4], [5]],
      [
        [2, 3, 4, 5, 6],
        [0, 1, 1, 2, 1],
        [2, 2, 3, 2, 4],
      ], // rank 5: the original
    ];
    for (const [shape, begin, sz] of cases) {
      const inputs = { x: { shape, values: values(size(shape), 11) } };
      const ref = await runOn("cpu", "Slice", inputs, { begin, size: sz });
      const got = await runOn("wasm", "Slice", inputs, { begin, size: sz });
      const what = `[${shape}] from [${begin}] size [${sz}]`;
      expect(got.shape, what).toEqual(ref.shape);
      expect(Array.from(got.values), what).toEqual(Array.from(ref.values));
    }
    await tf.setBackend("wasm");
    const before = tf.memory().numTensors;
    const ints = tf.tensor([1, 2, 3, 4, 5, 6], [2, 3], "int32");
    const t = tf.slice(ints, [0, 1], [2, 2]);
    expect(t.dtype).toBe("int32");
    expect(Array.from(t.dataSync())).toEqual([2, 3, 5, 6]);
    expect(() => tf.slice(ints, [1, 1], [2, 2])).toThrow(); // past the end
    tf.dispose([ints, t]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("Sum and Mean over leading or middle axes (replaced), others by the original", async () => {
    // Replaced ones are one average pooling each, short or long (a BatchNorm-sized
    // [32, 16, 16, 8] over [0, 1, 2]: 8192 values a channel); innermost ones the original.
    const shapes = [
      [3, 5, 4, 6],
      [2, 1, 7, 3],
      [8, 6, 5, 7],
      [32, 16, 16, 8],
      [4, 9],
      [300, 5],
      [5],
      [3, 70, 2],
    ];
    const axesFor = (rank: number): (number | number[])[] =>
      rank === 4
        ? [[0, 1, 2], [1, 2], [0], [1], [3], [2, 3], [0, 1, 2, 3], [0, 2], -1, [-4, -3]]
        : rank === 2
          ? [[0], [1], [0, 1]]
          : [[0]];
    for (const shape of shapes) {
      for (const axis of axesFor(shape.length)) {
        for (const keepDims of [false, true]) {
          for (const kernel of ["Sum", "Mean"]) {
            const inputs = { x: { shape, values: values(size(shape), 9) } };
            const what = `${kernel} ${JSON.stringify(shape)} axis ${JSON.stringify(axis)} keepDims ${keepDims}`;
            const ref = await runOn("cpu", kernel, inputs, { axis, keepDims });
            const got = await runOn("wasm", kernel, inputs, { axis, keepDims });
            expect(got.shape, what).toEqual(ref.shape);
            expect(relErr(got.values, ref.values), what).toBeLessThan(1e-5);
          }
        }
      }
    }
    await tf.setBackend("wasm");
    const i = tf.tensor([1, 2, 3, 4], [2, 2], "int32");
    const si = tf.sum(i, 0);
    expect(Array.from(si.dataSync())).toEqual([4, 6]);
    tf.dispose([i, si]);
  });

  it("Identity shares the data and frees it with the last reference", async () => {
    await tf.setBackend("wasm");
    const backend = tf.backend();
    const before = backend.numDataIds();
    const x = tf.tensor([1, 2, 3], [3]);
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(before + 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    const v = tf.variable(y);
    y.dispose();
    const next = tf.tensor([4, 5, 6], [3]);
    v.assign(next);
    next.dispose();
    expect(Array.from(v.dataSync())).toEqual([4, 5, 6]);
    v.dispose();
    expect(backend.numDataIds()).toBe(before);
  });

  it("frees every intermediate: tensors and wasm data stay level over repeated calls", async () => {
    await tf.setBackend("wasm");
    const backend = tf.backend();
    const x = tf.tensor4d(values(2 * 9 * 7 * 3, 5), [2, 9, 7, 3]);
    const f = tf.tensor4d(values(3 * 3 * 3 * 4, 6), [3, 3, 3, 4]);
    const dwf = tf.tensor4d(values(5 * 5 * 4 * 2, 7), [5, 5, 4, 2]);
    const step = (): void => {
      const [gx, gf, gd] = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        tf.sum(
          tf.square(
            tf.depthwiseConv2d(
              tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, "same"),
              c as tf.Tensor4D,
              2,
              "valid",
            ),
          ),
        ),
      )([x, f, dwf]);
      tf.dispose([gx!, gf!, gd!]);
    };
    step(); // first call creates XNNPACK operators and kernel caches
    const tensors = tf.memory().numTensors;
    const data = backend.numDataIds();
    const bytes = tf.memory().numBytes;
    // The wasm heap never shrinks: growth would mean buffers (or XNNPACK operators cached on
    // intermediate tensors) outliving the call.
    const heap = (): number =>
      (backend as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    for (let i = 0; i < 2; i++) step();
    const heapBytes = heap();
    for (let i = 0; i < 20; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(data);
    expect(tf.memory().numBytes).toBe(bytes);
    expect(heap()).toBe(heapBytes);
    tf.dispose([x, f, dwf]);
  });

  it("refuses what it does not compute, naming the attribute", async () => {
    await tf.setBackend("wasm");
    const x = tf.zeros([1, 6, 6, 2]);
    const dy = tf.zeros([1, 6, 6, 2]);
    const f = tf.zeros([3, 3, 2, 1]);
    const run = (name: string, inputs: tf.NamedTensorMap, attrs: Record<string, unknown>) => () =>
      tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap);
    expect(
      run(
        "DepthwiseConv2dNativeBackpropFilter",
        { x, dy },
        { strides: 1, dilations: 2, pad: "same", filterShape: [3, 3, 2, 1] },
      ),
    ).toThrow(/dilations greater than 1/);
    expect(
      run(
        "DepthwiseConv2dNativeBackpropInput",
        { dy, filter: f },
        { strides: 1, dilations: [1, 2], pad: "same", inputShape: [1, 6, 6, 2] },
      ),
    ).toThrow(/dilations greater than 1/);
    expect(
      run(
        "Conv2DBackpropFilter",
        { x, dy },
        { strides: 1, pad: "same", dataFormat: "NCHW", filterShape: [3, 3, 2, 2] },
      ),
    ).toThrow(/NHWC/);
    expect(
      run(
        "Conv2DBackpropFilter",
        { x, dy: tf.zeros([1, 5, 6, 2]) },
        { strides: 1, pad: "same", dataFormat: "NHWC", filterShape: [3, 3, 2, 2] },
      ),
    ).toThrow(/dy has shape \[1, 5, 6, 2\] but the convolution's output is \[1, 6, 6, 2\]/);
    tf.dispose([x, dy, f]);
  });
});
