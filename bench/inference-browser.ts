/**
 * Headless Chromium: the app's tfjs-wasm inference (BN-folded, fused ops) against
 * onnxruntime-web (wasm) on EfficientNet-B0 and MobileNetV2 at 224, batch 1, in the same
 * cross-origin-isolated page, same thread count, alternating runs (each after a short idle
 * pause, and again back-to-back: see SETTLE_MS in inference-core.ts). Prints medians, ratios.
 * Two passes, each in a fresh page: one WASM thread, then the app's default (one per core),
 * and the threaded/single speed-up of both runtimes.
 *
 *   npm run -s bench:inference-browser [-- --runs 20]
 */
import { rm } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";

import { chromium } from "playwright-core";

import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser/chromium";
import { bundleBenchPage } from "./browser/bundle";
import { serve } from "./browser/serve";
import { formatCase, type CaseResult } from "./inference-core";

const ROOT = process.cwd();
function runsArg(): number {
  const i = process.argv.indexOf("--runs");
  const n = i >= 0 ? Number(process.argv[i + 1]) : 20;
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    process.stderr.write("bench: --runs: expected an integer from 1 to 1000\n");
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const runs = runsArg();
  const dir = await bundleBenchPage("bench/browser/inference-entry.ts", "bench-inference-", {
    threaded: true,
  });
  const { server, url } = await serve({
    "/": dir,
    "/ort/": join(ROOT, "node_modules/onnxruntime-web/dist"),
    "/onnx/": join(ROOT, "..", "shared", "models", "onnx"),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    type Result = { env: Record<string, unknown>; cases: CaseResult[] };
    const pass = async (threads: number | undefined): Promise<Result> => {
      // A fresh page per pass: tfjs cannot restart its WASM module with another thread count.
      const page = await browser.newPage();
      page.on("pageerror", (e) => process.stderr.write(`page error: ${e.message}\n`));
      await page.goto(url + "/");
      await page.waitForFunction(() => "runBench" in globalThis, null, { timeout: 60_000 });
      const r = (await page.evaluate(
        ([n, t]) =>
          (
            globalThis as unknown as {
              runBench: (n: number, t: number | undefined) => Promise<unknown>;
            }
          ).runBench(n, t ?? undefined),
        [runs, threads ?? null] as const,
      )) as Result;
      await page.close();
      return r;
    };
    const single = await pass(1);
    const threaded = await pass(undefined);
    console.log(
      `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}`,
    );
    console.log(`browser: ${String(single.env.userAgent)}\n`);
    for (const [name, r] of [
      ["single thread", single],
      ["threaded (app default)", threaded],
    ] as const) {
      console.log(
        `== ${name}: crossOriginIsolated=${String(r.env.crossOriginIsolated)}, hardwareConcurrency=${String(r.env.hardwareConcurrency)}; tfjs ${String(r.env.tfjs)} on ${String(r.env.backend)}; onnxruntime-web wasm with ${String(r.env.threads)} thread(s)\n`,
      );
      for (const c of r.cases) console.log(formatCase(c) + "\n");
    }
    console.log("== threaded vs single (median ms; speed-up = single / threaded)");
    for (const s of single.cases) {
      const t = threaded.cases.find((c) => c.label === s.label);
      if (!t) continue;
      const f = (a: number, b: number): string =>
        `${a.toFixed(1)} -> ${b.toFixed(1)} ms (x${(a / b).toFixed(2)})`;
      console.log(`${s.label}`);
      console.log(`  tfjs-wasm BN-folded  ${f(s.tfjsFusedMs.median, t.tfjsFusedMs.median)}`);
      console.log(`  onnxruntime-web      ${f(s.ortMs.median, t.ortMs.median)}`);
    }
  } finally {
    await browser.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
