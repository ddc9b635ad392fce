/**
 * Page side of bench/inference-browser.ts (bundled with esbuild, served with COOP/COEP):
 * the same comparison as Node, in one page, both runtimes on the same thread count.
 */
import * as tf from "@tensorflow/tfjs";
import * as ort from "onnxruntime-web/wasm";

import { selectBackend } from "../../lib/tfjs/backends";
import { CASES, runCase, type CaseResult } from "../inference-core";

interface PageResult {
  readonly env: {
    readonly userAgent: string;
    readonly crossOriginIsolated: boolean;
    readonly hardwareConcurrency: number;
    readonly tfjs: string;
    readonly backend: string;
    readonly threads: number;
  };
  readonly cases: readonly CaseResult[];
}

/** `threads`: WASM threads for both runtimes; undefined = the app's default (one per core). */
async function run(runs: number, threads?: number): Promise<PageResult> {
  tf.enableProdMode();
  const choice = await selectBackend({
    prefer: "wasm",
    wasmPrefix: "/tfjs-wasm/",
    wasmThreads: threads,
  });
  ort.env.wasm.wasmPaths = "/ort/";
  ort.env.wasm.numThreads = choice.threads;
  ort.env.logLevel = "error";
  const cases: CaseResult[] = [];
  for (const c of CASES) {
    const res = await fetch(`/onnx/${c.file}`);
    if (!res.ok) throw new Error(`could not fetch ${c.file}: HTTP ${res.status}`);
    const onnx = new Uint8Array(await res.arrayBuffer());
    cases.push(
      await runCase(
        ort as unknown as Parameters<typeof runCase>[0],
        { label: c.label, request: c.request, onnx },
        runs,
      ),
    );
  }
  return {
    env: {
      userAgent: navigator.userAgent,
      crossOriginIsolated: self.crossOriginIsolated,
      hardwareConcurrency: navigator.hardwareConcurrency,
      tfjs: tf.version.tfjs,
      backend: `${choice.detail} (${choice.checks.find((c) => c.name === "wasm")?.reason ?? ""})`,
      threads: choice.threads,
    },
    cases,
  };
}

(globalThis as unknown as { runBench: typeof run }).runBench = run;
