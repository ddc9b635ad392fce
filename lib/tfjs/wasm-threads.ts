/**
 * Multi-threaded tfjs-backend-wasm that survives bundling (browser, cross-origin isolated).
 *
 * Why this exists: tfjs-backend-wasm 4.22 (dist/backend_wasm.js, `init()`) starts its
 * emscripten pthread workers with
 *   mainScriptUrlOrBlob = new Blob([`var WasmBackendModuleThreadedSimd = ${factory.toString()}`])
 * i.e. from the *source text* of the factory function as the bundler left it. After Next /
 * Turbopack bundles and minifies, that text refers to outer names that only exist in the
 * bundle ("r is not defined") and every pthread worker dies.
 *
 * The fix keeps tfjs's own code and binaries and changes only that one input: we register a
 * `wasm` backend factory that calls the same emscripten factory with `mainScriptUrlOrBlob`
 * set to the URL of the *original, unbundled* factory script
 * (node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js,
 * served same-origin by app/tfjs-wasm/[file]/route.ts). Each pthread worker importScripts()
 * that file, which defines the global `WasmBackendModuleThreadedSimd` it then calls. The
 * wasm binary, the kernels (registered for "wasm" by the package) and `BackendWasm` are
 * tfjs's own, so they share the one tfjs-core engine.
 *
 * Second obstacle: XNNPACK's thread count is capped at `navigator.hardwareConcurrency / 2`
 * (tfjs-backend-wasm/src/cc/backend.cc: `num_cores = emscripten_num_logical_cores() / 2`,
 * "many x86-64 processors have 2 threads per core"), so on a 2-core machine setThreadsCount
 * is ignored and it runs one thread (tfjs#6081). `num_cores` is read once, by a static
 * constructor while the module starts, so we report twice the wanted count for that moment.
 *
 * Emscripten loads its whole pthread pool (8 workers in this build) before the module's
 * promise resolves, so a pthread script that fails to load shows up here, as an error or a
 * timeout, before XNNPACK ever waits on a thread; the caller then falls back to one thread.
 */
import * as tf from "@tensorflow/tfjs";
import { BackendWasm, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";

/** File names under the WASM URL prefix. */
export const THREADED_SCRIPT = "tfjs-backend-wasm-threaded-simd.js";
export const THREADED_BINARY = "tfjs-backend-wasm-threaded-simd.wasm";

/** Threads the threaded build can use: its pthread pool size and backend.cc's max_num_threads. */
export const MAX_WASM_THREADS = 8;

/** Registration priority tfjs-backend-wasm itself uses for "wasm". */
const WASM_PRIORITY = 2;

type CFunction = (...args: unknown[]) => unknown;

/** The parts of the emscripten module we touch (types in wasm-out/*.d.ts, written loosely). */
interface EmscriptenThreadedModule {
  cwrap(name: string, ret: string | null, args: string[]): CFunction;
  PThread?: { terminateAllThreads(): void };
  tfjs?: Record<string, CFunction>;
}

interface FactoryConfig {
  mainScriptUrlOrBlob: string;
  locateFile(path: string, prefix: string): string;
  onAbort(msg: unknown): void;
  printErr(text: string): void;
}

type Factory = (cfg: FactoryConfig) => Promise<EmscriptenThreadedModule>;

export interface ThreadedWasmOptions {
  /** Absolute URL of the unbundled factory script (THREADED_SCRIPT). */
  readonly scriptUrl: string;
  /** URL of the threaded SIMD binary (THREADED_BINARY). */
  readonly wasmUrl: string;
  /** XNNPACK threads (the calling thread included). */
  readonly threads: number;
  /** Give up on the threaded module after this long. Default 20 s. */
  readonly timeoutMs?: number;
  /** Told why the threaded module did not start, before falling back to one thread. */
  readonly onFallback?: (reason: string) => void;
}

/** Adds the `tfjs` bridge BackendWasm calls: the same as tfjs's init() (dist/backend_wasm.js). */
export function bridge(mod: {
  cwrap(name: string, ret: string | null, args: string[]): CFunction;
  tfjs?: Record<string, CFunction>;
}): void {
  const c = (name: string, ret: string | null, args: string[]) => mod.cwrap(name, ret, args);
  mod.tfjs = {
    init: c("init", null, []),
    initWithThreadsCount: c("init_with_threads_count", null, ["number"]),
    getThreadsCount: c("get_threads_count", "number", []),
    registerTensor: c("register_tensor", null, ["number", "number", "number"]),
    disposeData: c("dispose_data", null, ["number"]),
    dispose: c("dispose", null, []),
  };
}

function errMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && "message" in e)
    return String((e as { message: unknown }).message);
  return String(e);
}

async function loadParts(): Promise<{ factory: Factory; workerContents: string }> {
  // The same files backend_wasm.js imports; dynamic, so Node never loads them.
  const [f, w] = await Promise.all([
    import("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js"),
    import("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js"),
  ]);
  const fm = f as unknown as { default?: Factory } & Factory;
  const wm = w as unknown as {
    wasmWorkerContents?: string;
    default?: { wasmWorkerContents?: string };
  };
  const factory = typeof fm.default === "function" ? fm.default : fm;
  const workerContents = wm.wasmWorkerContents ?? wm.default?.wasmWorkerContents;
  if (typeof factory !== "function" || typeof workerContents !== "string") {
    throw new Error("tfjs-backend-wasm's threaded module files have an unexpected shape");
  }
  return { factory, workerContents };
}

/**
 * Makes navigator.hardwareConcurrency read `value` in this thread until the returned function
 * is called (an own property shadowing the prototype getter). No-op where it cannot.
 */
function reportCores(value: number): () => void {
  const nav = (globalThis as { navigator?: object }).navigator;
  if (!nav) return () => {};
  try {
    Object.defineProperty(nav, "hardwareConcurrency", { configurable: true, get: () => value });
  } catch {
    return () => {};
  }
  return () => {
    delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  };
}

type ErrorTarget = { addEventListener(type: "error", f: (ev: Event) => void): void };

/**
 * A failing pthread worker's error reaches this thread's global scope twice: emscripten's
 * `worker.onerror` logs through printErr and rethrows the ErrorEvent, and the uncancelled
 * event itself propagates up (filename = the pthread script's blob: URL). Either would
 * surface as an uncaught error of this thread (in the /build worker: "the build worker
 * failed"). We report the failure ourselves and fall back, so mark exactly those as handled,
 * from the first failure on.
 */
function swallowPthreadErrors(pthreadScript: string | null): void {
  const target = globalThis as unknown as Partial<ErrorTarget>;
  if (typeof target.addEventListener !== "function" || typeof ErrorEvent === "undefined") return;
  target.addEventListener("error", (ev: Event) => {
    const e = ev as ErrorEvent;
    if (e.error instanceof ErrorEvent || (pthreadScript !== null && e.filename === pthreadScript)) {
      ev.preventDefault();
    }
  });
}

/** Starts the threaded emscripten module; rejects on a pthread error, abort or timeout. */
async function startThreaded(opts: ThreadedWasmOptions): Promise<EmscriptenThreadedModule> {
  const { factory, workerContents } = await loadParts();
  const timeoutMs = opts.timeoutMs ?? 20_000;
  let workerUrl: string | null = null;
  const restoreCores = reportCores(2 * opts.threads);
  let cfg: FactoryConfig | null = null;
  const stop = (): void => {
    try {
      (cfg as { PThread?: { terminateAllThreads(): void } } | null)?.PThread?.terminateAllThreads();
    } catch {
      // best effort: the module may not have got that far
    }
  };
  return new Promise<EmscriptenThreadedModule>((resolve, reject) => {
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      restoreCores();
      // From here on the failing pthread workers' rethrown errors are expected: keep them quiet.
      swallowPthreadErrors(workerUrl);
      stop();
      if (workerUrl) URL.revokeObjectURL(workerUrl);
      reject(new Error(why));
    };
    const timer = setTimeout(
      () => fail(`its pthread workers did not start within ${String(timeoutMs / 1000)} s`),
      timeoutMs,
    );
    cfg = {
      mainScriptUrlOrBlob: opts.scriptUrl,
      locateFile(path, prefix) {
        if (path.endsWith(".worker.js")) {
          // As tfjs does: the template literal turned "\n" escapes into newlines; restore them.
          workerUrl ??= URL.createObjectURL(
            new Blob([workerContents.replace(/\n/g, "\\n")], { type: "text/javascript" }),
          );
          return workerUrl;
        }
        if (path.endsWith(".wasm")) return opts.wasmUrl;
        return prefix + path;
      },
      onAbort: (msg) => fail(`the threaded module aborted${msg ? `: ${errMessage(msg)}` : ""}`),
      printErr(text) {
        // A pthread worker that throws while loading is reported here ("worker sent an error!").
        if (/worker sent an error/i.test(text)) fail(`a pthread worker failed: ${text}`);
        else console.warn(text);
      },
    };
    factory(cfg).then(
      (mod) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        restoreCores();
        bridge(mod);
        resolve(mod);
      },
      (e: unknown) => fail(errMessage(e)),
    );
  });
}

/**
 * Replaces the "wasm" backend factory with one that starts the threaded module from the
 * unbundled script, falling back to tfjs's own single-threaded SIMD start if it fails.
 * Call before `tf.setBackend("wasm")`.
 */
export function installThreadedWasm(opts: ThreadedWasmOptions): void {
  const original = tf.findBackendFactory("wasm");
  if (!original) throw new Error("the wasm backend is not registered (import tfjs-backend-wasm)");
  const threads = Math.min(MAX_WASM_THREADS, Math.max(1, Math.floor(opts.threads)));
  setThreadsCount(threads);
  tf.removeBackend("wasm");
  tf.registerBackend(
    "wasm",
    async () => {
      try {
        const mod = await startThreaded({ ...opts, threads });
        tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
        return new BackendWasm(mod as unknown as ConstructorParameters<typeof BackendWasm>[0]);
      } catch (e) {
        opts.onFallback?.(errMessage(e));
        // tfjs's own init() must not try its (bundler-broken) threaded path.
        tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
        setThreadsCount(1);
        return original();
      }
    },
    WASM_PRIORITY,
  );
}
