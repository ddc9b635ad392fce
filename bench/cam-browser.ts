/**
 * Drives bench/browser/cam-entry.ts in headless Chromium (Debian's, see browser/chromium.ts):
 * bundles the page, serves it with the model from public/ and the wasm binaries, and
 * returns the page's measurements to bench/cam.ts.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

import { build } from "esbuild";
import { chromium } from "playwright-core";

import { decodeImageNode } from "../lib/image/decode-node";
import { prepareInput } from "../lib/image/prepare";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser/chromium";
import { serve } from "./browser/serve";
import type { CaseTimes } from "./cam-core";

const ROOT = process.cwd();

export async function runBrowserCamBench(runs: number, scoreRuns: number): Promise<CaseTimes[]> {
  const dir = await mkdtemp(join(os.tmpdir(), "bench-cam-"));
  try {
    await build({
      entryPoints: [join(ROOT, "bench/browser/cam-entry.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(dir, "bench.js"),
      logLevel: "error",
      mainFields: ["browser", "module", "main"],
      define: { "process.env.NODE_ENV": '"production"' },
    });
    await writeFile(
      join(dir, "index.html"),
      '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script>',
    );
    const wasmDir = join(dir, "tfjs-wasm");
    await mkdir(wasmDir);
    const pkg = join(ROOT, "node_modules/@tensorflow/tfjs-backend-wasm");
    for (const f of ["dist/tfjs-backend-wasm.wasm", "dist/tfjs-backend-wasm-simd.wasm"])
      await symlink(join(pkg, f), join(wasmDir, f.slice(f.indexOf("/") + 1)));
    const img = await decodeImageNode(
      new Uint8Array(readFileSync(join(ROOT, "public/samples/dog.jpg"))),
      "dog.jpg",
    );
    const input = prepareInput(img.image, {
      width: 224,
      height: 224,
      resize: "stretch",
      preprocess: "symmetric",
    }).data;
    const { server, url } = await serve({ "/": dir, "/models/": join(ROOT, "public/models") });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      page.on("pageerror", (e) => process.stderr.write(`page error: ${e.message}\n`));
      await page.goto(url + "/");
      await page.waitForFunction(() => "runCamBench" in globalThis, null, { timeout: 60_000 });
      page.setDefaultTimeout(0);
      return (await page.evaluate(
        ([n, s, x]) =>
          (
            globalThis as unknown as {
              runCamBench: (n: number, s: number, x: number[]) => Promise<unknown>;
            }
          ).runCamBench(n, s, x),
        [runs, scoreRuns, Array.from(input)] as const,
      )) as CaseTimes[];
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
