/**
 * TensorFlow.js backend detection and selection, for pages, Web Workers, Node and tests.
 *
 *   const choice = await selectBackend();                          // best available
 *   const choice = await selectBackend({ prefer: "wasm" });        // user's pick, falls back
 *   const choice = await selectBackend({ needGradients: true });   // CAM / training
 *   choice.backend  -> "wasm";  choice.detail -> "WASM, SIMD, 2 threads"
 *   choice.checks   -> one line per backend saying why it runs or was skipped
 *
 * Order of preference: WebGPU, WebGL, WASM, CPU. Every one of them trains: the gradient
 * kernels tfjs-backend-wasm lacks are registered from lib/tfjs/wasm-grad before WASM starts.
 * WASM binaries are fetched from
 * WASM_URL_PREFIX in the browser (served by app/tfjs-wasm/[file]/route.ts) and from
 * node_modules in Node.
 */
import * as tf from "@tensorflow/tfjs";
import { getThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

import {
  BACKEND_LABELS,
  BACKEND_NAMES,
  isBackendName,
  type BackendCheck,
  type BackendChoice,
  type BackendName,
} from "./backend-info";
import { type Msg, msg } from "../i18n/msg";
import { registerWasmGradKernels } from "./wasm-grad";
import { installThreadedWasm, THREADED_BINARY, THREADED_SCRIPT } from "./wasm-threads";

// Names, labels and result types live in backend-info.ts (no tfjs import: pages can use them).
export * from "./backend-info";

/** Where the browser fetches tfjs-backend-wasm's .wasm files (same origin, for COEP). */
export const WASM_URL_PREFIX = "/tfjs-wasm/";

export interface SelectOptions {
  /** "auto" (default) = best available. A named backend is tried first, then the order. */
  readonly prefer?: BackendName | "auto";
  /**
   * Only backends with gradient kernels (Grad-CAM, training). All four have them now (WASM
   * through lib/tfjs/wasm-grad); kept so callers can state the need.
   */
  readonly needGradients?: boolean;
  /** Let WebGL run on a software rasteriser (SwiftShader; headless tests). Default false; picking "webgl" by name implies it. */
  readonly allowSoftwareWebgl?: boolean;
  /**
   * WASM threads (browser only; needs cross-origin isolation and SIMD). Default: one per
   * logical core (navigator.hardwareConcurrency); 1 = single-threaded SIMD build. Applies
   * to the first WASM start in this thread only: tfjs cannot restart the module.
   */
  readonly wasmThreads?: number;
  /** Override the .wasm URL prefix (browser). */
  readonly wasmPrefix?: string;
}

const isNode =
  typeof process !== "undefined" &&
  typeof process.versions === "object" &&
  typeof process.versions.node === "string" &&
  typeof (globalThis as { document?: unknown }).document === "undefined" &&
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === "undefined";

function crossOriginIsolated(): boolean {
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

function errMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && "message" in e)
    return String((e as { message: unknown }).message);
  return String(e);
}

let wasmConfigured = false;
/** Why WASM runs on one thread in this browser thread, when we decided it (else null). */
let wasmSingleReason: Why | null = null;
let webgpuLoaded: Promise<boolean> | null = null;

/** Registers the WebGPU backend lazily (its module is large and browser-only). */
function loadWebgpu(): Promise<boolean> {
  webgpuLoaded ??= import("@tensorflow/tfjs-backend-webgpu").then(
    () => tf.findBackendFactory("webgpu") !== null,
    () => false,
  );
  return webgpuLoaded;
}

interface Probe {
  readonly ok: boolean;
  readonly reason: string;
  /** The reason for the interface (lib/i18n/msg.ts), in parts. */
  readonly msgs: readonly Msg[];
  readonly detail?: string;
  readonly detailMsg?: Msg;
  readonly threads?: number;
}

/** A reason in English and for the interface (build.backend.reason.<key>). */
interface Why {
  readonly text: string;
  readonly msg: Msg;
}
const why = (text: string, key: string, values?: Record<string, string | number>): Why => ({
  text,
  msg: msg(`build.backend.reason.${key}`, values),
});
const failed = (w: Why): Probe => ({ ok: false, reason: w.text, msgs: [w.msg] });

/** Why WebGPU cannot run here, or null if it might. */
async function webgpuBlocker(): Promise<Why | null> {
  if (isNode) return why("not available in Node", "node");
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } })
    .navigator?.gpu;
  if (!gpu)
    return why("navigator.gpu is missing (browser without WebGPU, or it is disabled)", "noGpu");
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return why("no GPU adapter (GPU disabled or blocklisted)", "noAdapter");
  } catch (e) {
    return why(`requestAdapter failed: ${errMessage(e)}`, "adapterFailed", {
      detail: errMessage(e),
    });
  }
  if (!(await loadWebgpu())) return why("the WebGPU backend module did not load", "webgpuModule");
  return null;
}

type GlContext = {
  getExtension(name: string): unknown;
  getParameter(p: number): unknown;
  readonly RENDERER: number;
};
type GlCanvas = { getContext(id: string, attrs?: object): unknown };

/** Renderer names of software rasterisers (Chrome's SwiftShader, Mesa's llvmpipe, ...). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

function rendererOf(gl: GlContext): string {
  // WEBGL_debug_renderer_info.UNMASKED_RENDERER_WEBGL = 0x9246
  const ext = gl.getExtension("WEBGL_debug_renderer_info");
  const r = gl.getParameter(ext ? 0x9246 : gl.RENDERER);
  return typeof r === "string" ? r : "";
}

/**
 * Why WebGL cannot run here, or null if it might. Distinguishes "no GPU" from "software
 * only": headless or GPU-less browsers (and workers, where failIfMajorPerformanceCaveat is
 * not always honoured) hand out a software rasteriser that is far slower than WASM.
 */
function webglBlocker(allowSoftware: boolean): Why | null {
  if (isNode) return why("not available in Node", "node");
  const g = globalThis as {
    OffscreenCanvas?: new (w: number, h: number) => GlCanvas;
    document?: { createElement(t: string): GlCanvas };
  };
  const canvas = (): GlCanvas | null =>
    typeof g.OffscreenCanvas !== "undefined"
      ? new g.OffscreenCanvas(1, 1)
      : g.document
        ? g.document.createElement("canvas")
        : null;
  const c1 = canvas();
  if (!c1) return why("no canvas to create a WebGL context on", "noCanvas");
  const hw = c1.getContext("webgl2", { failIfMajorPerformanceCaveat: true }) as GlContext | null;
  const gl = hw ?? (canvas()?.getContext("webgl2") as GlContext | null);
  if (!gl)
    return why("WebGL 2 is unavailable (GPU disabled, blocklisted or no driver)", "noWebgl2");
  const renderer = rendererOf(gl);
  const software = !hw || SOFTWARE_RENDERER.test(renderer);
  if (!software || allowSoftware) return null;
  const named = renderer
    ? ` (${renderer.length > 100 ? `${renderer.slice(0, 99)}…` : renderer})`
    : "";
  return why(
    `only a software rasteriser is available${named}; it is slower than WASM, so it is skipped`,
    "softwareOnly",
    { renderer: named },
  );
}

async function probe(name: BackendName, opts: SelectOptions): Promise<Probe> {
  switch (name) {
    case "webgpu": {
      const b = await webgpuBlocker();
      if (b) return failed(b);
      break;
    }
    case "webgl": {
      // Software WebGL only when asked for: by option, or by the user picking WebGL by name.
      const allowSoftware = opts.allowSoftwareWebgl === true || opts.prefer === "webgl";
      if (allowSoftware) tf.env().set("SOFTWARE_WEBGL_ENABLED", true);
      const b = webglBlocker(allowSoftware);
      if (b) return failed(b);
      break;
    }
    case "wasm": {
      // Conv2DBackpropFilter and the depthwise gradients, which tfjs-backend-wasm lacks.
      registerWasmGradKernels();
      if (typeof WebAssembly !== "object")
        return failed(why("WebAssembly is unavailable", "noWasm"));
      if (!wasmConfigured && !isNode) {
        wasmConfigured = true;
        const prefix = opts.wasmPrefix ?? WASM_URL_PREFIX;
        setWasmPaths(prefix);
        try {
          await configureWasmThreads(opts, prefix);
        } catch (e) {
          return failed(why(errMessage(e), "error", { detail: errMessage(e) }));
        }
      }
      break;
    }
    case "cpu":
      break;
  }
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    if (ok) await tf.ready();
  } catch (e) {
    return failed(
      why(`failed to initialise: ${errMessage(e)}`, "initFailed", { detail: errMessage(e) }),
    );
  }
  if (!ok || tf.getBackend() !== name) {
    return failed(why("failed to initialise (see the browser console)", "initFailedConsole"));
  }
  return describeActive(name);
}

function wantedThreads(opts: SelectOptions): number {
  if (opts.wasmThreads !== undefined) {
    if (!Number.isFinite(opts.wasmThreads) || opts.wasmThreads < 1) {
      throw new Error(`wasmThreads: expected a whole number >= 1, got ${String(opts.wasmThreads)}`);
    }
    return Math.floor(opts.wasmThreads);
  }
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return typeof cores === "number" && cores >= 1 ? Math.floor(cores) : 1;
}

/**
 * Threads or not, decided once before tfjs starts the module. tfjs's own threaded start is
 * never used: it breaks once bundled (see wasm-threads.ts); ours falls back to one thread.
 */
async function configureWasmThreads(opts: SelectOptions, prefix: string): Promise<void> {
  const single = (w: Why): void => {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    wasmSingleReason = w;
  };
  let threads: number;
  try {
    threads = wantedThreads(opts);
  } catch (e) {
    single(why("single-threaded: bad thread count", "singleBadCount"));
    throw e;
  }
  if (threads === 1) return single(why("single-threaded: one thread was asked for", "singleOne"));
  if (!crossOriginIsolated()) {
    return single(
      why(
        "single-threaded because the page is not cross-origin isolated (COOP/COEP headers missing)",
        "singleNotIsolated",
      ),
    );
  }
  if (!(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"))) {
    return single(
      why("single-threaded: this browser lacks WebAssembly threads", "singleNoThreads"),
    );
  }
  if (!(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"))) {
    return single(
      why("single-threaded: tfjs's threaded build needs WebAssembly SIMD", "singleNoSimd"),
    );
  }
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  installThreadedWasm({
    // Absolute: pthread workers run from blob: URLs, against which "/..." does not resolve.
    scriptUrl: new URL(prefix + THREADED_SCRIPT, base).href,
    wasmUrl: prefix + THREADED_BINARY,
    threads,
    onFallback: (reason) => {
      wasmSingleReason = why(
        `single-threaded: the threaded module did not start (${reason})`,
        "singleFallback",
        { why: reason },
      );
    },
  });
}

async function describeActive(name: BackendName): Promise<Probe> {
  switch (name) {
    case "webgpu":
      return {
        ok: true,
        reason: "runs on the GPU through WebGPU compute shaders",
        msgs: [msg("build.backend.reason.webgpuActive")],
        detail: "WebGPU",
        detailMsg: msg("build.backend.detail.webgpu"),
        threads: 1,
      };
    case "webgl": {
      const v = tf.env().getNumber("WEBGL_VERSION");
      const sw = tf.env().getBool("SOFTWARE_WEBGL_ENABLED");
      return {
        ok: true,
        reason: sw
          ? "runs on WebGL (software rasteriser allowed)"
          : "runs on the GPU through WebGL shaders",
        msgs: [msg(`build.backend.reason.${sw ? "webglSoftware" : "webglActive"}`)],
        detail: `WebGL ${v}${sw ? " (software allowed)" : ""}`,
        detailMsg: msg(`build.backend.detail.${sw ? "webglSoftware" : "webgl"}`, {
          version: String(v),
        }),
        threads: 1,
      };
    }
    case "wasm": {
      const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true;
      const mt = (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) === true;
      let threads = 1;
      try {
        threads = getThreadsCount();
      } catch {
        threads = 1;
      }
      const notes: string[] = [simd ? "SIMD" : "no SIMD"];
      notes.push(`${threads} thread${threads === 1 ? "" : "s"}`);
      const threading: Why =
        !mt || threads === 1
          ? isNode
            ? why(
                "single-threaded because tfjs-backend-wasm has no threads in Node",
                "wasmNodeSingle",
              )
            : (wasmSingleReason ?? why("single-threaded", "single"))
          : why("threads run as Web Workers sharing the WebAssembly memory", "wasmThreads");
      const counts = { simd: simd ? "yes" : "no", threads };
      return {
        ok: true,
        reason: `runs XNNPACK kernels in WebAssembly (${notes.join(", ")}); ${threading.text}`,
        msgs: [msg("build.backend.reason.wasmActive", counts), threading.msg],
        detail: `WASM, ${notes.join(", ")}`,
        detailMsg: msg("build.backend.detail.wasm", counts),
        threads,
      };
    }
    case "cpu":
      return {
        ok: true,
        reason: "plain JavaScript kernels: always works, slowest",
        msgs: [msg("build.backend.reason.cpuActive")],
        detail: "CPU (plain JS)",
        detailMsg: msg("build.backend.detail.cpu"),
        threads: 1,
      };
  }
}

/**
 * Initialises and activates the best backend (or the preferred one), saying for every other
 * backend why it was not used. Never throws: CPU always works.
 */
export async function selectBackend(opts: SelectOptions = {}): Promise<BackendChoice> {
  const prefer = opts.prefer ?? "auto";
  const order: BackendName[] =
    prefer === "auto" ? [...BACKEND_NAMES] : [prefer, ...BACKEND_NAMES.filter((b) => b !== prefer)];
  const reasons = new Map<BackendName, BackendCheck>();
  let chosen: { name: BackendName; probe: Probe } | null = null;
  for (const name of order) {
    if (chosen) {
      const w =
        prefer !== "auto" && chosen.name === prefer
          ? why(`not tried: you chose ${BACKEND_LABELS[prefer]}`, "notTriedChosen", {
              name: BACKEND_LABELS[prefer],
            })
          : why(
              `not tried: ${BACKEND_LABELS[chosen.name]} ranks higher and works`,
              "notTriedRanks",
              {
                name: BACKEND_LABELS[chosen.name],
              },
            );
      reasons.set(name, { name, status: "not-tried", reason: w.text, msgs: [w.msg] });
      continue;
    }
    const p = await probe(name, opts);
    if (p.ok) {
      chosen = { name, probe: p };
      reasons.set(name, { name, status: "active", reason: p.reason, msgs: p.msgs });
    } else {
      reasons.set(name, { name, status: "unavailable", reason: p.reason, msgs: p.msgs });
    }
  }
  if (!chosen) {
    // Only reachable if even CPU failed to register, which tfjs makes impossible; be explicit anyway.
    throw new Error("no TensorFlow.js backend could be initialised");
  }
  return {
    backend: chosen.name,
    detail: chosen.probe.detail ?? BACKEND_LABELS[chosen.name],
    ...(chosen.probe.detailMsg ? { detailMsg: chosen.probe.detailMsg } : {}),
    threads: chosen.probe.threads ?? 1,
    checks: BACKEND_NAMES.map((n) => reasons.get(n)!),
  };
}

/** The backend tfjs is using now (null before any was set). */
export function activeBackend(): BackendName | null {
  const b = tf.getBackend();
  return isBackendName(b) ? b : null;
}
