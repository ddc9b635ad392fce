import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";

/** Uniform noise in [-scale, scale) from a seeded generator. */
export function noise(n: number, rand: () => number, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
}

/** The updater tests switch between wasm and cpu; they start and end on wasm. */
export function onWasmAndCpu(): void {
  beforeAll(async () => {
    tf.enableProdMode();
    await selectBackend({ prefer: "wasm" });
  });
  afterAll(async () => {
    await tf.setBackend("wasm");
  });
}
