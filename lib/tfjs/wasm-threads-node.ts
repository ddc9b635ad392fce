/**
 * Multi-threaded tfjs-backend-wasm in Node (benchmarks and CLIs only: uses node:fs/os).
 *
 * tfjs-backend-wasm 4.22 never starts its threaded build in Node (flags_wasm.ts answers
 * WASM_HAS_MULTITHREAD_SUPPORT = false there, tfjs#3830), although that emscripten build
 * runs its pthreads on worker_threads. We start it ourselves, like wasm-threads.ts does in
 * the browser: the same factory and binary, with
 *   - the pthread script written to a temporary file (the package ships it as a JS string,
 *     and worker_threads wants a file), and the factory script's path as the script each
 *     pthread evaluates;
 *   - os.cpus() reporting twice the wanted threads while the module starts, because
 *     backend.cc caps XNNPACK's pool at logical cores / 2 (tfjs#6081).
 * Call before the first `tf.setBackend("wasm")`; the module cannot be restarted.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";

import * as tf from "@tensorflow/tfjs";
import { BackendWasm, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";

import { MAX_WASM_THREADS } from "./wasm-threads";

type CFunction = (...args: unknown[]) => unknown;

interface ThreadedModule {
  cwrap(name: string, ret: string | null, args: string[]): CFunction;
  PThread?: { terminateAllThreads(): void };
  tfjs?: Record<string, CFunction>;
}

type Factory = (cfg: {
  mainScriptUrlOrBlob: string;
  locateFile(path: string, prefix: string): string;
}) => Promise<ThreadedModule>;

let started: ThreadedModule | null = null;

/**
 * Registers a "wasm" backend factory that starts the threaded SIMD build with `threads`
 * XNNPACK threads (1..8; the calling thread counts as one).
 */
export function installNodeThreadedWasm(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new Error(
      `wasm threads: expected a whole number from 1 to ${MAX_WASM_THREADS}, got ${threads}`,
    );
  }
  const require = createRequire(import.meta.url);
  const script =
    require.resolve("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js");
  const dir = dirname(script);
  const factory = require(script) as Factory;
  const { wasmWorkerContents } = require(
    join(dir, "tfjs-backend-wasm-threaded-simd.worker.js"),
  ) as {
    wasmWorkerContents: string;
  };
  const pthreadScript = join(os.tmpdir(), `tfjs-wasm-pthread-${process.pid}.js`);
  // As tfjs does: the template literal turned "\n" escapes into newlines; restore them.
  writeFileSync(pthreadScript, wasmWorkerContents.replace(/\n/g, "\\n"));

  setThreadsCount(threads);
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  tf.removeBackend("wasm");
  tf.registerBackend(
    "wasm",
    async () => {
      const cpus = os.cpus;
      const one = cpus()[0]!;
      os.cpus = () => Array.from({ length: 2 * threads }, () => one);
      let mod: ThreadedModule;
      try {
        mod = await factory({
          mainScriptUrlOrBlob: script,
          locateFile: (path) =>
            path.endsWith(".worker.js") ? pthreadScript : join(dir, path.replace(/^.*\//, "")),
        });
      } finally {
        os.cpus = cpus;
      }
      const c = (name: string, ret: string | null, args: string[]) => mod.cwrap(name, ret, args);
      // Same bridge as tfjs's init() (dist/backend_wasm.js).
      mod.tfjs = {
        init: c("init", null, []),
        initWithThreadsCount: c("init_with_threads_count", null, ["number"]),
        getThreadsCount: c("get_threads_count", "number", []),
        registerTensor: c("register_tensor", null, ["number", "number", "number"]),
        disposeData: c("dispose_data", null, ["number"]),
        dispose: c("dispose", null, []),
      };
      started = mod;
      return new BackendWasm(mod as unknown as ConstructorParameters<typeof BackendWasm>[0]);
    },
    2,
  );
}

/** Stops the pthread workers so the process can exit. */
export function stopNodeThreadedWasm(): void {
  started?.PThread?.terminateAllThreads();
  started = null;
}
