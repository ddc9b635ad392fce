/**
 * Whole networks built by the project's builder: the gradient of a training loss (BatchNorm
 * in training mode) on wasm, with the new kernels, against the same gradient on the cpu
 * backend; and the cpu gradient against central finite differences of the loss.
 */
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest, type RawRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";
import { buildModel } from "@/lib/tfjs/builder";
import { fuseBatchNorm, fuseSwish } from "@/lib/tfjs/train-layers";

import { values } from "./tensor-fixtures";

interface Net {
  readonly model: tf.LayersModel;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly xShape: number[];
  readonly classes: number;
}

async function makeNet(raw: RawRequest, batch: number, seed: number): Promise<Net> {
  const calc = calculate(parseRequest(raw));
  const { model } = await buildModel(calc.spec);
  // Dropout draws random masks in training mode, which would differ between the two runs;
  // everything else (BatchNorm on batch statistics included) is deterministic.
  for (const l of model.layers) {
    if (l.getClassName() === "Dropout") (l as unknown as { rate: number }).rate = 0;
  }
  // Seeded kernels with a scale from the shape alone (variance 1 / fan-in), so every run
  // checks exactly the same network.
  model.trainableWeights.forEach((w, i) => {
    if (!/kernel/.test(w.name)) return;
    const v = w.read();
    const fanIn = v.size / v.shape[v.shape.length - 1]!;
    const fresh = values(v.size, seed * 1000 + i).map((u) => u * Math.sqrt(3 / fanIn));
    w.write(tf.tensor(fresh, v.shape));
  });
  const r = calc.spec.resolution;
  const xShape = [batch, r, r, 3];
  const classes = calc.spec.classes;
  const y = new Float32Array(batch * classes);
  for (let b = 0; b < batch; b++) y[b * classes + (b % classes)] = 1;
  return { model, x: values(batch * r * r * 3, seed), y, xShape, classes };
}

function loss(net: Net): () => tf.Scalar {
  return () => {
    const x = tf.tensor(net.x, net.xShape);
    const y = tf.tensor(net.y, [net.xShape[0]!, net.classes]);
    const p = net.model.apply(x, { training: true }) as tf.Tensor;
    return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.add(p, 1e-7))), -1))) as tf.Scalar;
  };
}

function variables(net: Net): tf.Variable[] {
  return net.model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** Gradient of the loss for every trainable weight, on `backend`. */
async function gradients(net: Net, backend: "cpu" | "wasm"): Promise<Map<string, Float32Array>> {
  await tf.setBackend(backend);
  const vars = variables(net);
  const { value, grads } = tf.variableGrads(loss(net), vars);
  const out = new Map<string, Float32Array>();
  for (const v of vars) out.set(v.name, grads[v.name]!.dataSync() as Float32Array);
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

function lossValue(net: Net): number {
  return tf.tidy(() => loss(net)().dataSync()[0]!);
}

/** Central difference of the loss in one coordinate of `v` (float32, on the current backend). */
function centralDifference(net: Net, v: tf.Variable, index: number, eps: number): number {
  const base = v.dataSync().slice() as Float32Array;
  const at = (delta: number): number => {
    const moved = base.slice();
    moved[index] = base[index]! + delta;
    v.assign(tf.tensor(moved, v.shape));
    return lossValue(net);
  };
  const plus = at(eps);
  const minus = at(-eps);
  v.assign(tf.tensor(base, v.shape));
  return (plus - minus) / (2 * eps);
}

/**
 * Every weight's gradient in `got` equals `ref` to 1e-3 of its scale. Some gradients are zero
 * analytically (a BatchNorm shift feeding, through a conv, a BatchNorm in training mode, which
 * removes any constant) and only rounding noise remains; those are judged against the
 * network's gradient scale.
 */
function expectSameGradients(
  ref: Map<string, Float32Array>,
  got: Map<string, Float32Array>,
  what = "",
): void {
  expect([...got.keys()]).toEqual([...ref.keys()]);
  let netScale = 0;
  for (const g of ref.values()) for (const v of g) netScale = Math.max(netScale, Math.abs(v));
  expect(netScale).toBeGreaterThan(0);
  for (const [name, r] of ref) {
    const g = got.get(name)!;
    expect(g.length, name).toBe(r.length);
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < r.length; i++) {
      diff = Math.max(diff, Math.abs(g[i]! - r[i]!));
      scale = Math.max(scale, Math.abs(r[i]!));
    }
    expect(diff / Math.max(scale, 1e-3 * netScale), `${what}${name}`).toBeLessThan(1e-3);
  }
}

/**
 * name, request, batch, and the finite-difference steps tried: EfficientNet's swish is
 * smooth, so one step does; MobileNetV1's ReLU6 has kinks that a step may cross, so the best
 * of three small steps is taken (a wrong gradient misses with all of them).
 */
const NETS: [string, RawRequest, number, number[]][] = [
  [
    "EfficientNet w0.25 d0.25 at 40 px",
    { width: 0.25, depth: 0.25, resolution: 40, classes: 3 },
    3,
    [1e-3],
  ],
  [
    "MobileNetV1 w0.25 at 36 px",
    { model: "mobilenetv1", width: 0.25, resolution: 36, classes: 4 },
    2,
    [1e-3, 3e-4, 1e-4],
  ],
];

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

afterAll(async () => {
  await selectBackend({ prefer: "wasm" });
});

describe.each(NETS)("%s: training gradients on wasm", (_, raw, batch, steps) => {
  let net: Net;
  let cpu: Map<string, Float32Array>;
  let wasm: Map<string, Float32Array>;

  beforeAll(async () => {
    await tf.setBackend("wasm");
    net = await makeNet(raw, batch, 11);
    wasm = await gradients(net, "wasm");
    cpu = await gradients(net, "cpu");
  });

  afterAll(async () => {
    net.model.dispose();
    await tf.setBackend("wasm");
  });

  it("uses every kind of convolution gradient", () => {
    const kinds = new Set(net.model.layers.map((l) => l.getClassName()));
    expect(kinds.has("Conv2D")).toBe(true);
    expect(kinds.has("DepthwiseConv2D")).toBe(true);
    expect(kinds.has("BatchNormalization")).toBe(true);
  });

  it("matches the cpu backend's gradient for every weight to 1e-3", () => {
    expectSameGradients(cpu, wasm);
  });

  it("the cpu (and wasm) gradient agrees with central finite differences of the loss", async () => {
    // The loss is evaluated on wasm (its forward pass agrees with cpu to ~1e-6) to keep the
    // many forward passes quick. In float32, with ReLU kinks and BatchNorm on a few samples,
    // a difference quotient is good to a few percent; the 1e-3 check above is the tight one.
    await tf.setBackend("wasm");
    const vars = variables(net).filter((v) => /kernel/.test(v.name));
    expect(vars.length).toBeGreaterThan(4);
    for (const v of vars) {
      const g = cpu.get(v.name)!;
      // The coordinate with the largest gradient: the difference quotient has signal there.
      let index = 0;
      for (let i = 1; i < g.length; i++) if (Math.abs(g[i]!) > Math.abs(g[index]!)) index = i;
      const numerics = steps.map((eps) => centralDifference(net, v, index, eps));
      for (const [label, analytic] of [
        ["cpu", g[index]!],
        ["wasm", wasm.get(v.name)![index]!],
      ] as const) {
        const miss = Math.min(...numerics.map((d) => Math.abs(d - analytic)));
        expect(
          miss,
          `${label} ${v.name}[${index}]: finite differences ${numerics.join(", ")} vs ${analytic}`,
        ).toBeLessThan(0.1 * Math.abs(analytic) + 2e-3);
      }
    }
  });

  // Last: it routes the model's BatchNorm and swish layers through the fused ops for good.
  it("the fused training-mode BatchNorm and swish (lib/tfjs/train-layers.ts) give the same gradients", async () => {
    expect(fuseBatchNorm(net.model)).toBeGreaterThan(0);
    const swishes = net.model.layers.filter(
      (l) =>
        (l as unknown as { activation?: { getClassName(): string } }).activation?.getClassName() ===
        "swish",
    ).length;
    expect(fuseSwish(net.model)).toBe(swishes);
    const tensors = tf.memory().numTensors;
    expectSameGradients(wasm, await gradients(net, "wasm"), "wasm fused: ");
    expectSameGradients(cpu, await gradients(net, "cpu"), "cpu fused: ");
    await tf.setBackend("wasm");
    expect(tf.memory().numTensors).toBe(tensors);
  });
});

describe("leaks", () => {
  it("a training step on wasm leaves no tensor or wasm buffer behind", async () => {
    await tf.setBackend("wasm");
    const net = await makeNet(NETS[0]![1], 2, 5);
    const opt = tf.train.sgd(0.01);
    const step = (): void => {
      const l = opt.minimize(loss(net), true, variables(net));
      l?.dispose();
    };
    step();
    const tensors = tf.memory().numTensors;
    const data = tf.backend().numDataIds();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(data);
    opt.dispose();
    net.model.dispose();
  });
});
