/**
 * Backend names, labels and the shape of a selection result, without importing tfjs, so a
 * page can show them while tfjs itself runs in a worker. Selection is in backends.ts.
 */
import type { Msg } from "../i18n/msg";

export const BACKEND_NAMES = ["webgpu", "webgl", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = {
  webgpu: "WebGPU",
  webgl: "WebGL",
  wasm: "WASM",
  cpu: "CPU (plain JS)",
};

export interface BackendCheck {
  readonly name: BackendName;
  /** The backend initialised (or would have: lower-priority ones are not tried). */
  readonly status: "active" | "available" | "unavailable" | "not-tried";
  /** Human sentence: why it runs, why it was skipped. */
  readonly reason: string;
  /** The same for the interface, in parts (joined like notes); absent: only English. */
  readonly msgs?: readonly Msg[];
}

export interface BackendChoice {
  readonly backend: BackendName;
  /** e.g. "WASM, SIMD, 2 threads" or "WebGL 2". */
  readonly detail: string;
  /** The detail for the interface to translate. */
  readonly detailMsg?: Msg;
  /** Threads the backend computes with (wasm); 1 elsewhere on the CPU side. */
  readonly threads: number;
  /** Workers training at once, each on this backend (the Lab's pool); absent: one. */
  readonly workers?: number;
  readonly checks: readonly BackendCheck[];
}

export function isBackendName(v: unknown): v is BackendName {
  return typeof v === "string" && (BACKEND_NAMES as readonly string[]).includes(v);
}

/** Throws a clear message for a bad backend name (CLI, URL). */
export function parseBackend(
  v: unknown,
  allowed: readonly BackendName[] = BACKEND_NAMES,
): BackendName {
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as BackendName;
  throw new Error(`backend: unknown backend ${JSON.stringify(v)}; allowed: ${allowed.join(", ")}`);
}
