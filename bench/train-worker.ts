/**
 * One backend of `npm run bench:train` in its own process (a wasm module cannot be restarted
 * with another thread count, so each configuration gets a process). Started by bench/train.ts
 * with fork(); answers its messages: "step" (one training step of the Lab, lib/lab/train.ts
 * TrainStep: forward + backward + Adam update, BatchNorm in training mode), "forward" (inference on the same batch), "warmup" (a
 * step on two images), "profile" (one step under tf.profile, per-kernel milliseconds), "exit".
 */
import * as tf from "@tensorflow/tfjs";

import { calculate } from "../lib/calculator";
import { RECIPE } from "../lib/lab/recipe";
import { TrainStep } from "../lib/lab/train";
import { parseRequest, type RawRequest } from "../lib/scaling/request";
import { selectBackend } from "../lib/tfjs/backends";
import { buildModel } from "../lib/tfjs/builder";
import { installNodeThreadedWasm, stopNodeThreadedWasm } from "../lib/tfjs/wasm-threads-node";

export type WorkerBackend = "wasm1" | "wasm2" | "cpu";

export interface WorkerInit {
  readonly backend: WorkerBackend;
  readonly request: RawRequest;
  readonly batch: number;
}

export type WorkerCommand = "step" | "forward" | "profile" | "warmup" | "exit";

export interface KernelCost {
  readonly name: string;
  readonly calls: number;
  readonly ms: number;
}

export type WorkerReply =
  | { readonly type: "ready"; readonly detail: string; readonly threads: number }
  | { readonly type: "ms"; readonly ms: number; readonly tensors: number }
  | { readonly type: "profile"; readonly ms: number; readonly kernels: KernelCost[] }
  | { readonly type: "error"; readonly message: string };

function send(r: WorkerReply): void {
  process.send?.(r);
}

function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = s / 2 ** 32;
  }
  return out;
}

async function main(): Promise<void> {
  const init = JSON.parse(process.argv[2] ?? "{}") as WorkerInit;
  tf.enableProdMode();
  if (init.backend === "wasm2") installNodeThreadedWasm(2);
  const choice = await selectBackend({ prefer: init.backend === "cpu" ? "cpu" : "wasm" });
  const wanted = init.backend === "cpu" ? "cpu" : "wasm";
  if (choice.backend !== wanted)
    throw new Error(`could not start ${wanted}: got ${choice.backend}`);

  const calc = calculate(parseRequest(init.request));
  const { model } = await buildModel(calc.spec);
  // The Lab's own step (lib/lab/train.ts): fused BatchNorm and swish, seeded dropout, the recipe's Adam.
  const trainer = new TrainStep(model, RECIPE, calc.spec.classes, 1);
  const r = calc.spec.resolution;
  const x = tf.tensor4d(seeded(init.batch * r * r * 3, 1), [init.batch, r, r, 3]);
  const y = tf.tensor1d(
    Array.from({ length: init.batch }, (_, i) => i % calc.spec.classes),
    "int32",
  );
  const run = async (xs: tf.Tensor4D, ys: tf.Tensor1D): Promise<void> => {
    const loss = trainer.run(xs, ys, 1e-3);
    await loss.data();
    loss.dispose();
  };
  const step = (): Promise<void> => run(x, y);
  // The same code paths on two images: warms the JIT where a full step is slow (cpu).
  const warmup = async (): Promise<void> => {
    const [xs, ys] = tf.tidy(() => [
      x.slice(0, Math.min(2, init.batch)),
      y.slice(0, Math.min(2, init.batch)),
    ]);
    await run(xs as tf.Tensor4D, ys as tf.Tensor1D);
    tf.dispose([xs!, ys!]);
  };
  const forward = async (): Promise<void> => {
    const p = model.predict(x, { batchSize: init.batch }) as tf.Tensor;
    await p.data();
    p.dispose();
  };
  send({ type: "ready", detail: choice.detail, threads: choice.threads });

  process.on("message", (cmd: WorkerCommand) => {
    void (async () => {
      try {
        if (cmd === "exit") {
          tf.dispose([x, y]);
          trainer.dispose();
          model.dispose();
          stopNodeThreadedWasm();
          process.exit(0);
        }
        const t0 = performance.now();
        if (cmd === "step") await step();
        else if (cmd === "forward") await forward();
        else if (cmd === "warmup") await warmup();
        else if (cmd === "profile") {
          const info = await tf.profile(step);
          const byName = new Map<string, { calls: number; ms: number }>();
          for (const k of info.kernels) {
            const e = byName.get(k.name) ?? { calls: 0, ms: 0 };
            e.calls++;
            e.ms += Number(k.kernelTimeMs);
            byName.set(k.name, e);
          }
          const kernels = [...byName]
            .map(([name, e]) => ({ name, ...e }))
            .sort((a, b) => b.ms - a.ms);
          send({ type: "profile", ms: performance.now() - t0, kernels });
          return;
        }
        send({ type: "ms", ms: performance.now() - t0, tensors: tf.memory().numTensors });
      } catch (e) {
        send({ type: "error", message: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
}

main().catch((e: unknown) => {
  send({ type: "error", message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
});
