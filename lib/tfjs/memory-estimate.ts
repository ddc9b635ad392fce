/**
 * Memory a tfjs build and run will need, estimated from the calculator before anything is
 * allocated, and a budget that depends on the device. Figures are fp32 bytes.
 */
import type { Analysis } from "../cost/analyze";
import { type Msg, msg } from "../i18n/msg";

export interface MemoryEstimate {
  /** All parameters (trainable + BN statistics) at 4 bytes. */
  readonly weightBytes: number;
  /** Peak live activations of one forward pass at this batch size (lib/cost/memory.ts). */
  readonly activationBytes: number;
  /** Folded copies of the weights held by the fast inference path (0 if not used). */
  readonly fusedBytes: number;
  /** Temporaries of weight initialisation (the largest layer's weights, a few times over). */
  readonly initBytes: number;
  /** What must fit at once: weights + max(init temporaries, fused copy + activations). */
  readonly totalBytes: number;
  readonly batch: number;
}

export interface MemoryBudget {
  readonly bytes: number;
  /** Why this budget, for the warning text. */
  readonly source: string;
  /** The same for the interface (build.memory.source.*). */
  readonly sourceMsg: Msg;
}

const GiB = 1024 ** 3;
/** tfjs-backend-wasm's heap is 32-bit; leave room below 4 GiB for the runtime itself. */
const WASM_HEAP_CAP = 2 * GiB;

export function estimateMemory(
  analysis: Analysis,
  opts: { batch?: number; fused?: boolean } = {},
): MemoryEstimate {
  const batch = Math.max(1, Math.floor(opts.batch ?? 1));
  const t = analysis.totals;
  const weightBytes = t.weightBytes.fp32;
  let largest = 0;
  for (const l of analysis.layers)
    largest = Math.max(largest, l.trainableParams + l.nonTrainableParams);
  // Truncated-normal init draws into a JS array, copies it to a tensor, then into the variable.
  const initBytes = 3 * 4 * largest;
  const activationBytes = t.peakActivationBytes * batch;
  const fusedBytes = opts.fused === false ? 0 : weightBytes;
  const totalBytes = weightBytes + Math.max(initBytes, fusedBytes + activationBytes);
  return { weightBytes, activationBytes, fusedBytes, initBytes, totalBytes, batch };
}

/**
 * A quarter of the device's memory (navigator.deviceMemory in GB, which Chrome caps at 8, or
 * the machine's bytes in Node), at most what the wasm heap can address. 1 GiB when unknown.
 */
export function deviceBudget(device: {
  deviceMemoryGB?: number | undefined;
  totalMemBytes?: number | undefined;
  backend?: string | undefined;
}): MemoryBudget {
  const capNote = device.backend === "wasm" ? ", capped by the 32-bit WASM heap" : "";
  const cap1 = device.backend === "wasm" ? "yes" : "no";
  const cap = device.backend === "wasm" ? WASM_HEAP_CAP : Infinity;
  if (device.totalMemBytes && device.totalMemBytes > 0) {
    const b = Math.min(cap, device.totalMemBytes / 4);
    return {
      bytes: b,
      source: `a quarter of this machine's ${formatBytes(device.totalMemBytes)}${capNote}`,
      sourceMsg: msg("build.memory.source.machine", {
        bytes: formatBytes(device.totalMemBytes),
        cap: cap1,
      }),
    };
  }
  if (device.deviceMemoryGB && device.deviceMemoryGB > 0) {
    const b = Math.min(cap, (device.deviceMemoryGB * GiB) / 4);
    return {
      bytes: b,
      source: `a quarter of the ${device.deviceMemoryGB} GB the browser reports (navigator.deviceMemory)${capNote}`,
      sourceMsg: msg("build.memory.source.browser", { gb: device.deviceMemoryGB, cap: cap1 }),
    };
  }
  return {
    bytes: Math.min(cap, GiB),
    source: "1 GiB: this browser does not report its memory",
    sourceMsg: msg("build.memory.source.unknown"),
  };
}

export function overBudget(e: MemoryEstimate, b: MemoryBudget): boolean {
  return e.totalBytes > b.bytes;
}

export function formatBytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(n >= 100 * 1024 ** 2 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
}
